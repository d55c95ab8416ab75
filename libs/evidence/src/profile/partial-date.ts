/**
 * The candidate's dates are partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); GitHub's are timestamps.
 * These helpers compare them at month precision.
 */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** Months since year 0 of a date; a bare year counts as January (`start`) or December (`end`). */
export function monthIndex(date: string | null | undefined, edge: 'start' | 'end' = 'start'): number | null {
  if (!date) return null;
  const match = PARTIAL_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] !== undefined ? Number(match[2]) : edge === 'start' ? 1 : 12;
  if (month < 1 || month > 12) return null;
  return year * 12 + (month - 1);
}

/** How many parts a date has: 1 (`YYYY`), 2 (`YYYY-MM`) or 3 (`YYYY-MM-DD` or a timestamp); 0 if none. */
export function datePrecision(date: string | null | undefined): number {
  if (!date) return 0;
  const match = PARTIAL_DATE.exec(date);
  if (!match) return 0;
  return match[3] !== undefined ? 3 : match[2] !== undefined ? 2 : 1;
}

/** The day part of a timestamp (`2024-05-17T10:00:00Z` → `2024-05-17`); partial dates unchanged. */
export function calendarDate(date: string | null | undefined): string | null {
  if (!date) return null;
  const match = PARTIAL_DATE.exec(date);
  return match ? match[0] : null;
}

/** The later of two dates (compared by month, then by precision); null only when both are. */
export function laterDate(a: string | null, b: string | null): string | null {
  const am = monthIndex(a, 'end');
  const bm = monthIndex(b, 'end');
  if (am === null) return bm === null ? null : b;
  if (bm === null) return a;
  if (am !== bm) return am > bm ? a : b;
  return (a ?? '') >= (b ?? '') ? a : b;
}

/** Whole months from `date` to `now` (0 when `date` is in the future). */
export function monthsSince(date: string, now: Date): number | null {
  const then = monthIndex(date, 'end');
  if (then === null) return null;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return Math.max(0, current - then);
}

/** Whether the date's month is after `now`'s. */
export function isFuture(date: string | null, now: Date): boolean {
  const month = monthIndex(date, 'start');
  return month !== null && month > now.getUTCFullYear() * 12 + now.getUTCMonth();
}

/** The date, or `now`'s month when the date is later (evidence cannot be from the future). */
export function notAfter(date: string | null, now: Date): string | null {
  return isFuture(date, now) ? currentMonth(now) : date;
}

/** `now` as a `YYYY-MM` month. */
export function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/**
 * Total months covered by the periods, overlaps counted once. A period without an end runs to `now`;
 * one without a start is not counted; months after `now` are not counted.
 */
export function coveredMonths(
  periods: readonly { start: string | null; end: string | null }[],
  now: Date,
): number {
  const current = monthIndex(currentMonth(now)) ?? 0;
  const ranges = periods
    .map((period) => {
      const start = monthIndex(period.start, 'start');
      const stated = period.end === null ? current : monthIndex(period.end, 'end');
      const end = stated === null ? null : Math.min(stated, current);
      return start === null || end === null || end < start ? null : ([start, end] as const);
    })
    .filter((range): range is readonly [number, number] => range !== null)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open: [number, number] | null = null;
  for (const [start, end] of ranges) {
    if (open && start <= open[1] + 1) open[1] = Math.max(open[1], end);
    else {
      if (open) total += open[1] - open[0] + 1;
      open = [start, end];
    }
  }
  if (open) total += open[1] - open[0] + 1;
  return total;
}
