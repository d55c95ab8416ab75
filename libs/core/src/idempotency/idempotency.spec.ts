import { describe, expect, it } from 'vitest';

import {
  idempotencyStorageKey,
  isStorableStatus,
  isValidIdempotencyKey,
  parseIdempotencyRecord,
  requestFingerprint,
  storedBody,
  toStoredResponse,
} from './idempotency';

describe('isValidIdempotencyKey', () => {
  it('accepts 1-255 visible ASCII characters', () => {
    expect(isValidIdempotencyKey('a')).toBe(true);
    expect(isValidIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(true);
    expect(isValidIdempotencyKey('!~"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}')).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(255))).toBe(true);
  });

  it('rejects empty, too long, spaces, control and non-ASCII characters, and repeated headers', () => {
    for (const bad of ['', 'x'.repeat(256), 'a b', 'tab\there', 'nl\n', 'é', 'ключ', '\u007f']) {
      expect(isValidIdempotencyKey(bad)).toBe(false);
    }
    expect(isValidIdempotencyKey(['a', 'b'])).toBe(false);
    expect(isValidIdempotencyKey(undefined)).toBe(false);
  });
});

describe('requestFingerprint', () => {
  it('is a SHA-256 that depends on method, URL (with query) and body', () => {
    const base = requestFingerprint('POST', '/api/v1/things', { name: 'a' });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('post', '/api/v1/things', { name: 'a' })).toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/things', { name: 'a' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/other', { name: 'a' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/things?x=1', { name: 'a' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/things', { name: 'b' })).not.toBe(base);
  });

  it('hashes strings and buffers as given, and treats no body as empty', () => {
    expect(requestFingerprint('POST', '/', 'abc')).toBe(requestFingerprint('POST', '/', Buffer.from('abc')));
    expect(requestFingerprint('POST', '/', undefined)).toBe(requestFingerprint('POST', '/', null));
    expect(requestFingerprint('POST', '/', undefined)).toBe(requestFingerprint('POST', '/', ''));
    expect(requestFingerprint('POST', '/', {})).not.toBe(requestFingerprint('POST', '/', undefined));
  });
});

describe('idempotencyStorageKey', () => {
  it('is scoped by prefix and API key, with the client key hashed', () => {
    const key = idempotencyStorageKey('run1', 'key42', 'my key');
    expect(key).toMatch(/^run1:idem:key42:[0-9a-f]{64}$/);
    expect(key).not.toContain('my key');
    expect(idempotencyStorageKey('run1', 'key43', 'my key')).not.toBe(key);
    expect(idempotencyStorageKey('run1', 'key42', 'my key2')).not.toBe(key);
  });
});

describe('isStorableStatus', () => {
  it("keeps 2xx and the request's own faults, not state-dependent 4xx or 5xx", () => {
    for (const status of [200, 201, 202, 204, 400, 413, 415, 422])
      expect(isStorableStatus(status)).toBe(true);
    for (const status of [101, 301, 304, 401, 403, 404, 409, 410, 429, 500, 502, 503])
      expect(isStorableStatus(status)).toBe(false);
  });
});

describe('toStoredResponse / storedBody', () => {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    location: '/api/v1/things/1',
    etag: '"v1"',
    'content-length': 12,
    'x-request-id': 'req-1',
    'ratelimit-remaining': '5',
    'set-cookie': ['a=1'],
  };

  it('keeps the status, body and only the replayable headers', () => {
    const stored = toStoredResponse(201, headers, '{"id":"1"}');
    expect(stored).toEqual({
      status: 201,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        location: '/api/v1/things/1',
        etag: '"v1"',
      },
      body: '{"id":"1"}',
      encoding: 'utf8',
    });
    expect(storedBody(stored!)).toBe('{"id":"1"}');
  });

  it('keeps buffers as base64 and no body as empty', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const stored = toStoredResponse(200, {}, bytes)!;
    expect(stored.encoding).toBe('base64');
    expect(storedBody(stored)).toEqual(bytes);
    expect(toStoredResponse(204, {}, undefined)).toMatchObject({ body: '', encoding: 'utf8' });
  });

  it('does not keep streams or bodies over the limit', () => {
    expect(toStoredResponse(200, {}, { pipe: () => undefined })).toBeUndefined();
    expect(toStoredResponse(200, {}, 'x'.repeat(11), 10)).toBeUndefined();
    expect(toStoredResponse(200, {}, Buffer.alloc(11), 10)).toBeUndefined();
    expect(toStoredResponse(200, {}, 'x'.repeat(10), 10)).toBeDefined();
  });
});

describe('parseIdempotencyRecord', () => {
  it('reads pending and done records and ignores anything else', () => {
    const pending = { state: 'pending', fingerprint: 'f', token: 't' };
    const done = {
      state: 'done',
      fingerprint: 'f',
      response: { status: 201, headers: {}, body: '', encoding: 'utf8' },
    };
    expect(parseIdempotencyRecord(JSON.stringify(pending))).toEqual(pending);
    expect(parseIdempotencyRecord(JSON.stringify(done))).toEqual(done);
    for (const raw of [
      null,
      undefined,
      '',
      'not json',
      'null',
      '{}',
      '{"state":"pending","fingerprint":"f"}',
    ]) {
      expect(parseIdempotencyRecord(raw)).toBeUndefined();
    }
  });
});
