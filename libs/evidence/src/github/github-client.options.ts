/** Settings of the GitHub adapter; the module builds them from the validated AppConfig. */
export interface GithubClientOptions {
  /** REST base URL: https://api.github.com, a GitHub Enterprise `/api/v3` URL, or a fake server in tests. */
  readonly apiUrl: string;
  /** Optional token: 5000 requests per hour instead of 60 (per client IP) without one. */
  readonly token?: string;
  /** Limit of each HTTP attempt, headers and body (a timed-out attempt counts as a failure and is retried). */
  readonly timeoutMs: number;
  /** README text kept per repository, in UTF-8 bytes, after Markdown is stripped. */
  readonly readmeMaxBytes: number;
  /** Retries after a 5xx, a timeout, a network error or a secondary rate limit. */
  readonly retries: number;
  /**
   * Milliseconds per second of retry delay: retry n waits n² units after a failure (1 s, 4 s, ...), and a
   * secondary rate limit waits GitHub's `retry-after` seconds in units. 1000 in production; tests lower it.
   */
  readonly retryDelayUnitMs: number;
  /** A secondary rate limit asking for a longer wait than this is not waited out but answered with a 503. */
  readonly retryMaxWaitSeconds: number;
  /** Per-repository requests (languages, README) in flight at once during ingestion. */
  readonly concurrency: number;
  /** Responses remembered with their ETag for conditional requests (in-memory store only). */
  readonly etagCacheMaxEntries: number;
  /** How long an unused ETag entry stays in the shared (Redis) store; every read renews it. */
  readonly etagTtlSeconds: number;
  /** Answers whose stored JSON is larger than this are not kept in the shared (Redis) store. */
  readonly etagMaxValueBytes: number;
  readonly userAgent?: string;
}

/** Injection token of `GithubClientOptions`. */
export const GITHUB_CLIENT_OPTIONS = Symbol('GITHUB_CLIENT_OPTIONS');

export const DEFAULT_GITHUB_CLIENT_OPTIONS: GithubClientOptions = {
  apiUrl: 'https://api.github.com',
  timeoutMs: 10_000,
  readmeMaxBytes: 16_384,
  retries: 2,
  retryDelayUnitMs: 1000,
  retryMaxWaitSeconds: 10,
  concurrency: 8,
  etagCacheMaxEntries: 10_000,
  etagTtlSeconds: 7 * 24 * 60 * 60,
  etagMaxValueBytes: 1024 * 1024,
  userAgent: 'llmployable',
};
