import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

const OTHER_ID = '665f1c2e9b1d8a3f4c2e1a0b';

describe('users', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createTestUser(t, { role: 'admin' });
    user = await createTestUser(t, { scopes: ['profile:write', 'keys:manage'] });
  });
  afterAll(() => t.close());

  const as = (who: TestUser) => ({ 'x-api-key': who.key });

  it('an admin creates a user with a lower-cased email and a normalised LinkedIn URL', async () => {
    const res = await request(t.server)
      .post('/api/v1/users')
      .set(as(admin))
      .send({
        email: '  Jane.Doe@Example.COM ',
        name: 'Jane Doe',
        profile: { githubUsername: 'jane-doe', linkedinUrl: 'de.linkedin.com/in/Jane-Doe/' },
        preferences: { pageSize: 'a4' },
      })
      .expect(201);
    expect(res.body).toMatchObject({
      email: 'jane.doe@example.com',
      role: 'user',
      active: true,
      profile: { githubUsername: 'jane-doe', linkedinUrl: 'https://www.linkedin.com/in/jane-doe' },
      preferences: { pageSize: 'a4', defaultTemplate: 'classic', defaultLlmProvider: 'offline' },
    });
    const again = await request(t.server)
      .post('/api/v1/users')
      .set(as(admin))
      .send({ email: 'JANE.DOE@example.com', name: 'Other Jane' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'email_taken', errors: [{ field: 'email', rule: 'unique' }] });
  });

  it('rejects bad emails, GitHub usernames and LinkedIn URLs, naming each field', async () => {
    const res = await request(t.server)
      .post('/api/v1/users')
      .set(as(admin))
      .send({
        email: 'not-an-email',
        name: '',
        role: 'superuser',
        profile: {
          githubUsername: '-bad--name-',
          linkedinUrl: 'https://www.linkedin.com/company/acme',
          website: 'javascript:alert(1)',
        },
      })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'email',
        'name',
        'role',
        'profile.githubUsername',
        'profile.linkedinUrl',
        'profile.website',
      ]),
    );
  });

  it('lists users newest first with filters and a stable cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await request(t.server)
        .post('/api/v1/users')
        .set(as(admin))
        .send({ email: `pager-${i}@example.com`, name: `Pager ${i}` })
        .expect(201);
    }
    const first = await request(t.server).get('/api/v1/users?q=pager&limit=2').set(as(admin)).expect(200);
    expect(first.body.items.map((u: { name: string }) => u.name)).toEqual(['Pager 2', 'Pager 1']);
    const second = await request(t.server)
      .get(`/api/v1/users?q=pager&limit=2&cursor=${first.body.nextCursor}`)
      .set(as(admin))
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ name: 'Pager 0' }], nextCursor: null });
    const admins = await request(t.server).get('/api/v1/users?role=admin').set(as(admin)).expect(200);
    expect(admins.body.items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    await request(t.server).get('/api/v1/users?limit=1000&cursor=nope').set(as(admin)).expect(400);
  });

  it('GET/PATCH /users/me reads and updates only your own user; email and role are not yours to change', async () => {
    const res = await request(t.server)
      .patch('/api/v1/users/me')
      .set(as(user))
      .send({ name: 'Renamed', profile: { headline: 'Staff engineer' } })
      .expect(200);
    expect(res.body).toMatchObject({ id: user.id, name: 'Renamed', profile: { headline: 'Staff engineer' } });
    const denied = await request(t.server)
      .patch('/api/v1/users/me')
      .set(as(user))
      .send({ role: 'admin' })
      .expect(400);
    expect(denied.body.errors[0]).toMatchObject({ field: 'role', rule: 'unknown_property' });
    await request(t.server)
      .patch('/api/v1/users/me')
      .set(as(user))
      .send({ email: 'x@example.com' })
      .expect(400);
  });

  it('admin reads of an unknown or malformed id are 404', async () => {
    await request(t.server).get(`/api/v1/users/${OTHER_ID}`).set(as(admin)).expect(404);
    await request(t.server).get('/api/v1/users/not-an-id').set(as(admin)).expect(404);
  });

  it('deactivation stops every key of the user at once; reactivation restores them', async () => {
    const victim = await createTestUser(t);
    await request(t.server).get('/api/v1/users/me').set(as(victim)).expect(200); // warm the key cache
    const res = await request(t.server)
      .post(`/api/v1/users/${victim.id}/deactivate`)
      .set(as(admin))
      .expect(200);
    expect(res.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    await request(t.server).get('/api/v1/users/me').set(as(victim)).expect(401);
    await request(t.server).post(`/api/v1/users/${victim.id}/reactivate`).set(as(admin)).expect(200);
    await request(t.server).get('/api/v1/users/me').set(as(victim)).expect(200);
  });

  it('the last active admin cannot be deactivated or demoted', async () => {
    const solo = await startTestApp();
    try {
      const onlyAdmin = await createTestUser(solo, { role: 'admin' });
      const res = await request(solo.server)
        .post(`/api/v1/users/${onlyAdmin.id}/deactivate`)
        .set(as(onlyAdmin))
        .expect(409);
      expect(res.body.code).toBe('last_admin');
      await request(solo.server)
        .patch(`/api/v1/users/${onlyAdmin.id}`)
        .set(as(onlyAdmin))
        .send({ role: 'user' })
        .expect(409);
    } finally {
      await solo.close();
    }
  });

  it('demoting an admin takes the admin scope off their keys at once', async () => {
    const second = await createTestUser(t, { role: 'admin' });
    await request(t.server).get('/api/v1/users').set(as(second)).expect(200);
    await request(t.server)
      .patch(`/api/v1/users/${second.id}`)
      .set(as(admin))
      .send({ role: 'user' })
      .expect(200);
    await request(t.server).get('/api/v1/users').set(as(second)).expect(403);
  });
});

