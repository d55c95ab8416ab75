import { type OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';

import { documentIdempotency } from './idempotency.openapi';

const doc = (): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    components: { headers: { XRequestId: { schema: { type: 'string' } } } },
    paths: {
      '/api/v1/api-keys': {
        get: { responses: { '200': { description: 'ok' } } },
        post: {
          security: [{ apiKey: [] }, { bearer: [] }],
          responses: {
            '201': { description: 'created' },
            '409': { description: 'Too many active keys (`too_many_api_keys`)' },
          },
        },
      },
      '/api/v1/things': { post: { 'x-public': true, responses: { '200': { description: 'ok' } } } },
      '/api/v1/public-after-rules': { post: { security: [], responses: { '200': { description: 'ok' } } } },
      '/api/v1/items': { post: { parameters: [], responses: { '201': { description: 'created' } } } },
    },
  }) as unknown as OpenAPIObject;

describe('documentIdempotency', () => {
  it('adds the optional header, the 409/422 problems and Idempotent-Replayed to authenticated POSTs', () => {
    const document = documentIdempotency(doc());
    const post = document.paths['/api/v1/items'].post!;
    expect(post.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
    expect(post.responses['409']).toMatchObject({
      description: expect.stringContaining('idempotency_key_in_progress'),
      headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
    });
    expect(post.responses['422']).toMatchObject({
      description: expect.stringContaining('idempotency_key_reused'),
    });
    expect(post.responses['201']).toMatchObject({
      headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } },
    });
    expect(document.components?.headers).toHaveProperty('IdempotentReplayed');
    expect(document.components?.headers).toHaveProperty('XRequestId');
  });

  it('extends a route’s own 409 description instead of replacing it', () => {
    const post = documentIdempotency(doc()).paths['/api/v1/api-keys'].post!;
    const conflict = post.responses['409'] as { description: string };
    expect(conflict.description).toMatch(
      /^Too many active keys \(`too_many_api_keys`\); or: .*idempotency_key_in_progress/,
    );
  });

  it('leaves public POSTs and other methods alone', () => {
    const document = documentIdempotency(doc());
    for (const path of ['/api/v1/things', '/api/v1/public-after-rules']) {
      const post = document.paths[path].post!;
      expect(post.parameters).toBeUndefined();
      expect(post.responses['409']).toBeUndefined();
      expect(post.responses['422']).toBeUndefined();
    }
    expect(document.paths['/api/v1/api-keys'].get!.parameters).toBeUndefined();
  });

  it('is idempotent itself', () => {
    const once = documentIdempotency(doc());
    const twice = documentIdempotency(documentIdempotency(doc()));
    expect(twice).toEqual(once);
  });
});
