import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new key: `llm_<env>_<8 hex>_<43 chars base64url (256 bits)>`; the first three parts are its visible prefix. */
export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(environment: 'live' | 'test'): GeneratedApiKey {
  const prefix = `llm_${environment}_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** `llm_live_ab12cd34_secret` → `llm_live_ab12cd34` (the guard has already checked the shape). */
export function prefixOf(key: string): string {
  return key.split('_', 3).join('_');
}

/** Constant-time comparison of two hex SHA-256 digests. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
