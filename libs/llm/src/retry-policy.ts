/**
 * Backoff between attempts: exponential with full jitter (a random wait in [0, base·2^n], capped), or
 * what the provider asked for (Retry-After) when it said. A provider asking for more than
 * `MAX_RETRY_AFTER_MS` is not retried at all: waiting less would only be refused again.
 */

/** Longest exponential backoff between two attempts. */
export const MAX_BACKOFF_MS = 30_000;
/** Longest Retry-After honoured; a longer one ends the retries. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Full-jitter delay before retry number `retry` (0 for the first retry). */
export function backoffDelayMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds from a `Retry-After` header: delta-seconds (also fractional, as some proxies send) or an
 * HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone takes "-1" as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Milliseconds from OpenAI's `retry-after-ms` header. */
export function parseRetryAfterMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value));
}

/** Milliseconds from a protobuf Duration in JSON (`"37s"`, `"1.5s"`), as Google's RetryInfo carries it. */
export function parseProtoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
