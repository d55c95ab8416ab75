import { describe, expect, it } from 'vitest';

import { isStrictSchema, parseModelJson, repairFeedback, schemaName, summarizeErrors } from './json-output';
import { LlmError, redact } from './llm.errors';

describe('parseModelJson', () => {
  it('parses bare and fenced JSON, and explains what is not', () => {
    expect(parseModelJson(' {"a":1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseModelJson('```json\n{"a":[1]}\n```')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseModelJson('```\n[]\n```')).toEqual({ ok: true, value: [] });
    expect(parseModelJson('')).toEqual({ ok: false, errors: ['the answer was empty'] });
    const bad = parseModelJson('{"a":');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^the answer is not valid JSON \(/);
  });
});

describe('repairFeedback', () => {
  it('lists the errors, at most 20, and asks for JSON again', () => {
    const text = repairFeedback(Array.from({ length: 25 }, (_, i) => `error ${i}`));
    expect(text.startsWith('Your previous answer was invalid:\n- error 0\n')).toBe(true);
    expect(text).toContain('- error 19\n- ... and 5 more\n');
    expect(text).not.toContain('error 20');
    expect(text.endsWith('Answer again with JSON matching the schema, and nothing else.')).toBe(true);
  });

  it('summarizes errors on one line', () => {
    expect(summarizeErrors(['a\nb', 'c', 'd', 'e'])).toBe('a b; c; d; +1 more');
  });
});

describe('isStrictSchema', () => {
  const strictObject = {
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: {
        type: 'array',
        items: { type: 'object', properties: {}, required: [], additionalProperties: false },
      },
    },
    required: ['a', 'b'],
    additionalProperties: false,
  };

  it('accepts objects that close and require every property, at every depth', () => {
    expect(isStrictSchema(strictObject)).toBe(true);
    expect(isStrictSchema({ type: 'string', enum: ['x'] })).toBe(true);
  });

  it('rejects an open object, an optional property, or a loose nested object', () => {
    expect(isStrictSchema({ ...strictObject, additionalProperties: undefined })).toBe(false);
    expect(isStrictSchema({ ...strictObject, required: ['a'] })).toBe(false);
    expect(isStrictSchema({ type: 'array', items: { type: 'object' } })).toBe(false);
    expect(isStrictSchema({ anyOf: [{ type: 'object', properties: { x: {} } }] })).toBe(false);
    expect(isStrictSchema({ ...strictObject, $defs: { x: { type: 'object' } } })).toBe(false);
  });

  it('does not mistake a property named "properties" or "type" for keywords', () => {
    const schema = {
      type: 'object',
      properties: { properties: { type: 'string' }, type: { type: 'string' } },
      required: ['properties', 'type'],
      additionalProperties: false,
    };
    expect(isStrictSchema(schema)).toBe(true);
  });
});

describe('schemaName', () => {
  it('keeps to [a-zA-Z0-9_-]{1,64}', () => {
    expect(schemaName('resume-draft')).toBe('resume-draft');
    expect(schemaName('job analysis/v2')).toBe('job_analysis_v2');
    expect(schemaName('')).toBe('answer');
    expect(schemaName('x'.repeat(80))).toHaveLength(64);
  });
});

describe('redaction', () => {
  it('removes secrets from error messages', () => {
    expect(redact('key=sk-123456 and sk-123456', ['sk-123456', undefined, 'ab'])).toBe(
      'key=[REDACTED] and [REDACTED]',
    );
    const error = new LlmError('bad key sk-abcdef', {
      kind: 'auth',
      provider: 'openai-compatible',
      status: 401,
      secrets: ['sk-abcdef'],
    });
    expect(error.message).toBe('bad key [REDACTED]');
    expect(error.summary).toBe('401 Unauthorized');
    expect(error.transient).toBe(false);
  });
});
