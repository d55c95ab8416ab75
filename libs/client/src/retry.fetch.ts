export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff when the server sends no Retry-After, doubled each time, with jitter (default 500 ms). */
  baseDelayMs?: number;
  /** A longer wait than this (Retry-After included) is not waited for: the 429/503 is returned (default 60 s). */
  maxDelayMs?: number;
}

/** Statuses that mean "not processed, come back later": safe to resend for every method. */
const RETRYABLE = new Set([429, 503]);

/**
 * Wraps fetch: a 429 or 503 is retried after the server's `Retry-After` (seconds or an HTTP date), else after an
 * exponential backoff with full jitter, up to `retries` times. The API answers 429/503 before doing any work, so
 * resending a POST is safe (generation POSTs also carry an Idempotency-Key).
 */
export function retryingFetch(
  base: (request: Request) => Promise<Response>,
  options: RetryOptions = {},
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = delay,
): (request: Request) => Promise<Response> {
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      const response = await base(attempt < retries ? request.clone() : request);
      if (!RETRYABLE.has(response.status) || attempt >= retries) return response;
      const wait =
        retryAfterMs(response.headers.get('retry-after')) ??
        Math.round(Math.random() * baseDelayMs * 2 ** attempt);
      if (wait > maxDelayMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, request.signal);
    }
  };
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
