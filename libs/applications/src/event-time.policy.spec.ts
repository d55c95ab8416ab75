import { describe, expect, it } from 'vitest';

import { EVENT_TIME_POLICY, type EventTimeContext, resolveEventTime } from './event-time.policy';

const now = new Date('2026-06-01T12:00:00Z');
const createdAt = new Date('2026-05-01T12:00:00Z');
const minutes = (n: number) => n * 60 * 1000;
const days = (n: number) => n * 24 * 60 * 60 * 1000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('event time policy', () => {
  const status: EventTimeContext = { kind: 'status', now, createdAt, statusChangedAt: null };
  const note: EventTimeContext = { kind: 'note', now, createdAt, statusChangedAt: at(now, -days(2)) };

  it('defaults to now', () => {
    expect(resolveEventTime(undefined, status)).toEqual({ ok: true, at: now });
  });

  it('defaults to the previous status change when that lies in the skew window', () => {
    const ahead = at(now, minutes(2));
    expect(resolveEventTime(undefined, { ...status, statusChangedAt: ahead })).toEqual({
      ok: true,
      at: ahead,
    });
  });

  it('accepts small clock skew and refuses the future beyond it', () => {
    expect(resolveEventTime(at(now, EVENT_TIME_POLICY.maxFutureSkewMs), status).ok).toBe(true);
    const result = resolveEventTime(at(now, EVENT_TIME_POLICY.maxFutureSkewMs + 1), status);
    expect(result).toMatchObject({ ok: false, violation: { rule: 'notInFuture' } });
  });

  it('accepts back-dating up to maxBackdateDays before creation, not beyond', () => {
    const earliest = at(createdAt, -days(EVENT_TIME_POLICY.maxBackdateDays));
    expect(resolveEventTime(earliest, status)).toEqual({ ok: true, at: earliest });
    const result = resolveEventTime(at(earliest, -1), status);
    expect(result).toMatchObject({ ok: false, violation: { rule: 'withinBackdateWindow', earliest } });
  });

  it('keeps status changes in order but lets notes annotate earlier moments', () => {
    const previous = at(now, -days(2));
    const before = at(previous, -1);
    expect(resolveEventTime(before, { ...status, statusChangedAt: previous })).toMatchObject({
      ok: false,
      violation: { rule: 'notBeforePreviousStatusChange', earliest: previous },
    });
    expect(resolveEventTime(previous, { ...status, statusChangedAt: previous }).ok).toBe(true);
    expect(resolveEventTime(before, note)).toEqual({ ok: true, at: before });
  });
});
