import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '@app/testing';

import { TestRoutesModule } from './support/test-routes.module';

const PROBLEM_TYPE = /^application\/problem\+json/;

describe('errors are RFC 9457 problem+json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [TestRoutesModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('400: a validation failure lists each invalid field, where it was and which rule failed', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-only/things')
      .send({ name: 'x', email: 'not-an-email', count: 99, profile: { githubUsername: '' }, extra: true })
      .expect(400)
      .expect('content-type', PROBLEM_TYPE);
    expect(res.body).toMatchObject({
      type: 'https://llmployable.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      code: 'validation_failed',
      instance: '/api/v1/test-only/things',
      requestId: res.headers['x-request-id'],
    });
    const fields = (res.body.errors as { field: string; rule: string; in: string }[]).map(
      (e) => `${e.in}:${e.field}:${e.rule}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'body:name:isLength',
        'body:email:isEmail',
        'body:count:max',
        'body:profile.githubUsername:isLength',
        'body:extra:unknown_property',
      ]),
    );
    expect(res.body.detail).toContain('email');
  });

  it('valid input passes the pipe, transformed and with nothing extra', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-only/things')
      .send({ name: 'widget', email: 'a@example.com', count: 3 })
      .expect(201);
    expect(res.body).toEqual({ name: 'widget', email: 'a@example.com', count: 3 });
  });

  it('400: query parameters are validated and reported as such', async () => {
    const res = await request(t.server).get('/api/v1/test-only/slow?ms=abc').expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'query', field: 'ms', rule: 'isInt' })]),
    );
  });

  it('400: a body that is not JSON is a problem, not a crash', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-only/things')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400)
      .expect('content-type', PROBLEM_TYPE);
    expect(res.body.code).toBe('bad_request');
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('404: an unknown route is route_not_found', async () => {
    const res = await request(t.server).get('/api/v1/nope').expect(404).expect('content-type', PROBLEM_TYPE);
    expect(res.body).toMatchObject({
      type: 'https://llmployable.dev/problems/route-not-found',
      title: 'Not found',
      status: 404,
      code: 'route_not_found',
      instance: '/api/v1/nope',
    });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('413: a body over BODY_LIMIT_BYTES is payload_too_large and names the limit', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-only/things')
      .send({ name: 'x'.repeat(4096), email: 'a@example.com' })
      .expect(413)
      .expect('content-type', PROBLEM_TYPE);
    expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(res.body.detail).toContain('2048');
  });

  it('415: an unsupported content type is a problem', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-only/things')
      .set('content-type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('500: reveals nothing internal, and logs the error with the errorId it returns', async () => {
    const res = await request(t.server)
      .get('/api/v1/test-only/crash')
      .expect(500)
      .expect('content-type', PROBLEM_TYPE);
    expect(res.body).toMatchObject({ status: 500, code: 'internal_error', title: 'Internal server error' });
    expect(res.body.errorId).toMatch(/^err_[0-9a-f-]{36}$/);
    const text = JSON.stringify(res.body);
    for (const secret of ['hunter2', '/srv/secret', 'path.ts', 'Error:']) expect(text).not.toContain(secret);
    const logged = t.logs.lines.find((line) => line.errorId === res.body.errorId);
    expect(logged).toBeDefined();
    expect(logged?.requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(logged?.err)).toContain('hunter2');
  });

  it('a DomainError keeps its status, code, extension members and headers', async () => {
    const res = await request(t.server)
      .get('/api/v1/test-only/quota')
      .expect(429)
      .expect('retry-after', '3600');
    expect(res.body).toMatchObject({
      type: 'https://llmployable.dev/problems/quota-exhausted',
      title: 'Quota exhausted',
      code: 'quota_exhausted',
      detail: 'The daily generation quota is used up.',
      resetAt: '2026-11-29T00:00:00.000Z',
    });
    expect(res.body.errorId).toBeUndefined();
  });
});
