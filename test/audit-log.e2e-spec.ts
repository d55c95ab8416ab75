/**
 * The audit log of the whole app over HTTP: real users with real API keys make real mutations (API keys,
 * their own profile), then the entries are read back through `GET /api/v1/audit-logs` (admins) and
 * `GET /api/v1/users/me/audit-logs` (one's own): what is recorded, filters, pagination, ownership, scope
 * enforcement, and that no secret ever reaches the audit log.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

interface AuditEntryBody {
  id: string;
  createdAt: string;
  actor: { userId?: string; keyPrefix?: string; role?: string };
  action: string;
  resource: { type: string; id?: string };
  requestId: string;
  ip: string;
  userAgent?: string;
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  changes?: {
    fields: { field: string; value?: unknown; redacted?: boolean; size?: number }[];
    truncated: boolean;
  };
}

interface AuditPageBody {
  items: AuditEntryBody[];
  nextCursor: string | null;
}

const USER_AGENT = 'audit-e2e/1.0 (+https://llmployable.dev)';
const SECRET_IN_BODY = 'body-token-3b9d1e7f';
const rid = (name: string) => `audit-e2e-${name}`;
const auth = (user: TestUser) => ({ authorization: `Bearer ${user.key}` });

describe('audit log', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let createdKey: { id: string; key: string; prefix: string };
  const started = new Date();
  /** Every response body of an audit-log read in this spec, to search for secrets at the end. */
  const responses: string[] = [];

  async function get(path: string, user: TestUser | undefined, status = 200): Promise<AuditPageBody> {
    const req = request(t.server).get(path);
    if (user) req.set(auth(user));
    const res = await req;
    responses.push(res.text);
    expect(res.status, `${path}: ${res.text}`).toBe(status);
    return res.body as AuditPageBody;
  }

  /** Every page of a list (following nextCursor). */
  async function all(path: string, user: TestUser, limit = 100): Promise<AuditEntryBody[]> {
    const items: AuditEntryBody[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: AuditPageBody = await get(
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        user,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const byRequestId = (items: AuditEntryBody[], name: string) => {
    const found = items.filter((item) => item.requestId === rid(name));
    expect(found, `entries of ${rid(name)}`).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_FLUSH_INTERVAL_MS: '20' } });
    admin = await createTestUser(t, { role: 'admin' });
    alice = await createTestUser(t, {
      role: 'user',
      scopes: ['keys:manage', 'profile:write', 'resumes:read'],
    });
    bob = await createTestUser(t, { role: 'user' });

    const created = await request(t.server)
      .post('/api/v1/api-keys')
      .set(auth(alice))
      .set('x-request-id', rid('create-key'))
      .set('user-agent', USER_AGENT)
      .send({ name: 'ci key', scopes: ['resumes:read'] })
      .expect(201);
    createdKey = created.body as typeof createdKey;
    expect(createdKey.key).toMatch(/^llm_/);
    await request(t.server)
      .post(`/api/v1/api-keys/${createdKey.id}/revoke`)
      .set(auth(alice))
      .set('x-request-id', rid('revoke-key'))
      .expect(200);
    await request(t.server)
      .patch('/api/v1/users/me')
      .set(auth(alice))
      .set('x-request-id', rid('alice-profile'))
      .send({ name: 'Alice Audit', profile: { headline: 'Backend engineer' } })
      .expect(200);
    await request(t.server)
      .post('/api/v1/api-keys')
      .set(auth(alice))
      .set('x-request-id', rid('invalid-key'))
      .send({ name: 'sneaky', scopes: ['resumes:read'], token: SECRET_IN_BODY })
      .expect(400);
    // The revoked key, presented as a credential: rejected by the auth guard, and its secret not recorded.
    await request(t.server)
      .post('/api/v1/api-keys')
      .set('authorization', `Bearer ${createdKey.key}`)
      .set('x-request-id', rid('revoked-key-use'))
      .send({ name: 'again', scopes: ['resumes:read'] })
      .expect(401);
    await request(t.server)
      .patch('/api/v1/users/me')
      .set(auth(bob))
      .set('x-request-id', rid('bob-profile'))
      .send({ name: 'Bob Audit' })
      .expect(200);
    await request(t.server)
      .post('/api/v1/api-keys')
      .set('x-request-id', rid('anonymous'))
      .send({ name: 'anonymous', scopes: ['resumes:read'] })
      .expect(401);

    // Entries are written in batches (every 20 ms here): wait until the last one is readable.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const page = await get('/api/v1/audit-logs?limit=100', admin);
      if (page.items.some((item) => item.requestId === rid('anonymous'))) break;
      if (Date.now() > deadline) throw new Error('audit entries did not appear');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => t.close());

  it('records each mutation: who, what, on which resource, the outcome, and the fields it set', async () => {
    const items = await all('/api/v1/audit-logs', admin);
    const create = byRequestId(items, 'create-key');
    expect(create).toMatchObject({
      actor: { userId: alice.id, keyPrefix: alice.keyPrefix, role: 'user' },
      resource: { type: 'api_key', id: createdKey.id },
      requestId: rid('create-key'),
      ip: expect.stringMatching(/127\.0\.0\.1$/),
      userAgent: USER_AGENT,
      method: 'POST',
      route: '/api/v1/api-keys',
      path: '/api/v1/api-keys',
      status: 201,
    });
    expect(['POST /api/v1/api-keys', 'api_key.create']).toContain(create.action);
    expect(create.changes?.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', value: 'ci key' },
        { field: 'scopes', size: 1 },
      ]),
    );
    expect(create.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Date(create.createdAt).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);

    expect(byRequestId(items, 'revoke-key')).toMatchObject({
      actor: { userId: alice.id, keyPrefix: alice.keyPrefix },
      resource: { type: 'api_key', id: createdKey.id },
      route: '/api/v1/api-keys/:id/revoke',
      path: `/api/v1/api-keys/${createdKey.id}/revoke`,
      status: 200,
    });

    const profile = byRequestId(items, 'alice-profile');
    expect(profile).toMatchObject({
      actor: { userId: alice.id },
      resource: { type: 'user', id: alice.id },
      method: 'PATCH',
      route: '/api/v1/users/me',
      status: 200,
    });
    expect(profile.changes?.fields).toEqual([
      { field: 'name', value: 'Alice Audit' },
      { field: 'profile.headline', value: 'Backend engineer' },
    ]);

    const invalid = byRequestId(items, 'invalid-key');
    expect(invalid).toMatchObject({ actor: { userId: alice.id }, status: 400 });
    expect(invalid.changes?.fields).toContainEqual({ field: 'token', redacted: true });

    // Rejected by the auth guard: recorded, with no actor.
    expect(byRequestId(items, 'anonymous')).toMatchObject({
      actor: {},
      status: 401,
      route: '/api/v1/api-keys',
    });
    expect(byRequestId(items, 'revoked-key-use').actor.userId).toBeUndefined();
  });

  it('does not record reads', async () => {
    const items = await all('/api/v1/audit-logs', admin);
    expect(items.filter((item) => item.method === 'GET')).toEqual([]);
  });

  it('filters by actor, action, resource, status and time range (admins)', async () => {
    const ofAlice = await all(`/api/v1/audit-logs?actorUserId=${alice.id}`, admin);
    expect(ofAlice.length).toBeGreaterThanOrEqual(4);
    expect(ofAlice.every((item) => item.actor.userId === alice.id)).toBe(true);
    const byPrefix = await all(`/api/v1/audit-logs?actorKeyPrefix=${alice.keyPrefix}`, admin);
    expect(byPrefix.map((item) => item.id)).toEqual(ofAlice.map((item) => item.id));

    const onKey = await all(`/api/v1/audit-logs?resourceType=api_key&resourceId=${createdKey.id}`, admin);
    expect(onKey.map((item) => item.requestId)).toEqual([rid('revoke-key'), rid('create-key')]);

    const revokeAction = byRequestId(onKey, 'revoke-key').action;
    const byAction = await all(`/api/v1/audit-logs?action=${encodeURIComponent(revokeAction)}`, admin);
    expect(byAction.map((item) => item.requestId)).toEqual([rid('revoke-key')]);

    const clientErrors = await all('/api/v1/audit-logs?status=4xx', admin);
    expect(clientErrors.every((item) => item.status >= 400 && item.status < 500)).toBe(true);
    expect(clientErrors.map((item) => item.requestId)).toEqual(
      expect.arrayContaining([rid('invalid-key'), rid('anonymous'), rid('revoked-key-use')]),
    );
    const created = await all('/api/v1/audit-logs?status=201', admin);
    expect(created.map((item) => item.requestId)).toEqual([rid('create-key')]);

    const hour = 60 * 60 * 1000;
    const future = new Date(Date.now() + hour).toISOString();
    const past = new Date(started.getTime() - hour).toISOString();
    expect(await all(`/api/v1/audit-logs?from=${future}`, admin)).toEqual([]);
    expect(await all(`/api/v1/audit-logs?to=${past}`, admin)).toEqual([]);
    const inRange = await all(`/api/v1/audit-logs?from=${past}&to=${future}`, admin);
    expect(inRange.length).toBe((await all('/api/v1/audit-logs', admin)).length);
  });

  it('rejects invalid filters with a 400 problem naming the field', async () => {
    for (const [query, field] of [
      ['status=4x', 'status'],
      ['from=yesterday', 'from'],
      ['limit=0', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['actorKeyPrefix=nope', 'actorKeyPrefix'],
      ['unknown=1', 'unknown'],
    ]) {
      const res = await request(t.server).get(`/api/v1/audit-logs?${query}`).set(auth(admin)).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const range = await request(t.server)
      .get(`/api/v1/audit-logs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`)
      .set(auth(admin))
      .expect(400);
    expect(range.body.code).toBe('audit_invalid_time_range');
  });

  it('pages newest first with a cursor, without gaps or overlaps', async () => {
    const whole = await all(`/api/v1/audit-logs?actorUserId=${alice.id}`, admin);
    const paged = await all(`/api/v1/audit-logs?actorUserId=${alice.id}`, admin, 2);
    expect(paged.map((item) => item.id)).toEqual(whole.map((item) => item.id));
    expect(new Set(paged.map((item) => item.id)).size).toBe(paged.length);
    const ids = whole.map((item) => item.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const first = await get(`/api/v1/audit-logs?actorUserId=${alice.id}&limit=2`, admin);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1].id);
  });

  it('shows users only their own entries at /users/me/audit-logs', async () => {
    const mine = await all('/api/v1/users/me/audit-logs', alice);
    expect(mine.every((item) => item.actor.userId === alice.id)).toBe(true);
    expect(mine.map((item) => item.requestId)).toEqual(
      expect.arrayContaining([
        rid('create-key'),
        rid('revoke-key'),
        rid('alice-profile'),
        rid('invalid-key'),
      ]),
    );
    const bobs = await all('/api/v1/users/me/audit-logs', bob);
    expect(bobs.map((item) => item.requestId)).toEqual([rid('bob-profile')]);

    const paged = await all('/api/v1/users/me/audit-logs', alice, 1);
    expect(paged.map((item) => item.id)).toEqual(mine.map((item) => item.id));
    const failed = await all('/api/v1/users/me/audit-logs?status=4xx', alice);
    expect(failed.map((item) => item.requestId)).toEqual([rid('invalid-key')]);
    // Naming another actor is not a filter here: it is an unknown parameter.
    const res = await request(t.server)
      .get(`/api/v1/users/me/audit-logs?actorUserId=${alice.id}`)
      .set(auth(bob))
      .expect(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ field: 'actorUserId', rule: 'unknown_property' }),
    );
  });

  it('keeps /audit-logs to keys with the admin scope', async () => {
    for (const user of [alice, bob]) {
      const res = await request(t.server).get('/api/v1/audit-logs').set(auth(user)).expect(403);
      expect(res.body.code).toBe('insufficient_scope');
    }
    const adminWithoutScope = await createTestUser(t, { role: 'admin', scopes: ['resumes:read'] });
    await request(t.server).get('/api/v1/audit-logs').set(auth(adminWithoutScope)).expect(403);
    // Any valid key may read its own entries.
    await get('/api/v1/users/me/audit-logs', adminWithoutScope);
    await request(t.server).get('/api/v1/audit-logs').expect(401);
    await request(t.server).get('/api/v1/users/me/audit-logs').expect(401);
  });

  it('holds no secret anywhere: not the created key, not any caller’s key, not a secret field', async () => {
    responses.push(JSON.stringify(await all('/api/v1/audit-logs', admin)));
    responses.push(JSON.stringify(await all('/api/v1/users/me/audit-logs', alice)));
    const text = responses.join('\n');
    expect(text.length).toBeGreaterThan(1000);
    /** `llm_live_<8 hex>_<secret>` → `<secret>`. */
    const secretPart = (key: string) => key.split('_').slice(3).join('_');
    for (const secret of [createdKey.key, alice.key, bob.key, admin.key]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secretPart(secret));
    }
    expect(text).not.toContain(SECRET_IN_BODY);
    expect(t.logs.raw).not.toContain(secretPart(createdKey.key));
  });
});
