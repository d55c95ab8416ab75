/**
 * `@llmployable/client` as published: the ESM and CommonJS builds both load and export the same API, the
 * declarations are there, and `npm pack` ships exactly the builds, README, LICENSE and package.json.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE = join(__dirname, '..', 'libs/client');
const EXPORTS = [
  'ProblemError',
  'collect',
  'createLlmployableClient',
  'paginate',
  'readServerSentEvents',
  'retryAfterMs',
  'retryingFetch',
  'unwrap',
];

describe('@llmployable/client package', () => {
  it('is built (npm run build) with ESM, CommonJS and type declarations', () => {
    for (const file of [
      'dist/esm/index.js',
      'dist/cjs/index.js',
      'dist/types/index.d.ts',
      'dist/cjs/cli/bin.js',
    ])
      expect(existsSync(join(PACKAGE, file)), `${file} (run npm run build)`).toBe(true);
  });

  it('loads through its exports map from ESM (import) and CommonJS (require), with the same API', async () => {
    const script = (kind: 'import' | 'require') =>
      kind === 'import'
        ? `import('@llmployable/client').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`
        : `console.log(JSON.stringify(Object.keys(require('@llmployable/client')).sort()))`;
    // Resolve the package by name, as a consumer would: NODE_PATH cannot serve ESM, so a symlinked node_modules.
    const { mkdtemp, mkdir, symlink, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const consumer = await mkdtemp(join(tmpdir(), 'client-consumer-'));
    try {
      await mkdir(join(consumer, 'node_modules', '@llmployable'), { recursive: true });
      await symlink(PACKAGE, join(consumer, 'node_modules', '@llmployable', 'client'));
      for (const kind of ['import', 'require'] as const) {
        const { stdout } = await run(process.execPath, ['-e', script(kind)], { cwd: consumer });
        const names = JSON.parse(stdout) as string[];
        expect(names, kind).toEqual(expect.arrayContaining(EXPORTS));
      }
      const esmCreates = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { createLlmployableClient } from '@llmployable/client';
           const c = createLlmployableClient({ baseUrl: 'http://127.0.0.1:1/' });
           console.log(c.baseUrl, typeof c.GET, typeof c.paginate, typeof c.followGeneration);`,
        ],
        { cwd: consumer },
      );
      expect(esmCreates.stdout.trim()).toBe('http://127.0.0.1:1 function function function');
    } finally {
      await rm(consumer, { recursive: true, force: true });
    }
  });

  it('declares its types from the generated contract', async () => {
    const types = await readFile(join(PACKAGE, 'dist/types/index.d.ts'), 'utf8');
    expect(types).toContain('createLlmployableClient');
    const generated = await readFile(join(PACKAGE, 'dist/types/generated/openapi.d.ts'), 'utf8');
    expect(generated).toContain('"/api/v1/generations/{id}/events"');
  });

  it('npm pack ships the builds, README, LICENSE and package.json only', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE });
    const [packed] = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
    expect(packed.name).toBe('@llmployable/client');
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/cjs/cli/bin.js']),
    );
    expect(paths.filter((path) => !/^(dist\/|LICENSE$|README\.md$|package\.json$)/.test(path))).toEqual([]);
    expect(paths.some((path) => path.endsWith('.spec.js'))).toBe(false);
  });
});
