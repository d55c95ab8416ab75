import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, chmod, lstat, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Why a bounded process was killed before it finished on its own (`aborted`: the caller's signal, e.g. close()). */
export type KillReason = 'timeout' | 'output' | 'watchdog' | 'aborted';

/**
 * Process groups started by `runBounded` and temp dirs made by `makePrivateTempDir` that are still alive in this
 * process. A last resort for an exit that did not close the compiler first (`process.exit()` mid-compile): the
 * 'exit' handler SIGKILLs every group and removes every dir, synchronously. Children run detached (their own
 * group), so nothing else would stop them when this process ends.
 */
const liveGroups = new Set<number>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killProcessGroup(pid);
    for (const dir of liveDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort; the next start's sweep removes what is left.
      }
    }
  });
}

/** Process groups currently running (for tests and diagnostics). */
export function liveProcessGroups(): number[] {
  return [...liveGroups];
}

export interface BoundedProcessOptions {
  cwd: string;
  /** The complete environment of the child; nothing is inherited. */
  env: Record<string, string>;
  /** Wall-clock limit; the whole process group is SIGKILLed when it passes. */
  timeoutMs: number;
  /** Bytes of stdout (and, separately, of stderr) kept. */
  maxCaptureBytes: number;
  /** `kill`: stdout beyond the cap kills the group (the output is the product); `truncate`: the rest is dropped. */
  onStdoutOverflow: 'kill' | 'truncate';
  /** Called every `watchdogIntervalMs` while the child runs; resolving `true` kills the group (reason `watchdog`). */
  watchdog?: () => Promise<boolean>;
  watchdogIntervalMs?: number;
  /** Aborting kills the group (reason `aborted`); an already aborted signal starts nothing. */
  signal?: AbortSignal;
}

export interface BoundedProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
  stdoutTruncated: boolean;
  /** Set when we killed the process group. */
  killed?: KillReason;
  /** Set when the binary could not be started at all (ENOENT, EACCES, ...). */
  spawnError?: NodeJS.ErrnoException;
  pid?: number;
  durationMs: number;
}

/** Sends SIGKILL to a whole process group; a group that is already gone is fine. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined || pid <= 0) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has already exited.
  }
}

/**
 * Runs one binary with no shell, in its own process group (`detached`), with a minimal environment, a
 * wall-clock timeout, capped stdout/stderr capture and an optional watchdog. Every child the binary starts is in
 * the same group and is killed with it, on timeout and also after a normal exit (no stragglers).
 * Never rejects: failures are described in the result.
 */
export function runBounded(
  command: string,
  args: readonly string[],
  options: BoundedProcessOptions,
): Promise<BoundedProcessResult> {
  const started = performance.now();
  if (options.signal?.aborted) {
    return Promise.resolve({
      exitCode: null,
      signal: null,
      stdout: Buffer.alloc(0),
      stderr: Buffer.alloc(0),
      stdoutTruncated: false,
      killed: 'aborted',
      durationMs: 0,
    });
  }
  installExitHook();
  return new Promise<BoundedProcessResult>((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let stdoutTruncated = false;
    let killed: KillReason | undefined;
    let settled = false;
    let watchdogBusy = false;

    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const pid = child.pid;
    if (pid !== undefined) liveGroups.add(pid);

    const kill = (reason: KillReason) => {
      if (killed === undefined) killed = reason;
      killProcessGroup(pid);
    };
    const onAbort = () => kill('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    const watchdogTimer =
      options.watchdog === undefined
        ? undefined
        : setInterval(() => {
            if (watchdogBusy || killed !== undefined) return;
            watchdogBusy = true;
            options.watchdog!()
              .then((stop) => {
                if (stop && !settled) kill('watchdog');
              })
              .catch(() => undefined)
              .finally(() => {
                watchdogBusy = false;
              });
          }, options.watchdogIntervalMs ?? 100);

    const finish = (
      result: Omit<BoundedProcessResult, 'durationMs' | 'stdout' | 'stderr' | 'stdoutTruncated'>,
    ) => {
      if (settled) return;
      settled = true;
      if (pid !== undefined) liveGroups.delete(pid);
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      if (watchdogTimer !== undefined) clearInterval(watchdogTimer);
      resolve({
        ...result,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        stdoutTruncated,
        killed,
        pid,
        durationMs: performance.now() - started,
      });
    };

    child.stdout.on('data', (chunk: Buffer) => {
      const room = options.maxCaptureBytes - stdoutBytes;
      if (chunk.length > room) {
        stdoutTruncated = true;
        if (room > 0) stdout.push(chunk.subarray(0, room));
        stdoutBytes = options.maxCaptureBytes;
        if (options.onStdoutOverflow === 'kill') kill('output');
        return;
      }
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const room = options.maxCaptureBytes - stderrBytes;
      if (room <= 0) return;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      stderr.push(kept);
      stderrBytes += kept.length;
    });

    // The direct child has exited: anything it left behind in its group goes too, so 'close' can follow.
    child.on('exit', () => killProcessGroup(pid));
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Without a pid the binary never started and no 'close' will follow; otherwise 'close' settles.
      if (pid === undefined) finish({ exitCode: null, signal: null, spawnError: error });
    });
    child.on('close', (exitCode, signal) => finish({ exitCode, signal }));
  });
}

/** A fresh private (0700) directory under `root`, removed at exit if it is still there then. */
export async function makePrivateTempDir(root: string, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(root, prefix));
  installExitHook();
  liveDirs.add(dir);
  await chmod(dir, 0o700);
  return dir;
}

/** Removes a temp directory and everything in it; never throws (returns false when it could not). */
export async function removeTempDir(dir: string): Promise<boolean> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    liveDirs.delete(dir);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes directories `root/<prefix>*` last modified more than `maxAgeMs` ago (left by a process that died
 * mid-compile), skipping the ones this process is using, symlinks and other users' directories. Never throws;
 * returns the names removed.
 */
export async function sweepStaleDirs(root: string, prefix: string, maxAgeMs: number): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return removed;
  }
  const cutoff = Date.now() - maxAgeMs;
  const uid = process.getuid?.();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(root, name);
    if (liveDirs.has(dir)) continue;
    try {
      const info = await lstat(dir);
      if (!info.isDirectory() || info.mtimeMs > cutoff) continue;
      if (uid !== undefined && info.uid !== uid) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Total size in bytes of the regular files directly in `dir` and in its subdirectories (bounded depth). */
export async function directorySize(dir: string, depth = 3): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) total += await directorySize(path, depth - 1);
    } else if (entry.isFile()) {
      try {
        total += (await stat(path)).size;
      } catch {
        // Removed between readdir and stat.
      }
    }
  }
  return total;
}

/** Directories whose contents may be searched for binaries when the caller gives none. */
export const DEFAULT_SEARCH_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
