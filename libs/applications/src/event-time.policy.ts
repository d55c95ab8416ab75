/**
 * When a timeline event may say it happened. Clients may back-date `at` (an application is often recorded
 * after the fact), within these bounds:
 * - not later than the server's now plus `maxFutureSkewMs` (clock skew between client and server);
 * - not earlier than the application's `createdAt` minus `maxBackdateDays`;
 * - for status changes and reopen: not earlier than the previous status change (`statusChangedAt`), so the
 *   status history stays in order and `appliedAt ≤ firstResponseAt ≤ closedAt`. Notes may annotate any
 *   moment inside the window, also before the latest status change.
 * Without `at` the event happens now (or at the previous status change, when that lies in the skew window).
 */
export const EVENT_TIME_POLICY = {
  maxFutureSkewMs: 5 * 60 * 1000,
  maxBackdateDays: 365,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type EventTimeKind = 'status' | 'note';

export interface EventTimeContext {
  kind: EventTimeKind;
  now: Date;
  createdAt: Date;
  /** `at` of the previous status change or reopen; null when the status never changed. */
  statusChangedAt: Date | null;
}

export type EventTimeRule = 'notInFuture' | 'withinBackdateWindow' | 'notBeforePreviousStatusChange';

export interface EventTimeViolation {
  rule: EventTimeRule;
  message: string;
  earliest: Date;
  latest: Date;
}

export type EventTimeResult = { ok: true; at: Date } | { ok: false; violation: EventTimeViolation };

/** The window `at` must fall in (inclusive at both ends). */
export function eventTimeWindow(context: EventTimeContext): { earliest: Date; latest: Date } {
  const latest = new Date(context.now.getTime() + EVENT_TIME_POLICY.maxFutureSkewMs);
  let earliest = context.createdAt.getTime() - EVENT_TIME_POLICY.maxBackdateDays * DAY_MS;
  if (context.kind === 'status' && context.statusChangedAt) {
    earliest = Math.max(earliest, context.statusChangedAt.getTime());
  }
  return { earliest: new Date(earliest), latest };
}

export function resolveEventTime(requested: Date | undefined, context: EventTimeContext): EventTimeResult {
  const { earliest, latest } = eventTimeWindow(context);
  if (!requested) {
    const at =
      context.kind === 'status' && context.statusChangedAt && context.statusChangedAt > context.now
        ? context.statusChangedAt
        : context.now;
    return { ok: true, at };
  }
  const violation = (rule: EventTimeRule, message: string): EventTimeResult => ({
    ok: false,
    violation: { rule, message, earliest, latest },
  });
  if (requested.getTime() > latest.getTime()) {
    return violation(
      'notInFuture',
      `at must not be in the future (at most ${EVENT_TIME_POLICY.maxFutureSkewMs / 60_000} minutes of clock skew)`,
    );
  }
  if (requested.getTime() < earliest.getTime()) {
    const afterStatus =
      context.kind === 'status' &&
      context.statusChangedAt &&
      context.statusChangedAt.getTime() === earliest.getTime();
    return afterStatus
      ? violation(
          'notBeforePreviousStatusChange',
          `at must not be before the previous status change (${earliest.toISOString()})`,
        )
      : violation(
          'withinBackdateWindow',
          `at must not be more than ${EVENT_TIME_POLICY.maxBackdateDays} days before the application was created`,
        );
  }
  return { ok: true, at: requested };
}
