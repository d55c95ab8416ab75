import { describe, expect, it } from 'vitest';

import { type AuditRequestFacts, buildAuditEntry, deriveResource, resultIdOf } from './audit-entry.builder';

const facts = (over: Partial<AuditRequestFacts> = {}): AuditRequestFacts => ({
  method: 'POST',
  route: '/api/v1/api-keys/:id/revoke',
  url: '/api/v1/api-keys/k1/revoke?token=from-query',
  params: { id: 'k1' },
  status: 200,
  durationMs: 12.6,
  ip: '203.0.113.7',
  userAgent: 'agent/1.0',
  requestId: 'req-1',
  principal: {
    userId: 'u1',
    role: 'user',
    keyId: 'kid',
    keyPrefix: 'llm_live_ab12cd34',
    scopes: ['keys:manage'],
  },
  annotation: undefined,
  body: undefined,
  contentLength: undefined,
  now: new Date('2026-01-02T03:04:05.000Z'),
  ...over,
});

describe('deriveResource', () => {
  it.each([
    ['/api/v1/api-keys', 'api_key', false],
    ['/api/v1/api-keys/:id', 'api_key', true],
    ['/api/v1/api-keys/:id/revoke', 'api_key', true],
    ['/api/v1/users/me', 'user', false],
    ['/api/v1/users/:id/api-keys', 'api_key', false],
    ['/api/v1/users/:id/api-keys/:keyId/revoke', 'api_key', false],
    ['/api/v1/users/:id/deactivate', 'user', true],
    ['/api/v1/applications/:id/status', 'application', true],
    ['/api/v1/job-analyses', 'job_analyse', false],
    ['/api/v1/resume-entries', 'resume_entry', false],
    ['/', 'unknown', false],
  ])('%s → %s', (route, type, idFromParam) => {
    expect(deriveResource(route)).toEqual({ type, idFromParam });
  });
});

describe('buildAuditEntry', () => {
  it('records who, what, the outcome, and the path without its query string', () => {
    expect(buildAuditEntry(facts())).toEqual({
      actor: { userId: 'u1', keyPrefix: 'llm_live_ab12cd34', role: 'user' },
      action: 'POST /api/v1/api-keys/:id/revoke',
      resource: { type: 'api_key', id: 'k1' },
      requestId: 'req-1',
      ip: '203.0.113.7',
      userAgent: 'agent/1.0',
      method: 'POST',
      route: '/api/v1/api-keys/:id/revoke',
      path: '/api/v1/api-keys/k1/revoke',
      status: 200,
      durationMs: 13,
      createdAt: new Date('2026-01-02T03:04:05.000Z'),
    });
  });

  it('prefers declared action and resource type; takes the id from the result when there is no :id', () => {
    const entry = buildAuditEntry(
      facts({
        route: '/api/v1/api-keys',
        url: '/api/v1/api-keys',
        params: {},
        status: 201,
        annotation: { skip: false, action: 'api_key.create', resourceType: 'key', resultId: 'new-id' },
        body: { name: 'ci' },
        contentLength: '13',
      }),
    );
    expect(entry).toMatchObject({
      action: 'api_key.create',
      resource: { type: 'key', id: 'new-id' },
      changes: { fields: [{ field: 'name', value: 'ci' }], bodyBytes: 13, truncated: false },
    });
  });

  it('has an empty actor without a principal and cuts a long user agent', () => {
    const entry = buildAuditEntry(facts({ principal: undefined, userAgent: 'x'.repeat(1000), status: 401 }));
    expect(entry.actor).toEqual({});
    expect(entry.userAgent).toHaveLength(256);
  });

  it('reads a string or number id from a result, nothing else', () => {
    expect(resultIdOf({ id: 'abc', key: 'secret' })).toBe('abc');
    expect(resultIdOf({ id: 7 })).toBe('7');
    expect(resultIdOf({ id: { nested: true } })).toBeUndefined();
    expect(resultIdOf('text')).toBeUndefined();
    expect(resultIdOf(null)).toBeUndefined();
  });
});
