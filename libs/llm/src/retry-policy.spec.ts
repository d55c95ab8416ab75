import { describe, expect, it } from 'vitest';

import {
  backoffDelayMs,
  MAX_BACKOFF_MS,
  parseProtoDuration,
  parseRetryAfter,
  parseRetryAfterMs,
  sleep,
} from './retry-policy';

describe('backoffDelayMs', () => {
  it('draws a full-jitter wait below base·2^retry, capped', () => {
    expect(backoffDelayMs(0, 100, () => 0)).toBe(0);
    expect(backoffDelayMs(0, 100, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, 100, () => 0.5)).toBe(400);
    expect(backoffDelayMs(40, 100, () => 0.999)).toBeLessThan(MAX_BACKOFF_MS);
  });
});

describe('Retry-After parsing', () => {
  it('reads delta-seconds, fractional seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("reads OpenAI's retry-after-ms and Google's RetryInfo durations", () => {
    expect(parseRetryAfterMs('250')).toBe(250);
    expect(parseRetryAfterMs('x')).toBeUndefined();
    expect(parseProtoDuration('37s')).toBe(37_000);
    expect(parseProtoDuration('1.5s')).toBe(1500);
    expect(parseProtoDuration('5m')).toBeUndefined();
    expect(parseProtoDuration(5)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
