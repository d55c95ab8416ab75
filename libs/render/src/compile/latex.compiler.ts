import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

import {
  DEFAULT_SEARCH_PATH,
  directorySize,
  makePrivateTempDir,
  removeTempDir,
  runBounded,
  sweepStaleDirs,
  type BoundedProcessResult,
} from './bounded-process';
import { LatexCompileError } from './latex-compile.error';
import { pagesFromLog, parseLatexLog, scrubPaths } from './latex-log.parser';

export interface CompiledPdf {
  pdf: Buffer;
  pages: number;
  /** Time from the start of this compile (temp dir creation) to the PDF in memory; excludes queueing. */
  durationMs: number;
  /** Time spent waiting for a free slot in the pool. */
  queuedMs: number;
  /** The pdflatex log, capped to `maxLogBytes` (its tail), absolute paths scrubbed. */
  log: string;
}

export interface CompileOptions {
  /** Wall-clock limit of this compile; defaults to the compiler's `timeoutMs`. */
  timeoutMs?: number;
  /** Base name of the .tex/.pdf/.log files (letters, digits, `_`, `-`; at most 64). Defaults to `document`. */
  jobName?: string;
}

export interface LatexCompilerOptions {
  /** The pdflatex binary: a name looked up in `searchPath`, or an absolute path. Default `pdflatex`. */
  pdflatexPath?: string;
  /** PATH given to pdflatex (which runs kpathsea helpers). The directory of an absolute `pdflatexPath` is prepended. */
  searchPath?: string;
  /** Default wall-clock limit per compile. Default 10 000 ms. */
  timeoutMs?: number;
  /** Cap on the PDF and on everything written in the work directory while compiling. Default 16 MiB. */
  maxOutputBytes?: number;
  /** Cap on the TeX source. Default `MAX_TEX_BYTES` (1 MiB). */
  maxInputBytes?: number;
  /** Bytes of the log read back (the tail, where errors are). Default 256 KiB. */
  maxLogBytes?: number;
  /** Compiles running at once. Default `os.availableParallelism()`. */
  maxConcurrency?: number;
  /** Compiles waiting for a slot; one more is rejected with `latex_busy`. Default 32. */
  maxQueue?: number;
  /** Where per-compile temp directories are made. Default `os.tmpdir()`. */
  tmpRoot?: string;
  /**
   * Let kpathsea run mktexpk/mktextfm (METAFONT) for fonts without Type 1 outlines. Default false: such a
   * document fails (`Font ... not found`) instead of spawning METAFONT and embedding bitmap (Type 3) fonts, which
   * text extraction reads badly. Templates should use Type 1 fonts (`lmodern` with T1, or OT1 Computer Modern).
   */
  allowFontGeneration?: boolean;
  /**
   * At construction, remove (in the background) `llmployable-latex-*` directories under `tmpRoot` older than
   * this, left by a process that died mid-compile. Default 10 minutes; 0 turns the sweep off.
   */
  sweepStaleTempDirsOlderThanMs?: number;
}

/** The default cap on the TeX source (`maxInputBytes`): 1 MiB. Check a rendered source against it before compiling. */
export const MAX_TEX_BYTES = 1024 * 1024;

/** Prefix of the per-compile temp directories under `tmpRoot`. */
export const LATEX_TEMP_DIR_PREFIX = 'llmployable-latex-';

const STALE_TEMP_DIR_MS = 10 * 60 * 1000;

/** Counters of a compiler since it was built; `running` and `queued` are current values. */
export interface LatexCompilerStats {
  running: number;
  queued: number;
  /** Compiles that produced a PDF. */
  completed: number;
  /** Compiles that ended in an error, timeouts included (not `latex_busy` rejections). */
  failed: number;
  /** Compiles killed by the wall-clock limit (also counted in `failed`). */
  timedOut: number;
  /** Calls rejected with `latex_busy` because the queue was full. */
  rejected: number;
  maxConcurrency: number;
  maxQueue: number;
}

export interface LatexSelfTestResult {
  ok: boolean;
  /** First line of `pdflatex --version`. */
  version?: string;
  durationMs: number;
  error?: string;
  code?: LatexCompileError['code'];
}

const JOB_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SELF_TEST_TEX = '\\documentclass{article}\n\\begin{document}\nself test\n\\end{document}\n';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

function closedError(): LatexCompileError {
  return new LatexCompileError(
    'latex_closed',
    'The LaTeX compiler is shut down; no more compiles are accepted',
  );
}

