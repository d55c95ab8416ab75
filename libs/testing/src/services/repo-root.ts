// Finds the repository root: the nearest folder at or above `from` whose package.json is named "llmployable".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPO_PACKAGE_NAME = 'llmployable';

export function findRepoRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === REPO_PACKAGE_NAME) return dir;
    if (dirname(dir) === dir)
      throw new Error(`no package.json named "${REPO_PACKAGE_NAME}" at or above ${from}`);
  }
}

function readPackageName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
