import { describe, expect, it } from 'vitest';

import {
  CHANGE_SUMMARY_LIMITS,
  isSecretName,
  looksSecretValue,
  summarizeChanges,
} from './audit-change-summarizer';

const API_KEY = 'llm_live_ab12cd34_3q2-7wEvL0mZQ8f4p1XkYbNw9aT5sR6uV0cD2eH4jK8';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';

describe('summarizeChanges', () => {
  it('lists the fields a body set, with values of small scalar fields', () => {
    const summary = summarizeChanges(
      {
        name: 'Ada',
        count: 3,
        active: true,
        expiresAt: null,
        profile: { headline: 'Engineer', location: 'Paris' },
      },
      96,
    );
    expect(summary).toEqual({
      fields: [
        { field: 'name', value: 'Ada' },
        { field: 'count', value: 3 },
        { field: 'active', value: true },
        { field: 'expiresAt', value: null },
        { field: 'profile.headline', value: 'Engineer' },
        { field: 'profile.location', value: 'Paris' },
      ],
      bodyBytes: 96,
      truncated: false,
    });
  });

  it('never keeps the value of a field whose name looks secret, at any depth', () => {
    const secrets = {
      password: 'hunter2-password',
      apiKey: 'apikey-value-1',
      api_key: 'apikey-value-2',
      'x-api-key': 'apikey-value-3',
      key: 'key-value',
      token: 'token-value',
      accessToken: 'access-token-value',
      refresh_token: 'refresh-token-value',
      clientSecret: 'client-secret-value',
      authorization: 'Basic dXNlcjpwYXNz',
      privateKey: 'private-key-value',
      newPassword: 'new-password-value',
      profile: {
        githubToken: 'gh-token-value',
        credentials: { user: 'credential-user', pass: 'credential-value' },
      },
    };
    const summary = summarizeChanges(secrets);
    const text = JSON.stringify(summary);
    for (const value of collectStrings(secrets)) expect(text).not.toContain(value);
    const redacted = summary!.fields.filter((f) => f.redacted).map((f) => f.field);
    expect(redacted).toEqual([
      'password',
      'apiKey',
      'api_key',
      'x-api-key',
      'key',
      'token',
      'accessToken',
      'refresh_token',
      'clientSecret',
      'authorization',
      'privateKey',
      'newPassword',
      'profile.githubToken',
      'profile.credentials',
    ]);
    expect(summary!.fields.every((f) => f.redacted && !('value' in f))).toBe(true);
  });

  it('never keeps a value that looks like a credential, whatever the field is called', () => {
    const body = {
      name: API_KEY,
      note: `Bearer ${API_KEY.slice(0, 20)}`,
      jwtish: JWT,
      blob: 'A'.repeat(40),
      pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIB',
    };
    const summary = summarizeChanges(body);
    const text = JSON.stringify(summary);
    for (const value of Object.values(body)) expect(text).not.toContain(value.slice(0, 24));
    expect(summary!.fields.map((f) => f.redacted)).toEqual([true, true, true, true, true]);
  });

  it('never keeps a field name that looks like a credential', () => {
    const summary = summarizeChanges({ [API_KEY]: 1 });
    expect(JSON.stringify(summary)).not.toContain(API_KEY.slice(10));
    expect(summary!.fields).toEqual([{ field: '[redacted]', redacted: true }]);
  });

  it('summarises long strings, arrays and deep objects by size', () => {
    const summary = summarizeChanges({
      description: 'word '.repeat(100),
      scopes: ['resumes:read', 'generate'],
      a: { b: { c: { d: { e: 1, f: 2 } } } },
      empty: {},
    });
    expect(summary!.fields).toEqual([
      { field: 'description', size: 500 },
      { field: 'scopes', size: 2 },
      { field: 'a.b.c.d', size: 2 },
      { field: 'empty', size: 0 },
    ]);
    expect(summary!.truncated).toBe(true);
  });

  it('keeps only the top-level names of a large body, never its values', () => {
    const resume = 'lorem ipsum '.repeat(3000);
    const summary = summarizeChanges(
      { title: 'Short title', resume, password: 'large-body-password' },
      CHANGE_SUMMARY_LIMITS.largeBodyBytes + 1,
    );
    expect(summary).toEqual({
      fields: [{ field: 'title' }, { field: 'resume' }, { field: 'password', redacted: true }],
      bodyBytes: CHANGE_SUMMARY_LIMITS.largeBodyBytes + 1,
      truncated: true,
    });
  });

  it('lists at most maxFields fields and says it left some out', () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    const summary = summarizeChanges(body);
    expect(summary!.fields).toHaveLength(CHANGE_SUMMARY_LIMITS.maxFields);
    expect(summary!.truncated).toBe(true);
  });

  it('records only the size of bodies that are not JSON objects, and nothing without a body', () => {
    expect(summarizeChanges(undefined, 0)).toBeUndefined();
    expect(summarizeChanges(null)).toBeUndefined();
    expect(summarizeChanges('raw text with a password', 24)).toEqual({
      fields: [],
      bodyBytes: 24,
      truncated: true,
    });
    expect(summarizeChanges(Buffer.from('%PDF-1.7'), 8)).toEqual({
      fields: [],
      bodyBytes: 8,
      truncated: true,
    });
    expect(summarizeChanges([{ token: 'x' }])).toEqual({ fields: [], truncated: true });
  });
});

describe('secret detection', () => {
  it('recognises secret-looking names without flagging ordinary ones', () => {
    for (const name of [
      'password',
      'PASSWORD',
      'apiKey',
      'APIKey',
      'api-key',
      'x_api_key',
      'sessionId',
      'otp',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of [
      'name',
      'email',
      'monkey',
      'author',
      'headline',
      'keyboardLayout',
      'scopes',
      'expiresAt',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it('recognises credential-looking values without flagging ordinary ones', () => {
    for (const value of [API_KEY, JWT, 'Bearer abc.def', 'f'.repeat(64)])
      expect(looksSecretValue(value)).toBe(true);
    for (const value of [
      'Ada Lovelace',
      'https://www.linkedin.com/in/ada',
      'ada@example.com',
      'resumes:read',
    ]) {
      expect(looksSecretValue(value)).toBe(false);
    }
  });
});

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}
