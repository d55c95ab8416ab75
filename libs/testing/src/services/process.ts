// Child processes for the service provisioners: spawn with the last lines of output kept, poll a readiness
// probe under a timeout, stop with SIGTERM then SIGKILL, remove temp dirs. Children are also killed when this
// process exits or is interrupted, and (on Linux, via setpriv) when it dies without running any cleanup.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type Log = (message: string) => void;
export type Env = NodeJS.ProcessEnv;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: Error;
}

export interface SpawnOptions {
  /** Used in log lines and error messages. */
  name: string;
  command: string;
  args?: string[];
  env?: Env;
  cwd?: string;
  /** Removed when the process is stopped or this process exits. */
  tempDirs?: string[];
  /** How many lines of output to keep for error messages (default 40). */
  tailLines?: number;
}

export const noopLog: Log = () => undefined;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Hides the password in a connection string, for messages. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
}

/** Finds an executable file on the PATH of `env` (which need not be this process's PATH). */
export function findExecutable(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) {
        accessSync(file, constants.X_OK);
        return file;
      }
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

/** A fresh dir under the OS temp dir, named with our pid; first sweeps dirs left by processes now dead. */
export function makeTempDir(prefix: string): string {
  for (const name of readdirSync(tmpdir())) {
    const owner = /^llmployable-svc-[a-z-]+-(\d+)-/.exec(name)?.[1];
    if (owner && !isAlive(Number(owner))) removeDir(join(tmpdir(), name));
  }
  return mkdtempSync(join(tmpdir(), `llmployable-svc-${prefix}-${process.pid}-`));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Prefixes a command with `setpriv --pdeathsig <signal> --` when setpriv (util-linux) is available, so the
 * kernel signals the child if this process dies even by SIGKILL; otherwise returns the command unchanged.
 */
export function withParentDeathSignal(
  command: string,
  args: string[],
  env: Env,
  signal: 'KILL' | 'TERM' = 'KILL',
): [string, string[]] {
  const setpriv = process.platform === 'linux' ? findExecutable('setpriv', env) : undefined;
  return setpriv ? [setpriv, ['--pdeathsig', signal, '--', command, ...args]] : [command, args];
}

/**
 * Polls `probe` every 100 ms until it resolves or timeoutMs passes; `check` runs between attempts and may
 * throw to give up early (e.g. the process died).
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  timeoutMs: number,
  check: () => void = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = 'no attempt finished';
  do {
    check();
    try {
      const result = await probe();
      check();
      return result;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  } while (Date.now() < deadline);
  throw new Error(`was not ready within ${timeoutMs} ms (last error: ${errorMessage(lastError)})`);
}

// One set of cleanups for every child still running, run synchronously when this process exits.
const exitCleanups = new Set<() => void>();
let exitHooksInstalled = false;

function runExitCleanups(): void {
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      // best effort while exiting
    }
  }
  exitCleanups.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', runExitCleanups);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      // Another listener (the services CLI, a test runner) owns this signal; when it exits, 'exit' cleans up.
      if (process.listenerCount(signal) > 1) return;
      runExitCleanups();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // the default action, as if nobody had listened
    };
    process.on(signal, onSignal);
  }
}

/** Registers a synchronous cleanup for when this process exits; returns a function that unregisters it. */
export function onParentExit(cleanup: () => void): () => void {
  installExitHooks();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

export function describeExit({ code, signal, error }: ExitInfo): string {
  if (error) return `could not start: ${error.message}`;
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export class ManagedProcess {
  /** Resolves once the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  private exitInfo?: ExitInfo;
  private readonly lines: string[] = [];
  private readonly unregister: () => void;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: SpawnOptions,
  ) {
    const maxLines = options.tailLines ?? 40;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? '';
        this.lines.push(...parts.filter((line) => line.trim() !== ''));
        this.lines.splice(0, Math.max(0, this.lines.length - maxLines));
      });
    }
    this.exited = new Promise((resolve) => {
      const done = (info: ExitInfo): void => {
        this.exitInfo ??= info;
        resolve(this.exitInfo);
      };
      child.once('error', (error) => {
        if (child.pid === undefined) done({ code: null, signal: null, error });
      });
      // 'close' also waits for the output pipes; don't let a grandchild holding them delay us for long.
      child.once('exit', (code, signal) => {
        this.exitInfo ??= { code, signal };
        setTimeout(() => done({ code, signal }), 200).unref();
      });
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => done({ code, signal }));
    });
    this.unregister = onParentExit(() => {
      if (this.running) this.signal('SIGKILL');
      this.removeTempDirs();
    });
  }

  /**
   * Spawns a child with its output captured. It runs in its own process group so a terminal's Ctrl-C
   * reaches only the parent, which decides when to stop it.
   */
  static spawn(options: SpawnOptions): ManagedProcess {
    const env = options.env ?? process.env;
    const [command, args] = withParentDeathSignal(options.command, options.args ?? [], env);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return new ManagedProcess(child, options);
  }

  /** Spawns, then waits until `probe` succeeds; on failure stops the child and throws with its output. */
  static async start<T>(
    options: SpawnOptions,
    probe: () => Promise<T>,
    timeoutMs: number,
  ): Promise<{ process: ManagedProcess; ready: T }> {
    const child = ManagedProcess.spawn(options);
    try {
      return { process: child, ready: await child.waitUntilReady(probe, timeoutMs) };
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** The last lines the process wrote to stdout/stderr. */
  tail(): string {
    return this.lines.join('\n');
  }

  /** An Error naming the process, saying what went wrong and quoting its last output lines. */
  failure(what: string): Error {
    const tail = this.tail();
    const output = tail ? `\n--- last output of ${this.name} ---\n${tail}\n---` : ' (it printed nothing)';
    return new Error(`${this.name} ${what}${output}`);
  }

  async waitUntilReady<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
    const stopped = (): void => {
      if (this.exitInfo) throw new Error('stopped');
    };
    try {
      return await pollUntil(probe, timeoutMs, stopped);
    } catch (error) {
      if (this.exitInfo) throw this.failure(`stopped before it was ready (${describeExit(this.exitInfo)})`);
      throw this.failure(errorMessage(error));
    }
  }

  /** Waits for the process to exit by itself; kills it and throws when it takes longer than timeoutMs. */
  async waitForExit(timeoutMs: number): Promise<ExitInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const result = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return result;
    await this.stop();
    throw this.failure(`did not finish within ${timeoutMs} ms`);
  }

  /** SIGTERM, then SIGKILL after graceMs; then removes the temp dirs. Safe to call more than once. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.running) {
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.removeTempDirs();
    this.unregister();
  }

  /** Signals the child's whole process group (it leads one), so its own helpers (go's compilers) go too. */
  private signal(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal); // the group is gone already
    }
  }

  private removeTempDirs(): void {
    for (const dir of this.options.tempDirs ?? []) removeDir(dir);
  }
}
