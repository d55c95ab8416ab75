import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '@app/testing';

import { TestRoutesModule } from './support/test-routes.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [TestRoutesModule] });
  });
  afterAll(() => t.close());

  it('echoes a well-formed X-Request-Id from the client', async () => {
    const res = await request(t.server).get('/health').set('x-request-id', 'client-req.42:a_b').expect(200);
    expect(res.headers['x-request-id']).toBe('client-req.42:a_b');
  });

  it('generates a UUID when the client sends none, or one that is malformed or too long', async () => {
    const none = await request(t.server).get('/health').expect(200);
    const bad = await request(t.server).get('/health').set('x-request-id', 'evil id; drop').expect(200);
    const long = await request(t.server).get('/health').set('x-request-id', 'a'.repeat(129)).expect(200);
    for (const res of [none, bad, long]) expect(res.headers['x-request-id']).toMatch(UUID);
    expect(new Set([none, bad, long].map((r) => r.headers['x-request-id'])).size).toBe(3);
  });

  it('puts the request id on every log line of a request, in one line per request', async () => {
    const id = 'trace-every-line';
    await request(t.server).get('/api/v1/test-only/log-headers').set('x-request-id', id).expect(200);
    const lines = t.logs.forRequest(id);
    expect(lines.map((l) => l.msg)).toEqual(['careless header log', 'request completed']);
    expect(lines[1]).toMatchObject({ method: 'GET', statusCode: 200, url: '/api/v1/test-only/log-headers' });
  });

  it('redacts authorization, x-api-key and cookies even when code logs the headers', async () => {
    const id = 'redaction-check';
    await request(t.server)
      .get('/api/v1/test-only/log-headers')
      .set('x-request-id', id)
      .set('authorization', 'Bearer llm_live_topsecretkey')
      .set('x-api-key', 'llm_live_othersecret')
      .set('cookie', 'session=cookiesecret')
      .expect(200);
    const line = t.logs.forRequest(id).find((l) => l.msg === 'careless header log');
    expect(line).toBeDefined();
    const text = JSON.stringify(line);
    for (const secret of ['topsecretkey', 'othersecret', 'cookiesecret']) expect(text).not.toContain(secret);
    expect((line?.headers as Record<string, string>).authorization).toBe('[redacted]');
    expect((line?.headers as Record<string, string>)['x-request-id']).toBe(id);
  });

  it('error responses carry the request id too', async () => {
    const res = await request(t.server).get('/nope').set('x-request-id', 'err-id-1').expect(404);
    expect(res.headers['x-request-id']).toBe('err-id-1');
    expect(res.body.requestId).toBe('err-id-1');
  });
});
