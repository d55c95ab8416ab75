import { DomainError } from '../errors/domain.error';
import { type RateLimitBucketName } from './rate-limit.decorators';

export enum RateLimitErrorCode {
  RateLimited = 'rate_limited',
}

export interface RateLimitedDetails {
  /** A route bucket, or `auth`: failed authentications per IP. */
  bucket: RateLimitBucketName | 'auth';
  limit: number;
  windowSeconds: number;
  /** Seconds until the window resets and requests are accepted again. */
  resetSeconds: number;
  /** What the limit was counted against. */
  tracker: 'key' | 'ip';
}

/** The 429 problem: names the bucket and its limit, and says when to retry (`Retry-After`, `resetSeconds`). */
export function rateLimited({
  bucket,
  limit,
  windowSeconds,
  resetSeconds,
  tracker,
}: RateLimitedDetails): DomainError {
  const per = tracker === 'key' ? 'API key' : 'client IP address';
  return new DomainError({
    status: 429,
    code: RateLimitErrorCode.RateLimited,
    title: 'Too many requests',
    detail:
      `Rate limit exceeded for the "${bucket}" bucket: ${limit} requests per ${windowSeconds} seconds per ${per}. ` +
      `Retry in ${resetSeconds} seconds.`,
    extensions: { bucket, limit, windowSeconds, resetSeconds },
    headers: { 'retry-after': String(resetSeconds) },
  });
}
