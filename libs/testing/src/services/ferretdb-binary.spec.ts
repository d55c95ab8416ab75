import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureFerretdbBinary, ferretdbBinaryPath } from './ferretdb-binary';
import { makeTempDir, removeDir } from './process';

// A fake `go` that records each build, takes a moment, and writes the -o file (or fails on request).
const FAKE_GO = `#!/bin/sh
echo build >> "$FAKE_GO_LOG"
sleep 0.3
if [ -n "$FAKE_GO_FAIL" ]; then echo "./main.go:3:1: syntax error" >&2; exit 1; fi
while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
printf '#!/bin/sh\\necho fake\\n' > "$out" && chmod +x "$out"
`;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function fakeRepo(): { repoRoot: string; env: NodeJS.ProcessEnv; builds: () => number } {
  const repoRoot = makeTempDir('spec-repo');
  dirs.push(repoRoot);
  const sources = join(repoRoot, 'tools', 'ferretdb');
  mkdirSync(sources, { recursive: true });
  for (const file of ['go.mod', 'go.sum', 'main.go']) writeFileSync(join(sources, file), `// ${file}\n`);
  mkdirSync(join(repoRoot, 'fakebin'));
  writeFileSync(join(repoRoot, 'fakebin', 'go'), FAKE_GO);
  chmodSync(join(repoRoot, 'fakebin', 'go'), 0o755);
  const log = join(repoRoot, 'builds.log');
  const env = { PATH: `${join(repoRoot, 'fakebin')}:/usr/bin:/bin`, FAKE_GO_LOG: log };
  const builds = (): number => readFileSync(log, 'utf8').trim().split('\n').length;
  return { repoRoot, env, builds };
}

describe('ensureFerretdbBinary', () => {
  it('builds once for concurrent callers, then reuses the cached binary', async () => {
    const { repoRoot, env, builds } = fakeRepo();
    const paths = await Promise.all([1, 2, 3].map(() => ensureFerretdbBinary({ repoRoot, env })));
    expect(new Set(paths)).toEqual(new Set([ferretdbBinaryPath(repoRoot)]));
    expect(paths[0]).toMatch(/\.cache\/bin\/ferretdb-embedded-[0-9a-f]{16}$/);
    expect(readFileSync(paths[0], 'utf8')).toContain('fake');
    await ensureFerretdbBinary({ repoRoot, env: { PATH: '/nonexistent' } }); // cached: go not needed
    expect(builds()).toBe(1);
  });

  it('rebuilds when a source changes', async () => {
    const { repoRoot, env, builds } = fakeRepo();
    const first = await ensureFerretdbBinary({ repoRoot, env });
    writeFileSync(join(repoRoot, 'tools', 'ferretdb', 'main.go'), '// edited\n');
    const second = await ensureFerretdbBinary({ repoRoot, env });
    expect(second).not.toBe(first);
    expect(builds()).toBe(2);
  });

  it('explains a failed build with the compiler output and leaves no lock behind', async () => {
    const { repoRoot, env } = fakeRepo();
    const error = await ensureFerretdbBinary({ repoRoot, env: { ...env, FAKE_GO_FAIL: '1' } }).catch(
      (e) => e,
    );
    expect(error.message).toMatch(/go build \(tools\/ferretdb\) failed \(exit code 1\)/);
    expect(error.message).toContain('syntax error');
    await expect(ensureFerretdbBinary({ repoRoot, env })).resolves.toBe(ferretdbBinaryPath(repoRoot));
  });

  it('says so when go is missing and nothing is cached', async () => {
    const { repoRoot } = fakeRepo();
    await expect(ensureFerretdbBinary({ repoRoot, env: { PATH: '/nonexistent' } })).rejects.toThrow(
      /go not found on PATH, and no cached FerretDB binary/,
    );
  });
});
