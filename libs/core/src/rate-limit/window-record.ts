import { type ThrottlerStorage } from '@nestjs/throttler';

/** What a `ThrottlerStorage` answers for one hit (the package does not export the record type itself). */
export type WindowRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * A fixed-window count as `@nestjs/throttler`'s storage record: over the limit means blocked until the
 * window resets (no extra penalty), so `timeToBlockExpire` equals `timeToExpire`. Times are whole seconds, at least 1.
 */
export function windowRecord(hits: number, msLeft: number, limit: number): WindowRecord {
  const seconds = Math.max(1, Math.ceil(msLeft / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}
