/**
 * Test users with real API keys, created through the app's own services (no shortcut into the database),
 * so e2e specs can call protected routes as an admin, a user, or a key with chosen scopes.
 */
import { type Scope } from '@app/core';

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

export async function createTestUser(_t: TestApp, _options: TestUserOptions = {}): Promise<TestUser> {
  throw new Error('createTestUser: implemented with libs/users (in progress)');
}
