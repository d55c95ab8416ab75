/**
 * Builds the Octokit the GitHub client uses: @octokit/rest with the retry and throttling plugins, a
 * per-attempt timeout, and delays scaled by `retryDelayUnitMs`.
 *
 * Loading: the @octokit packages are ESM-only. The TypeScript output is CommonJS, so these imports compile
 * to `require()`, which Node 20.19+ supports for ES modules without a flag (vitest imports them as ESM).
 * Types: every @octokit package also has a top-level `types` field, which the project's
 * `moduleResolution: node` reads (it ignores `exports`), so the full typings apply; no local declarations.
 */
import { type LoggerService } from '@nestjs/common';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

import { type GithubClientOptions } from './github-client.options';

export const GithubOctokit = Octokit.plugin(retry, throttling);
export type GithubOctokit = InstanceType<typeof GithubOctokit>;

/** An HTTP attempt to GitHub took longer than `timeoutMs` (headers and body together). */
export class GithubTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`GitHub did not answer within ${timeoutMs} ms`);
    this.name = 'GithubTimeoutError';
  }
}

/** Statuses never retried: client errors, and rate limits (the throttling plugin decides on those). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * `fetch` with a deadline per attempt that also covers reading the body (buffered here; GitHub's JSON
 * answers are small). The caller's own signal still aborts it.
 */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await base(input, { ...init, signal });
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const buffered = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(buffered, 'url', { value: response.url });
      return buffered;
    } catch (error) {
      if (deadline.aborted && !init?.signal?.aborted) throw new GithubTimeoutError(timeoutMs);
      throw error;
    }
  };
}

/**
 * `purpose: 'graphql'` builds the instance GraphQL queries go through: retries as for REST, but without the
 * throttling plugin, which queues every GraphQL request behind one process-wide 1-per-second limiter meant
 * for mutations (one query per ingestion needs none; a rate-limited query simply fails and is left out).
 */
export function createGithubOctokit(
  options: GithubClientOptions,
  logger: LoggerService,
  purpose: 'rest' | 'graphql' = 'rest',
): GithubOctokit {
  const debug = (message: string): void => logger.debug?.(message);
  return new GithubOctokit({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: options.userAgent ?? 'llmployable',
    // Octokit logs every request (info) and every failed one, 304s and 404s included (error): keep those
    // at debug; the client logs what matters.
    log: { debug, info: debug, warn: (message: string) => logger.warn(message), error: debug },
    request: { fetch: fetchWithTimeout(options.timeoutMs) },
    retry: {
      retries: options.retries,
      retryAfterBaseValue: options.retryDelayUnitMs,
      doNotRetry: DO_NOT_RETRY,
    },
    throttle: {
      enabled: purpose === 'rest',
      retryAfterBaseValue: options.retryDelayUnitMs,
      // The primary limit resets within the hour: never wait for it inside a request; fail with a 503.
      onRateLimit: () => false,
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < options.retries && retryAfter <= options.retryMaxWaitSeconds,
    },
  });
}
