import { describe, expect, it } from 'vitest';

import { type StatsRow, computeApplicationStats, median } from './application-stats';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const day = (n: number) => new Date(T0 + n * 24 * 60 * 60 * 1000);

describe('application stats', () => {
  it('is all zeros and nulls for no applications', () => {
    const stats = computeApplicationStats([]);
    expect(stats).toEqual({
      total: 0,
      open: 0,
      closed: 0,
      byStatus: {
        draft: 0,
        applied: 0,
        screening: 0,
        interviewing: 0,
        offer: 0,
        accepted: 0,
        rejected: 0,
        withdrawn: 0,
      },
      applied: 0,
      responded: 0,
      responseRate: null,
      medianDaysToFirstResponse: null,
    });
  });

  it('counts, response rate and median on a known set', () => {
    const rows: StatsRow[] = [
      { status: 'draft', appliedAt: null, firstResponseAt: null },
      { status: 'rejected', appliedAt: null, firstResponseAt: null }, // rejected as a draft: never sent
      { status: 'applied', appliedAt: day(0), firstResponseAt: null },
      { status: 'screening', appliedAt: day(0), firstResponseAt: day(2) },
      { status: 'rejected', appliedAt: day(0), firstResponseAt: day(5) },
      { status: 'accepted', appliedAt: day(0), firstResponseAt: day(3) },
      { status: 'withdrawn', appliedAt: day(0), firstResponseAt: null },
      { status: 'withdrawn', appliedAt: day(0), firstResponseAt: day(7) }, // responded, then withdrew
    ];
    const stats = computeApplicationStats(rows);
    expect(stats.total).toBe(8);
    expect(stats.byStatus).toEqual({
      draft: 1,
      applied: 1,
      screening: 1,
      interviewing: 0,
      offer: 0,
      accepted: 1,
      rejected: 2,
      withdrawn: 2,
    });
    expect(stats.open).toBe(3);
    expect(stats.closed).toBe(5);
    expect(stats.applied).toBe(6);
    expect(stats.responded).toBe(4);
    expect(stats.responseRate).toBe(0.6667);
    expect(stats.medianDaysToFirstResponse).toBe(4); // 2, 3, 5, 7
  });

  it('uses the middle value for an odd count and keeps fractional days', () => {
    const rows: StatsRow[] = [
      { status: 'screening', appliedAt: day(0), firstResponseAt: day(1.5) },
      { status: 'offer', appliedAt: day(0), firstResponseAt: day(10) },
      {
        status: 'rejected',
        appliedAt: day(0),
        firstResponseAt: new Date(day(0).getTime() + 3 * 3600 * 1000),
      },
    ];
    const stats = computeApplicationStats(rows);
    expect(stats.responseRate).toBe(1);
    expect(stats.medianDaysToFirstResponse).toBe(1.5);
  });

  it('median of a list', () => {
    expect(median([3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});
