import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '@app/core';
import { type TestApp, startTestApp } from '@app/testing';

describe('security headers and CORS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(() => t.close());

  it('sends the helmet-equivalent security headers on success and on errors', async () => {
    for (const path of ['/health', '/definitely-missing']) {
      const res = await request(t.server).get(path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name]).toBe(value);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('allows a configured origin and exposes X-Request-Id to it', async () => {
    const res = await request(t.server).get('/health').set('origin', 'https://app.example.com').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('does not allow an origin that is not configured', async () => {
    const res = await request(t.server).get('/health').set('origin', 'https://evil.example.net').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight for an allowed origin with the API-key headers allowed', async () => {
    const res = await request(t.server)
      .options('/api/v1/health')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'x-api-key,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).toContain('X-API-Key');
  });
});
