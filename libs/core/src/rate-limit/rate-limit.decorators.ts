import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** The three rate-limit buckets; each has its own limit per window (RATE_LIMIT_READ / _WRITE / _GENERATE). */
export const RATE_LIMIT_BUCKETS = ['read', 'write', 'generate'] as const;
export type RateLimitBucketName = (typeof RATE_LIMIT_BUCKETS)[number];

/** What a route is counted against: a bucket, or nothing at all (`skip`). */
export type RateLimitPolicy = RateLimitBucketName | 'skip';

export const RATE_LIMIT_POLICY = 'llmployable:rateLimitPolicy';

/**
 * Counts a route (or every route of a controller) against the given bucket instead of the one its HTTP
 * method implies (GET/HEAD: `read`, anything else: `write`). Generation routes use `@RateLimitBucket('generate')`.
 * Documented in OpenAPI as `x-rate-limit-bucket`.
 */
export const RateLimitBucket = (bucket: RateLimitBucketName) =>
  applyDecorators(SetMetadata(RATE_LIMIT_POLICY, bucket), ApiExtension('x-rate-limit-bucket', bucket));

/**
 * Exempts a route or controller from rate limiting (orchestrator and load-balancer health probes, which
 * must never be answered with a 429). A method-level `@RateLimitBucket` still wins over a class-level skip.
 */
export const SkipRateLimit = () =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_POLICY, 'skip' satisfies RateLimitPolicy),
    // Read by the OpenAPI builder (no 429 documented) and removed from the published document.
    ApiExtension('x-rate-limit-skip', true),
  );
