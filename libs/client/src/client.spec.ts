/**
 * The client's event following where the live API cannot be made to misbehave: a local HTTP server speaks the
 * API's wire format (text/event-stream with ids, `GET /api/v1/generations/{id}`) and drops connections on cue.
 * The happy paths run against the live API in test/client.e2e-spec.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { collect, createLlmployableClient, type GenerationEvent } from './index';

const event = (seq: number, type: string, data: object = {}) =>
  `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const EVENTS = [
  event(1, 'queued'),
  event(2, 'started'),
  event(3, 'step', { step: 'evidence', status: 'finished' }),
  event(4, 'succeeded', { status: 'succeeded' }),
];

interface Script {
  /** Per events connection (in order): how many events to send from after Last-Event-ID, then cut or end. */
  streams: ({ send: number; then: 'cut' | 'end' } | 'refuse')[];
  status: string;
}

async function apiServer(script: Script) {
  const seen: { lastEventId: string | undefined }[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.endsWith('/events')) {
      const plan = script.streams[seen.length] ?? { send: EVENTS.length, then: 'end' };
      const lastEventId = request.headers['last-event-id'] as string | undefined;
      seen.push({ lastEventId });
      if (plan === 'refuse') return request.socket.destroy();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const after = Number(lastEventId ?? 0);
      for (const text of EVENTS.slice(after, after + plan.send)) response.write(text);
      if (plan.then === 'cut') setTimeout(() => request.socket.destroy(), 20);
      else response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'g1', status: script.status }));
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('generationEvents / followGeneration', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('resumes after a cut and a refused connection with Last-Event-ID: every event once, in order', async () => {
    const api = await apiServer({
      streams: [{ send: 2, then: 'cut' }, 'refuse', { send: 1, then: 'end' }, { send: 9, then: 'end' }],
      status: 'running',
    });
    close = api.close;
    const client = createLlmployableClient({ baseUrl: api.url, apiKey: 'k' });
    const events = await collect(client.generationEvents('g1'));
    expect(events.map((e) => `${e.seq}:${e.type}`)).toEqual([
      '1:queued',
      '2:started',
      '3:step',
      '4:succeeded',
    ]);
    expect(api.seen.map((s) => s.lastEventId)).toEqual([undefined, '2', '2', '3']);
  });

  it('gives up after `reconnects` attempts in a row without a new event', async () => {
    const api = await apiServer({ streams: Array(10).fill({ send: 0, then: 'end' }), status: 'running' });
    close = api.close;
    const client = createLlmployableClient({ baseUrl: api.url });
    await expect(collect(client.generationEvents('g1', { reconnects: 2 }))).rejects.toThrow(
      /kept ending before its final event/,
    );
    expect(api.seen).toHaveLength(3);
  });

  it('an error thrown by onEvent reaches the caller at once: no reconnect, no event skipped', async () => {
    const api = await apiServer({ streams: [], status: 'running' });
    close = api.close;
    const client = createLlmployableClient({ baseUrl: api.url });
    const received: number[] = [];
    const failing = (e: GenerationEvent) => {
      received.push(e.seq);
      if (e.seq === 2) throw new Error('consumer failed');
    };
    await expect(collect(client.generationEvents('g1', { onEvent: failing }))).rejects.toThrow(
      'consumer failed',
    );
    expect(received).toEqual([1, 2]);
    expect(api.seen).toHaveLength(1);
  });

  it('following a finished generation from after its final event returns its state', async () => {
    const api = await apiServer({ streams: [{ send: 0, then: 'end' }], status: 'succeeded' });
    close = api.close;
    const client = createLlmployableClient({ baseUrl: api.url });
    const final = await client.followGeneration('g1', { afterSeq: 4 });
    expect(final.status).toBe('succeeded');
    expect(api.seen).toEqual([{ lastEventId: '4' }]);
  });
});
