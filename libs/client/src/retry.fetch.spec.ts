import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { retryAfterMs, retryingFetch } from './retry.fetch';

/** A local HTTP server answering each request with the next scripted response (the last one repeats). */
async function scripted(responses: { status: number; headers?: Record<string, string>; body?: string }[]) {
  const bodies: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push(text);
      const next = responses[Math.min(bodies.length - 1, responses.length - 1)];
      response.writeHead(next.status, next.headers ?? {});
      response.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  return { url, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const realFetch = (request: Request) => fetch(request);

describe('retryingFetch', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('resends a 429 and a 503 (body included) after the Retry-After seconds and HTTP date, then returns the answer', async () => {
    const server = await scripted([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } },
      { status: 201, body: 'created' },
    ]);
    close = server.close;
    const waits: number[] = [];
    const fetch = retryingFetch(realFetch, { retries: 3 }, async (ms) => void waits.push(ms));
    const response = await fetch(new Request(server.url, { method: 'POST', body: '{"a":1}' }));
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('created');
    expect(server.bodies).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(waits[0]).toBe(2000);
    // An HTTP date has one-second resolution.
    expect(waits[1]).toBeGreaterThan(28_000);
    expect(waits[1]).toBeLessThanOrEqual(30_000);
  });

  it('backs off exponentially with jitter when there is no Retry-After, and gives up after `retries`', async () => {
    const server = await scripted([{ status: 503 }]);
    close = server.close;
    const waits: number[] = [];
    const fetch = retryingFetch(
      realFetch,
      { retries: 3, baseDelayMs: 100 },
      async (ms) => void waits.push(ms),
    );
    const response = await fetch(new Request(server.url));
    expect(response.status).toBe(503);
    expect(server.bodies).toHaveLength(4);
    waits.forEach((wait, attempt) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(100 * 2 ** attempt);
    });
  });

  it('returns at once a status that is not 429/503, and a Retry-After longer than maxDelayMs', async () => {
    const server = await scripted([{ status: 429, headers: { 'retry-after': '3600' } }]);
    close = server.close;
    const waits: number[] = [];
    const fetch = retryingFetch(realFetch, { maxDelayMs: 60_000 }, async (ms) => void waits.push(ms));
    expect((await fetch(new Request(server.url))).status).toBe(429);
    expect(waits).toEqual([]);
    const other = await scripted([{ status: 500 }]);
    const fetchOther = retryingFetch(realFetch, {}, async (ms) => void waits.push(ms));
    expect((await fetchOther(new Request(other.url))).status).toBe(500);
    expect(other.bodies).toHaveLength(1);
    await other.close();
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates; ignores what it cannot read', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Sun, 29 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