describe('API keys', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await createTestUser(t, { scopes: ['keys:manage', 'resumes:read', 'resumes:write'] });
    bob = await createTestUser(t, { scopes: ['keys:manage'] });
    admin = await createTestUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  const as = (who: TestUser | string) => ({ 'x-api-key': typeof who === 'string' ? who : who.key });

  it('creates a key whose secret is returned once, with a visible prefix, and never again', async () => {
    const created = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'ci', scopes: ['resumes:read'] })
      .expect(201);
    expect(created.body.key).toMatch(/^llm_test_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(`${created.body.prefix}_`)).toBe(true);
    expect(created.body).toMatchObject({
      name: 'ci',
      scopes: ['resumes:read'],
      status: 'active',
      lastUsedAt: null,
    });
    const secret = created.body.key as string;

    const one = await request(t.server).get(`/api/v1/api-keys/${created.body.id}`).set(as(alice)).expect(200);
    const list = await request(t.server).get('/api/v1/api-keys').set(as(alice)).expect(200);
    expect(one.body.key).toBeUndefined();
    for (const res of [one, list]) expect(JSON.stringify(res.body)).not.toContain(secret.slice(18));
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(t.logs.raw).not.toContain(secret.slice(18));

    // The database holds the hash and prefix only.
    const stored = await t.app
      .get<Connection>(getConnectionToken())
      .collection('api_keys')
      .findOne({ prefix: created.body.prefix });
    expect(JSON.stringify(stored)).not.toContain(secret.slice(18));
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never grants more than the creating key holds, nor admin to a non-admin', async () => {
    const res = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(bob))
      .send({ name: 'escalate', scopes: ['resumes:write', 'admin'] })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'scope_not_grantable', scopes: ['resumes:write', 'admin'] });
    const viaAdmin = await request(t.server)
      .post(`/api/v1/users/${bob.id}/api-keys`)
      .set(as(admin))
      .send({ name: 'no admin for bob', scopes: ['admin'] })
      .expect(403);
    expect(viaAdmin.body.scopes).toEqual(['admin']);
  });

  it('validates name, scopes and expiry', async () => {
    const res = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: '', scopes: ['resumes:read', 'resumes:read', 'teleport'], expiresAt: 'tomorrow' })
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'scopes', 'expiresAt']),
    );
    const past = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'past', scopes: ['resumes:read'], expiresAt: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(past.body.code).toBe('invalid_expiry');
  });

  it('revocation takes effect at once, even for a key that was just used', async () => {
    const created = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'to revoke', scopes: ['keys:manage'] })
      .expect(201);
    await request(t.server).get('/api/v1/api-keys').set(as(created.body.key)).expect(200);
    const revoked = await request(t.server)
      .post(`/api/v1/api-keys/${created.body.id}/revoke`)
      .set(as(alice))
      .expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    await request(t.server).get('/api/v1/api-keys').set(as(created.body.key)).expect(401);
    await request(t.server).post(`/api/v1/api-keys/${created.body.id}/revoke`).set(as(alice)).expect(200);
    const rotateRevoked = await request(t.server)
      .post(`/api/v1/api-keys/${created.body.id}/rotate`)
      .set(as(alice))
      .expect(409);
    expect(rotateRevoked.body.code).toBe('api_key_revoked');
  });

  it('rotation gives a new secret and the old one stops working at once', async () => {
    const created = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'to rotate', scopes: ['keys:manage'] })
      .expect(201);
    await request(t.server).get('/api/v1/api-keys').set(as(created.body.key)).expect(200);
    const rotated = await request(t.server)
      .post(`/api/v1/api-keys/${created.body.id}/rotate`)
      .set(as(alice))
      .expect(200);
    expect(rotated.body).toMatchObject({
      id: created.body.id,
      name: 'to rotate',
      rotatedAt: expect.any(String),
    });
    expect(rotated.body.key).not.toBe(created.body.key);
    await request(t.server).get('/api/v1/api-keys').set(as(created.body.key)).expect(401);
    await request(t.server).get('/api/v1/api-keys').set(as(rotated.body.key)).expect(200);
  });

  it('a key cannot rotate or revoke a key stronger than itself', async () => {
    const strong = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'strong', scopes: ['keys:manage', 'resumes:write'] })
      .expect(201);
    const weak = await request(t.server)
      .post('/api/v1/api-keys')
      .set(as(alice))
      .send({ name: 'weak', scopes: ['keys:manage'] })
      .expect(201);
    for (const action of ['rotate', 'revoke']) {
      const res = await request(t.server)
        .post(`/api/v1/api-keys/${strong.body.id}/${action}`)
        .set(as(weak.body.key))
        .expect(403);
      expect(res.body).toMatchObject({ code: 'scope_not_grantable', scopes: ['resumes:write'] });
      expect(JSON.stringify(res.body)).not.toMatch(/llm_test_[0-9a-f]{8}_/);
    }
    await request(t.server).get('/api/v1/api-keys').set(as(strong.body.key)).expect(200);
    // The stronger key may manage the weaker one.
    await request(t.server)
      .post(`/api/v1/api-keys/${weak.body.id}/revoke`)
      .set(as(strong.body.key))
      .expect(200);
  });

  it('revocation, rotation and deactivation reach every instance at once (shared Redis)', async () => {
    const other = await startTestApp({
      env: { MONGODB_DB: t.config.mongo.dbName, REDIS_KEY_PREFIX: t.config.redis.keyPrefix },
    });
    try {
      const keyFor = async (name: string) =>
        (
          await request(t.server)
            .post('/api/v1/api-keys')
            .set(as(alice))
            .send({ name, scopes: ['keys:manage'] })
            .expect(201)
        ).body as { id: string; key: string };
      const stopsWorkingOnOther = async (key: string) => {
        const deadline = Date.now() + 2000;
        while (Date.now() < deadline) {
          if ((await request(other.server).get('/api/v1/users/me').set(as(key))).status === 401) return true;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return false;
      };
      const revoked = await keyFor('revoke me everywhere');
      const rotated = await keyFor('rotate me everywhere');
      // Warm the cache of the other instance first.
      for (const key of [revoked.key, rotated.key]) {
        await request(other.server).get('/api/v1/users/me').set(as(key)).expect(200);
      }
      await request(t.server).post(`/api/v1/api-keys/${revoked.id}/revoke`).set(as(alice)).expect(200);
      await request(t.server).post(`/api/v1/api-keys/${rotated.id}/rotate`).set(as(alice)).expect(200);
      expect(await stopsWorkingOnOther(revoked.key)).toBe(true);
      expect(await stopsWorkingOnOther(rotated.key)).toBe(true);

      const victim = await createTestUser(t);
      await request(other.server).get('/api/v1/users/me').set(as(victim)).expect(200);
      await request(t.server).post(`/api/v1/users/${victim.id}/deactivate`).set(as(admin)).expect(200);
      expect(await stopsWorkingOnOther(victim.key)).toBe(true);
    } finally {
      await other.app.close();
    }
  });

  it("another user's key is a 404 on read, rotate and revoke, and stays untouched", async () => {
    const bobsKey = bob.keyId;
    await request(t.server).get(`/api/v1/api-keys/${bobsKey}`).set(as(alice)).expect(404);
    await request(t.server).post(`/api/v1/api-keys/${bobsKey}/rotate`).set(as(alice)).expect(404);
    const res = await request(t.server).post(`/api/v1/api-keys/${bobsKey}/revoke`).set(as(alice)).expect(404);
    expect(res.body.code).toBe('api_key_not_found');
    await request(t.server).get('/api/v1/api-keys').set(as(bob)).expect(200);
    const list = await request(t.server).get('/api/v1/api-keys').set(as(alice)).expect(200);
    expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(bobsKey);
  });

  it('an admin manages keys of other users only through the admin routes', async () => {
    const issued = await request(t.server)
      .post(`/api/v1/users/${bob.id}/api-keys`)
      .set(as(admin))
      .send({ name: 'issued by admin', scopes: ['resumes:read'] })
      .expect(201);
    const listed = await request(t.server).get(`/api/v1/users/${bob.id}/api-keys`).set(as(admin)).expect(200);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(issued.body.id);
    await request(t.server).get(`/api/v1/api-keys/${issued.body.id}`).set(as(admin)).expect(404);
    await request(t.server)
      .post(`/api/v1/users/${bob.id}/api-keys/${issued.body.id}/revoke`)
      .set(as(admin))
      .expect(200);
    await request(t.server).get('/api/v1/users/me').set(as(issued.body.key)).expect(401);
  });

  it('records lastUsedAt without a write per request, and filters by status', async () => {
    const before = await request(t.server).get(`/api/v1/api-keys/${alice.keyId}`).set(as(alice)).expect(200);
    expect(Date.parse(before.body.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const active = await request(t.server).get('/api/v1/api-keys?status=active').set(as(alice)).expect(200);
    const revoked = await request(t.server).get('/api/v1/api-keys?status=revoked').set(as(alice)).expect(200);
    expect(active.body.items.every((k: { status: string }) => k.status === 'active')).toBe(true);
    expect(revoked.body.items.length).toBeGreaterThan(0);
    expect(revoked.body.items.every((k: { status: string }) => k.status === 'revoked')).toBe(true);
  });
});