/**
 * Compiles LaTeX to PDF with pdflatex, sandboxed as DESIGN.md requires ("Safety rules for LaTeX"):
 * `-no-shell-escape`, `openin_any=p`/`openout_any=p` (no reads or writes outside the work directory, no dot
 * files), a minimal environment (nothing inherited: no TEXINPUTS/TEXMFOUTPUT widening, no secrets), a fresh
 * private temp directory per compile (removed on every path), a wall-clock limit that kills the process group,
 * an output cap, and a bounded FIFO pool. One pdflatex pass: documents must not need cross-references resolved
 * on a second run (`\ref`, `\pageref`, `lastpage`); the log then warns, and the PDF shows `??`.
 */
export class LatexCompiler {
  private readonly pdflatexPath: string;
  private readonly searchPath: string;
  private readonly timeoutMs: number;
  private readonly maxOutputBytes: number;
  private readonly maxInputBytes: number;
  private readonly maxLogBytes: number;
  private readonly maxConcurrency: number;
  private readonly maxQueue: number;
  private readonly tmpRoot: string;
  private readonly allowFontGeneration: boolean;

  private running = 0;
  private closed = false;
  private readonly queue: Waiter[] = [];
  /** Work that runs processes (compiles, self-tests): aborted and awaited by `close()`. */
  private readonly inflight = new Map<Promise<unknown>, AbortController>();
  private readonly counters = { completed: 0, failed: 0, timedOut: 0, rejected: 0 };

  constructor(options: LatexCompilerOptions = {}) {
    this.pdflatexPath = options.pdflatexPath ?? 'pdflatex';
    const searchPath = options.searchPath ?? DEFAULT_SEARCH_PATH;
    this.searchPath = isAbsolute(this.pdflatexPath)
      ? `${dirname(this.pdflatexPath)}:${searchPath}`
      : searchPath;
    this.timeoutMs = positive(options.timeoutMs, 10_000, 'timeoutMs');
    this.maxOutputBytes = positive(options.maxOutputBytes, 16 * 1024 * 1024, 'maxOutputBytes');
    this.maxInputBytes = positive(options.maxInputBytes, MAX_TEX_BYTES, 'maxInputBytes');
    this.maxLogBytes = positive(options.maxLogBytes, 256 * 1024, 'maxLogBytes');
    this.maxConcurrency = positive(options.maxConcurrency, availableParallelism(), 'maxConcurrency');
    this.maxQueue = options.maxQueue ?? 32;
    if (!Number.isInteger(this.maxQueue) || this.maxQueue < 0) throw new RangeError('maxQueue must be >= 0');
    this.tmpRoot = options.tmpRoot ?? tmpdir();
    this.allowFontGeneration = options.allowFontGeneration ?? false;
    const staleMs = options.sweepStaleTempDirsOlderThanMs ?? STALE_TEMP_DIR_MS;
    if (!Number.isFinite(staleMs) || staleMs < 0)
      throw new RangeError('sweepStaleTempDirsOlderThanMs must be >= 0');
    if (staleMs > 0) void this.sweepStaleTempDirs(staleMs);
  }

  /**
   * Removes `llmployable-latex-*` directories under `tmpRoot` last modified more than `maxAgeMs` ago (left by a
   * process that was killed mid-compile; the constructor runs this in the background). Never throws; returns
   * how many were removed.
   */
  async sweepStaleTempDirs(maxAgeMs = STALE_TEMP_DIR_MS): Promise<number> {
    return (await sweepStaleDirs(this.tmpRoot, LATEX_TEMP_DIR_PREFIX, maxAgeMs)).length;
  }

  /**
   * Shuts the compiler down: compiles waiting for a slot are rejected (`latex_closed`), running ones are killed
   * (their whole process group) and fail with `latex_closed` once their temp directory is removed, and later
   * calls are refused with `latex_closed`. Resolves when nothing of this compiler runs any more. Idempotent.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.reject(closedError());
    for (const controller of this.inflight.values()) controller.abort();
    await Promise.allSettled([...this.inflight.keys()]);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  stats(): LatexCompilerStats {
    return {
      running: this.running,
      queued: this.queue.length,
      ...this.counters,
      maxConcurrency: this.maxConcurrency,
      maxQueue: this.maxQueue,
    };
  }

  /**
   * Compiles `tex` (a complete document) once. Rejects with `LatexCompileError` (`latex_busy` at once when the
   * queue is full). FIFO: calls get a slot in the order they were made.
   */
  async compile(tex: string, options: CompileOptions = {}): Promise<CompiledPdf> {
    const jobName = options.jobName ?? 'document';
    if (!JOB_NAME.test(jobName)) throw new TypeError('jobName must match /^[A-Za-z0-9_-]{1,64}$/');
    const timeoutMs = positive(options.timeoutMs, this.timeoutMs, 'timeoutMs');
    if (typeof tex !== 'string') throw new TypeError('tex must be a string');
    if (this.closed) throw closedError();
    const bytes = Buffer.byteLength(tex, 'utf8');
    if (bytes > this.maxInputBytes) {
      throw new LatexCompileError(
        'latex_input_too_large',
        `The document is too large to typeset: shorten it (its LaTeX source is ${bytes} bytes, the limit is ${this.maxInputBytes})`,
      );
    }

    const queuedAt = performance.now();
    await this.acquire();
    const queuedMs = performance.now() - queuedAt;
    try {
      const result = await this.compileOnce(tex, jobName, timeoutMs);
      this.counters.completed++;
      return { ...result, queuedMs };
    } catch (error) {
      this.counters.failed++;
      if (error instanceof LatexCompileError && error.code === 'latex_timeout') this.counters.timedOut++;
      throw error;
    } finally {
      this.release();
    }
  }

