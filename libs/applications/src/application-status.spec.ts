import { describe, expect, it } from 'vitest';

import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  CLOSED_STATUSES,
  OPEN_STATUSES,
  STATUS_TRANSITIONS,
  allowedTransitions,
  canTransition,
  describeStatusMachine,
  isClosed,
  reopenTargetOf,
} from './application-status';

const PIPELINE: ApplicationStatus[] = ['draft', 'applied', 'screening', 'interviewing', 'offer', 'accepted'];
const pairs = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to] as const));
const allowed = pairs.filter(([from, to]) => STATUS_TRANSITIONS[from].includes(to));
const disallowed = pairs.filter(([from, to]) => !STATUS_TRANSITIONS[from].includes(to));

describe('application status machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(allowedTransitions(from)).toContain(to);
  });

  it.each(disallowed)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(allowedTransitions(from)).not.toContain(to);
  });

  it('covers every pair: 18 allowed, 46 refused', () => {
    expect(allowed).toHaveLength(18);
    expect(disallowed).toHaveLength(64 - 18);
  });

  // The rules the table must obey, checked independently of its contents.
  it('has a row for every status and lists only known statuses, without duplicates', () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...APPLICATION_STATUSES].sort());
    for (const next of Object.values(STATUS_TRANSITIONS)) {
      expect(next.every((status) => APPLICATION_STATUSES.includes(status))).toBe(true);
      expect(new Set(next).size).toBe(next.length);
    }
  });

  it('closed statuses have no way out; open ones can always be rejected or withdrawn', () => {
    expect(CLOSED_STATUSES).toEqual(['accepted', 'rejected', 'withdrawn']);
    for (const status of CLOSED_STATUSES) {
      expect(isClosed(status)).toBe(true);
      expect(allowedTransitions(status)).toEqual([]);
    }
    for (const status of OPEN_STATUSES) {
      expect(isClosed(status)).toBe(false);
      expect(allowedTransitions(status)).toEqual(expect.arrayContaining(['rejected', 'withdrawn']));
    }
  });

  it('never goes backwards in the pipeline; skips forward from applied on; no self-transitions', () => {
    for (const [from, to] of allowed) {
      expect(from).not.toBe(to);
      if (PIPELINE.includes(to) && PIPELINE.includes(from)) {
        expect(PIPELINE.indexOf(to)).toBeGreaterThan(PIPELINE.indexOf(from));
      }
    }
    expect(canTransition('applied', 'interviewing')).toBe(true);
    expect(canTransition('applied', 'offer')).toBe(true);
    expect(canTransition('draft', 'screening')).toBe(false);
    expect(canTransition('interviewing', 'accepted')).toBe(false);
  });

  it('reaches every status from draft', () => {
    const seen = new Set<ApplicationStatus>(['draft']);
    const queue: ApplicationStatus[] = ['draft'];
    while (queue.length) {
      for (const next of STATUS_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(next)) queue.push(next);
        seen.add(next);
      }
    }
    expect([...seen].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('reopens to the status before closing, falling back by appliedAt', () => {
    expect(reopenTargetOf({ statusBeforeClose: 'interviewing', appliedAt: new Date() })).toBe('interviewing');
    expect(reopenTargetOf({ statusBeforeClose: 'offer', appliedAt: new Date() })).toBe('offer');
    expect(reopenTargetOf({ statusBeforeClose: 'draft', appliedAt: null })).toBe('draft');
    expect(reopenTargetOf({ statusBeforeClose: null, appliedAt: new Date() })).toBe('applied');
    expect(reopenTargetOf({ statusBeforeClose: null, appliedAt: null })).toBe('draft');
    expect(reopenTargetOf({ statusBeforeClose: 'rejected', appliedAt: null })).toBe('draft');
  });

  it('describes the machine from the table', () => {
    const text = describeStatusMachine();
    for (const from of APPLICATION_STATUSES) {
      const row = text.split('\n').find((line) => line.startsWith(`| \`${from}\` |`));
      expect(row, from).toBeDefined();
      for (const to of STATUS_TRANSITIONS[from]) expect(row).toContain(`\`${to}\``);
    }
  });
});
