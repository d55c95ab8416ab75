/**
 * Test users with real API keys, created through the app's own services (no shortcut into the database),
 * so e2e specs can call protected routes as an admin, a user, or a key with chosen scopes.
 */
import { randomBytes } from 'node:crypto';

import { SCOPES, type Principal, type Scope } from '@app/core';
import { ApiKeysService, UsersService } from '@app/users';

import { type TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  role: 'admin' | 'user';
  /** The full secret key, to send as `Authorization: Bearer <key>` or `X-API-Key`. */
  key: string;
  keyId: string;
  keyPrefix: string;
  scopes: Scope[];
}

export interface TestUserOptions {
  role?: 'admin' | 'user';
  /** Scopes of the key (default: every scope the role may hold). */
  scopes?: Scope[];
  email?: string;
  name?: string;
}

export async function createTestUser(t: TestApp, options: TestUserOptions = {}): Promise<TestUser> {
  const role = options.role ?? 'user';
  const scopes = options.scopes ?? SCOPES.filter((scope) => scope !== 'admin' || role === 'admin');
  const users = t.app.get(UsersService);
  const apiKeys = t.app.get(ApiKeysService);
  const user = await users.create({
    email: options.email ?? `user-${randomBytes(5).toString('hex')}@example.com`,
    name: options.name ?? 'Test User',
    role,
  });
  // The key is issued as an admin would issue it (the fixture stands in for the admin route).
  const issuer: Principal = { userId: user.id, role: 'admin', keyId: '', keyPrefix: '', scopes: ['admin'] };
  const created = await apiKeys.create(issuer, user.id, { name: 'test key', scopes });
  return {
    id: user.id,
    email: user.email,
    role,
    key: created.key,
    keyId: created.id,
    keyPrefix: created.prefix,
    scopes,
  };
}
