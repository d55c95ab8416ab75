import { APPLICATION_STATUSES, type ApplicationStatus, isClosed } from './application-status';

/**
 * Application statistics, computed in code from a projection of the caller's applications (FerretDB has
 * no `$facet` and no `$group` accumulators beyond `$sum`/`$count`, so a median cannot be aggregated there).
 *
 * Definitions:
 * - `applied`: applications that were sent (`appliedAt` is set).
 * - first response: the first status change, after the application was sent, into `screening`,
 *   `interviewing`, `offer` or `rejected` (an employer reaction); its `at` is `firstResponseAt`.
 * - `responded`: sent applications with a first response, whatever their status now.
 * - `responseRate`: `responded / applied`, rounded to 4 decimals; null when nothing was sent.
 * - `medianDaysToFirstResponse`: the median over responded applications of
 *   `(firstResponseAt − appliedAt) / 86 400 000 ms` (mean of the two middle values for an even count),
 *   rounded to 2 decimals; null when nothing got a response.
 */
export interface StatsRow {
  status: ApplicationStatus;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
}

export interface ApplicationStats {
  total: number;
  open: number;
  closed: number;
  byStatus: Record<ApplicationStatus, number>;
  applied: number;
  responded: number;
  responseRate: number | null;
  medianDaysToFirstResponse: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function computeApplicationStats(rows: readonly StatsRow[]): ApplicationStats {
  const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, 0])) as Record<
    ApplicationStatus,
    number
  >;
  let closed = 0;
  let applied = 0;
  const days: number[] = [];
  for (const row of rows) {
    byStatus[row.status] += 1;
    if (isClosed(row.status)) closed += 1;
    if (!row.appliedAt) continue;
    applied += 1;
    if (row.firstResponseAt) {
      days.push(Math.max(0, row.firstResponseAt.getTime() - row.appliedAt.getTime()) / DAY_MS);
    }
  }
  return {
    total: rows.length,
    open: rows.length - closed,
    closed,
    byStatus,
    applied,
    responded: days.length,
    responseRate: applied === 0 ? null : round(days.length / applied, 4),
    medianDaysToFirstResponse: days.length === 0 ? null : round(median(days), 2),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
