import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type TestApp, startTestApp } from '@app/testing';

import { generateOpenApiYaml } from '../apps/api/src/openapi.generator';

const root = join(__dirname, '..');
const committedPath = join(root, 'openapi.yaml');

interface Operation {
  operationId: string;
  security: unknown[];
  responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required: string[] }>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

describe('the OpenAPI contract', () => {
  let generated: string;
  let spec: Spec;

  beforeAll(async () => {
    generated = await generateOpenApiYaml();
    spec = parse(generated);
  });

  it('openapi.yaml is committed and matches the code (run `npm run openapi` when this fails)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(generated);
  });

  it('is generated deterministically', async () => {
    expect(await generateOpenApiYaml()).toBe(generated);
  });

  it('gives every operation a unique operationId and problem+json error responses', () => {
    const operations = Object.values(spec.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThanOrEqual(4);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      for (const status of ['4XX', '5XX']) {
        expect(op.responses[status].content['application/problem+json'].schema.$ref).toBe(
          '#/components/schemas/ProblemDto',
        );
      }
    }
    expect(spec.components.schemas.ProblemDto.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']),
    );
  });

  it('declares the API-key security schemes, and marks the public health routes as needing none', () => {
    expect(spec.components.securitySchemes.apiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.paths['/health'].get.security).toEqual([]);
    expect(spec.paths['/api/v1/health/detailed'].get.operationId).toBe('health_detailed');
  });

  it('passes `redocly lint` with no errors', () => {
    const output = execFileSync(
      join(root, 'node_modules/.bin/redocly'),
      ['lint', committedPath, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(output).not.toMatch(/\berror\b/i);
  });
});

describe('interactive docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the docs UI at /docs and the live document beside it', async () => {
    const html = await request(t.server).get('/docs').expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('LLMployable API');
    const json = await request(t.server).get('/docs/openapi.json').expect(200);
    const committed = parse(readFileSync(committedPath, 'utf8'));
    expect(Object.keys(json.body.paths).sort()).toEqual(Object.keys(committed.paths).sort());
  });

  it('can be switched off with FEATURE_FLAGS=-docs', async () => {
    const off = await startTestApp({ env: { FEATURE_FLAGS: '-docs' } });
    try {
      await request(off.server).get('/docs').expect(404);
    } finally {
      await off.close();
    }
  });
});
