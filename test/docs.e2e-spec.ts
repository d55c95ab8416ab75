/** Keeps README.md and .env.example true: every variable the config reads and every script named exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('documentation', () => {
  it('.env.example documents every variable the config reads', () => {
    const source = read('libs/core/src/config/app-config.ts');
    const names = new Set(
      [
        ...source.matchAll(/(?:raw|int|bool|url|httpUrl|oneOf)\('([A-Z][A-Z0-9_]+)'|env\.([A-Z][A-Z0-9_]+)/g),
      ].map((m) => m[1] ?? m[2]),
    );
    names.delete('npm_package_version');
    expect(names.size).toBeGreaterThanOrEqual(15);
    const example = read('.env.example');
    const missing = [...names].filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('README names only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
    const named = [...read('README.md').matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
    expect(scripts).toEqual(expect.arrayContaining(['start', 'test']));
  });

  it('.ci/run runs the quick-start test command and nothing else', () => {
    const commands = read('.ci/run')
      .split('\n')
      .filter(
        (line) => line.trim() && !line.startsWith('#') && !line.startsWith('set ') && !line.startsWith('cd '),
      );
    expect(commands).toEqual(['exec npm test']);
    expect(read('README.md')).toMatch(/^npm start {3}#.*docs/m);
    expect(read('README.md')).toMatch(/^npm test {4}#/m);
  });
});
