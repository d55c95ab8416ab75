import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

describe('the generated client', () => {
  it('is what `npm run client` generates from the committed openapi.yaml', async () => {
    const generator = (await import(join(__dirname, '../../scripts/generate.mjs'))) as {
      generateClientTypes: () => Promise<string>;
      TARGET: string;
    };
    const committed = await readFile(generator.TARGET, 'utf8');
    // Not toBe: a mismatch would print 11,000 lines.
    const generated = await generator.generateClientTypes();
    if (generated !== committed)
      expect.fail('libs/client/src/generated/openapi.ts is out of date: run `npm run client` and commit it');
    expect(committed).toContain('"/api/v1/generations/{id}/events"');
  });
});
