#!/usr/bin/env node
// `npm run client:build`: the publishable package in libs/client/dist — ESM (dist/esm), CommonJS (dist/cjs) and
// type declarations (dist/types) — and the `llmployable` bin (dist/cjs/cli/bin.js, executable).
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(here, '..', '..', 'node_modules', '.bin', 'tsc');
rmSync(join(here, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.esm.json', 'tsconfig.cjs.json'])
  execFileSync(tsc, ['-p', join(here, config)], { stdio: 'inherit' });
// Each build says what its .js files are, whatever the package's own "type" is.
writeFileSync(join(here, 'dist/esm/package.json'), '{ "type": "module" }\n');
writeFileSync(join(here, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
chmodSync(join(here, 'dist/cjs/cli/bin.js'), 0o755);