  /**
   * For a health indicator: pdflatex starts (`--version`) and a tiny document compiles. Runs outside the pool
   * (a full queue must not make the dependency look down) and never throws.
   */
  async selfTest(): Promise<LatexSelfTestResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let version: string | undefined;
    let dir: string | undefined;
    if (this.closed) {
      return { ok: false, durationMs: 0, code: 'latex_closed', error: closedError().message };
    }
    try {
      dir = await makePrivateTempDir(this.tmpRoot, LATEX_TEMP_DIR_PREFIX);
      const workDir = dir;
      const result = await this.track((signal) =>
        runBounded(this.pdflatexPath, ['--version'], {
          cwd: workDir,
          env: this.environment(workDir),
          timeoutMs: 5_000,
          maxCaptureBytes: 64 * 1024,
          onStdoutOverflow: 'truncate',
          signal,
        }),
      );
      if (result.killed === 'aborted') throw closedError();
      if (result.spawnError || result.exitCode !== 0) {
        const reason = result.spawnError
          ? result.spawnError.code
          : `exit ${result.exitCode ?? result.signal}`;
        return {
          ok: false,
          durationMs: elapsed(),
          code: 'latex_unavailable',
          error: `pdflatex is unavailable (${reason})`,
        };
      }
      version = result.stdout.toString('utf8').split('\n')[0].trim();
    } catch (error) {
      const code = error instanceof LatexCompileError ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, durationMs: elapsed(), code, error: scrubPaths(message) };
    } finally {
      if (dir) await removeTempDir(dir);
    }
    try {
      const compiled = await this.compileOnce(SELF_TEST_TEX, 'selftest', Math.max(this.timeoutMs, 10_000));
      if (compiled.pages !== 1) throw new Error(`self-test document has ${compiled.pages} pages, expected 1`);
      return { ok: true, version, durationMs: elapsed() };
    } catch (error) {
      const code = error instanceof LatexCompileError ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, version, durationMs: elapsed(), code, error: scrubPaths(message) };
    }
  }

  /** Runs `work` with an abort signal that `close()` fires, and lets `close()` wait for it. */
  private track<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (this.closed) controller.abort();
    const promise = work(controller.signal);
    this.inflight.set(promise, controller);
    const forget = () => this.inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private compileOnce(
    tex: string,
    jobName: string,
    timeoutMs: number,
  ): Promise<Omit<CompiledPdf, 'queuedMs'>> {
    return this.track((signal) => this.compileIn(tex, jobName, timeoutMs, signal));
  }

  private async compileIn(
    tex: string,
    jobName: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<Omit<CompiledPdf, 'queuedMs'>> {
    const started = performance.now();
    if (signal.aborted) throw closedError();
    const dir = await makePrivateTempDir(this.tmpRoot, LATEX_TEMP_DIR_PREFIX);
    try {
      await writeFile(join(dir, `${jobName}.tex`), tex, { encoding: 'utf8', mode: 0o600 });
      let tooLarge = false;
      const result = await runBounded(this.pdflatexPath, this.arguments(jobName), {
        cwd: dir,
        env: this.environment(dir),
        timeoutMs,
        maxCaptureBytes: 64 * 1024,
        onStdoutOverflow: 'truncate',
        watchdogIntervalMs: 100,
        watchdog: async () => {
          tooLarge = (await directorySize(dir)) > this.maxOutputBytes;
          return tooLarge;
        },
        signal,
      });
      if (result.killed === 'aborted') throw closedError();
      if (result.spawnError) {
        throw new LatexCompileError(
          'latex_unavailable',
          `pdflatex could not be started (${result.spawnError.code ?? 'error'})`,
        );
      }
      const log = await this.readLog(dir, jobName, result);
      if (result.killed === 'timeout') {
        throw new LatexCompileError(
          'latex_timeout',
          `LaTeX compilation exceeded ${timeoutMs} ms`,
          parseLatexLog(log, jobName),
          log,
        );
      }
      if (result.killed === 'watchdog' || tooLarge) {
        throw this.outputTooLarge(log);
      }

      const pdfPath = join(dir, `${jobName}.pdf`);
      const pdfSize = await sizeOf(pdfPath);
      if (result.exitCode !== 0 || pdfSize === undefined) {
        const errors = parseLatexLog(log, jobName);
        const fallback =
          result.exitCode === 127 ? 'pdflatex could not be started' : 'LaTeX compilation failed';
        throw new LatexCompileError(
          'latex_compile_failed',
          errors.length > 0 ? `LaTeX compilation failed: ${errors[0].message}` : fallback,
          errors.length > 0 ? errors : [{ message: 'LaTeX produced no PDF' }],
          log,
        );
      }
      if (pdfSize > this.maxOutputBytes) throw this.outputTooLarge(log);
      const pdf = await readFile(pdfPath);
      const pages = pagesFromLog(log) ?? pagesFromPdf(pdf);
      return { pdf, pages, log, durationMs: Math.round(performance.now() - started) };
    } finally {
      await removeTempDir(dir);
    }
  }

  private outputTooLarge(log: string): LatexCompileError {
    return new LatexCompileError(
      'latex_output_too_large',
      `LaTeX output exceeded ${this.maxOutputBytes} bytes`,
      [],
      log,
    );
  }

  private arguments(jobName: string): string[] {
    return [
      '-no-shell-escape',
      '-interaction=nonstopmode',
      '-halt-on-error',
      // Errors as `./document.tex:12: message`: the file tells a document error from a package error.
      '-file-line-error',
      // A `%&format` first line must not pick another format or translation file.
      '-no-parse-first-line',
      `-jobname=${jobName}`,
      `${jobName}.tex`,
    ];
  }

  /** The whole environment of pdflatex: nothing is inherited from this process. */
  private environment(dir: string): Record<string, string> {
    const env: Record<string, string> = {
      PATH: this.searchPath,
      HOME: dir,
      TMPDIR: dir,
      LC_ALL: 'C',
      LANG: 'C',
      // kpathsea: only relative paths below the current directory, no `..`, no dot files, for reading and writing.
      openin_any: 'p',
      openout_any: 'p',
      shell_escape: 'f',
      shell_escape_commands: '',
      // Under openin_any/openout_any=p, absolute paths inside TEXMFOUTPUT are allowed: keep it the work dir.
      TEXMFOUTPUT: dir,
      // Per-user trees point into the (empty) work dir, never a real home.
      TEXMFHOME: join(dir, 'texmf-home'),
      TEXMFVAR: join(dir, 'texmf-var'),
      TEXMFCONFIG: join(dir, 'texmf-config'),
      // One log line per message (no wrapping at 79 columns), so parsing and path scrubbing see whole lines.
      max_print_line: '10000',
      error_line: '254',
      half_error_line: '238',
      // Reproducible PDFs: a fixed creation date and document id, so the same source gives the same bytes
      // (and the same ETag) whenever it is compiled.
      SOURCE_DATE_EPOCH: '0',
      FORCE_SOURCE_DATE: '1',
    };
    if (!this.allowFontGeneration) {
      Object.assign(env, { MKTEXPK: '0', MKTEXTFM: '0', MKTEXMF: '0', MKTEXFMT: '0', MKTEXTEX: '0' });
    }
    return env;
  }

  /** The tail of the log (errors are at the end), capped, paths scrubbed; pdflatex's stdout when there is none. */
  private async readLog(dir: string, jobName: string, result: BoundedProcessResult): Promise<string> {
    let raw: string;
    try {
      const handle = await open(join(dir, `${jobName}.log`), 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, this.maxLogBytes);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        raw = buffer.toString('utf8');
        if (size > length)
          raw = `[log truncated to its last ${length} bytes]\n${raw.slice(raw.indexOf('\n') + 1)}`;
      } finally {
        await handle.close();
      }
    } catch {
      raw = result.stdout.toString('utf8').slice(-this.maxLogBytes);
    }
    const stderr = result.stderr.toString('utf8').trim();
    if (stderr) raw += `\n${stderr.slice(0, 8 * 1024)}`;
    return scrubPaths(raw, dir);
  }

  private acquire(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (this.running < this.maxConcurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxQueue) {
      this.counters.rejected++;
      return Promise.reject(
        new LatexCompileError('latex_busy', 'Too many LaTeX compilations are waiting; retry later'),
      );
    }
    return new Promise<void>((resolve, reject) => this.queue.push({ resolve, reject }));
  }

  /** Hands the slot straight to the oldest waiter (FIFO), or frees it. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next.resolve();
    else this.running--;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result <= 0) throw new RangeError(`${name} must be a positive number`);
  return result;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** Fallback page count from the PDF's page tree root (`/Type /Pages ... /Count N`) when the log had none. */
function pagesFromPdf(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let max = 0;
  for (const match of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g))
    max = Math.max(max, Number(match[1]));
  return max;
}
