import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCOPES, type Scope } from '@app/core';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

const spec = parse(readFileSync(join(__dirname, '..', 'openapi.yaml'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { operationId: string; security: unknown[]; 'x-required-scopes'?: Scope[] }>
  >;
};
/** Every protected operation of the contract, with a concrete path (ids filled with a valid-looking id). */
const protectedOperations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, op]) => op.security.length > 0)
    .map(([method, op]) => ({
      method,
      path: path.replace(/\{[^}]+\}/g, '665f1c2e9b1d8a3f4c2e1a0b'),
      operationId: op.operationId,
      scopes: op['x-required-scopes'] ?? [],
    })),
);

function call(t: TestApp, method: string, path: string) {
  const agent = request(t.server) as unknown as Record<string, (path: string) => request.Test>;
  return agent[method](path);
}

describe('API-key authentication', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createTestUser(t, { scopes: ['keys:manage', 'resumes:read'] });
  });
  afterAll(() => t.close());

  it('accepts the key as Authorization: Bearer and as X-API-Key', async () => {
    const bearer = await request(t.server)
      .get('/api/v1/users/me')
      .set('authorization', `Bearer ${user.key}`)
      .expect(200);
    expect(bearer.body).toMatchObject({ id: user.id, email: user.email, role: 'user', active: true });
    await request(t.server).get('/api/v1/users/me').set('x-api-key', user.key).expect(200);
  });

  it('answers every bad key with the same 401 that does not say which', async () => {
    const revoked = await createTestUser(t);
    await request(t.server)
      .post(`/api/v1/api-keys/${revoked.keyId}/revoke`)
      .set('x-api-key', revoked.key)
      .expect(200);
    const expiring = await request(t.server)
      .post('/api/v1/api-keys')
      .set('x-api-key', user.key)
      .send({
        name: 'short-lived',
        scopes: ['resumes:read'],
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const cases: Record<string, Record<string, string>> = {
      missing: {},
      'malformed bearer': { authorization: 'Bearer not-a-key' },
      'wrong scheme': { authorization: `Basic ${user.key}` },
      'malformed x-api-key': { 'x-api-key': 'llm_live_zz' },
      unknown: { 'x-api-key': `llm_test_0badc0de_${'A'.repeat(43)}` },
      'right prefix, wrong secret': { 'x-api-key': `${user.keyPrefix}_${'B'.repeat(43)}` },
      'two different keys': { authorization: `Bearer ${user.key}`, 'x-api-key': revoked.key },
      revoked: { 'x-api-key': revoked.key },
      expired: { 'x-api-key': expiring.body.key as string },
    };
    const bodies = new Set<string>();
    for (const [name, headers] of Object.entries(cases)) {
      const res = await request(t.server).get('/api/v1/users/me').set(headers);
      expect(res.status, name).toBe(401);
      expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate'], name).toBe('Bearer realm="llmployable"');
      const { requestId: _requestId, ...rest } = res.body as Record<string, unknown>;
      bodies.add(JSON.stringify(rest));
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0])).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('answers 403 naming the scope when a valid key lacks it', async () => {
    const res = await request(t.server).get('/api/v1/users').set('x-api-key', user.key).expect(403);
    expect(res.body).toMatchObject({ code: 'insufficient_scope', requiredScopes: ['admin'] });
  });

  it.each(protectedOperations)('$operationId: 401 without a key, 403 without its scopes', async (op) => {
    await call(t, op.method, op.path).expect(401);
    if (op.scopes.length === 0) return;
    const lacking = SCOPES.filter((scope) => !op.scopes.includes(scope) && scope !== 'admin');
    const weak = await createTestUser(t, { scopes: lacking });
    const res = await call(t, op.method, op.path).set('x-api-key', weak.key);
    expect(res.status).toBe(403);
    expect(res.body.requiredScopes).toEqual(op.scopes);
  });

  it('covers the routes it should', () => {
    expect(protectedOperations.length).toBeGreaterThanOrEqual(14);
  });
});
