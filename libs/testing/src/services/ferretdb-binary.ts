// Builds tools/ferretdb (a Go program embedding FerretDB v1 with SQLite) once and caches the binary at
// <repoRoot>/.cache/bin/ferretdb-embedded-<hash of its sources>, so editing the sources triggers a rebuild.
// A lock file keeps concurrent callers from building twice; the build writes a temp file renamed into place.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  describeExit,
  findExecutable,
  isAlive,
  ManagedProcess,
  noopLog,
  onParentExit,
  sleep,
  type Env,
  type Log,
} from './process';

const SOURCES = ['go.mod', 'go.sum', 'main.go'];
const BINARY_PREFIX = 'ferretdb-embedded-';
const BUILD_TIMEOUT_MS = 10 * 60_000;

export interface FerretdbBinaryOptions {
  repoRoot: string;
  /** Environment for finding and running `go` (default process.env). */
  env?: Env;
  log?: Log;
}

/** Where the binary for the current sources lives (whether or not it is built yet). */
export function ferretdbBinaryPath(repoRoot: string): string {
  const sourceDir = join(repoRoot, 'tools', 'ferretdb');
  const hash = createHash('sha256');
  for (const file of SOURCES) {
    const path = join(sourceDir, file);
    if (!existsSync(path)) throw new Error(`FerretDB sources incomplete: ${path} is missing`);
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return join(repoRoot, '.cache', 'bin', `${BINARY_PREFIX}${hash.digest('hex').slice(0, 16)}`);
}

/** Returns the cached binary's path, building it first when it is missing. */
export async function ensureFerretdbBinary(options: FerretdbBinaryOptions): Promise<string> {
  const target = ferretdbBinaryPath(options.repoRoot);
  if (existsSync(target)) return target;
  const env = options.env ?? process.env;
  const log = options.log ?? noopLog;
  const go = findExecutable('go', env);
  if (!go) throw new Error(`go not found on PATH, and no cached FerretDB binary at ${target}`);
  mkdirSync(join(options.repoRoot, '.cache', 'bin'), { recursive: true });

  return withLockFile(`${target}.lock`, log, async () => {
    if (existsSync(target)) return target; // another process built it while we waited
    const started = Date.now();
    log(`building FerretDB (${target}); about a minute the first time`);
    const temp = `${target}.tmp-${process.pid}`;
    const build = ManagedProcess.spawn({
      name: 'go build (tools/ferretdb)',
      command: go,
      args: ['build', '-buildvcs=false', '-trimpath', '-o', temp, '.'],
      cwd: join(options.repoRoot, 'tools', 'ferretdb'),
      env: { ...env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local' },
    });
    try {
      const exit = await build.waitForExit(BUILD_TIMEOUT_MS);
      if (exit.code !== 0 || exit.error) throw build.failure(`failed (${describeExit(exit)})`);
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
    log(`built FerretDB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    removeOtherBinaries(target);
    return target;
  });
}

/** Drops binaries built from older sources (a running one keeps working: the inode lives on). */
function removeOtherBinaries(current: string): void {
  const dir = join(current, '..');
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path !== current && /^ferretdb-embedded-[0-9a-f]{16}$/.test(name)) rmSync(path, { force: true });
  }
}

/**
 * Runs `fn` while holding `lockFile` (created exclusively, holding our pid). A lock whose owner is gone, or
 * older than the build timeout, is taken over. Correctness does not depend on the lock: builds go to
 * per-process temp files renamed atomically; the lock only avoids building twice.
 */
async function withLockFile<T>(lockFile: string, log: Log, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  let waiting = false;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isStaleLock(lockFile)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockFile}`);
    if (!waiting) log(`waiting for another process building FerretDB (${lockFile})`);
    waiting = true;
    await sleep(250);
  }
  const release = (): void => rmSync(lockFile, { force: true });
  const unregister = onParentExit(release);
  try {
    return await fn();
  } finally {
    unregister();
    release();
  }
}

function isStaleLock(lockFile: string): boolean {
  try {
    if (Date.now() - statSync(lockFile).mtimeMs > BUILD_TIMEOUT_MS) return true;
    const pid = Number(readFileSync(lockFile, 'utf8'));
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid); // an empty file is being written right now
  } catch {
    return false; // gone already: the next attempt takes it
  }
}
