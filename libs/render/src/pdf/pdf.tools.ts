import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEFAULT_SEARCH_PATH,
  directorySize,
  makePrivateTempDir,
  removeTempDir,
  runBounded,
  sweepStaleDirs,
  type BoundedProcessResult,
} from '../compile/bounded-process';
import { scrubPaths } from '../compile/latex-log.parser';
import { PdfToolError } from './pdf-tool.error';

export interface PdfToolsOptions {
  /** Directory of the poppler binaries; default: looked up in `searchPath`. */
  binDir?: string;
  /** PATH given to the tools. */
  searchPath?: string;
  /** Wall-clock limit per tool run (process group killed). Default 10 000 ms. */
  timeoutMs?: number;
  /** Largest PDF accepted. Default 32 MiB. */
  maxInputBytes?: number;
  /** Largest text or PNG produced. Default 16 MiB. */
  maxOutputBytes?: number;
  /** Where per-call temp directories are made. Default `os.tmpdir()`. */
  tmpRoot?: string;
  /**
   * At construction, remove (in the background) `llmployable-pdf-*` directories under `tmpRoot` older than this,
   * left by a process that died mid-call. Default 10 minutes; 0 turns the sweep off.
   */
  sweepStaleTempDirsOlderThanMs?: number;
}

/** Prefix of the per-call temp directories under `tmpRoot`. */
export const PDF_TEMP_DIR_PREFIX = 'llmployable-pdf-';

export interface ExtractTextOptions {
  /**
   * `pdftotext -layout`: keeps the physical layout (columns side by side, right-aligned dates on their line,
   * padded with spaces). Off by default.
   */
  layout?: boolean;
  /**
   * `pdftotext -raw`: content-stream order, no dehyphenation (a word broken at a line end stays
   * `micro-` / `services`). Off by default.
   */
  raw?: boolean;
}

export interface PdfInfo {
  pages: number;
  /** Size of the first page in PostScript points (1/72 in). */
  pageSize?: { width: number; height: number; name?: string };
  producer?: string;
  creator?: string;
  title?: string;
  pdfVersion?: string;
  encrypted: boolean;
}

export interface ToPngOptions {
  /** 1-based page number. Default 1. */
  page?: number;
  /** Resolution, 10–300. Default 72 (one pixel per point). */
  dpi?: number;
}

/**
 * poppler-utils (`pdftotext`, `pdfinfo`, `pdftoppm`) behind one adapter: each call writes the PDF into a fresh
 * private temp dir (removed afterwards on every path), runs the tool with no shell, a minimal environment, a
 * wall-clock limit that kills its process group and a cap on what it produces.
 */
export class PdfTools {
  private readonly binDir?: string;
  private readonly searchPath: string;
  private readonly timeoutMs: number;
  private readonly maxInputBytes: number;
  private readonly maxOutputBytes: number;
  private readonly tmpRoot: string;
  private closed = false;
  /** Calls in progress: aborted and awaited by `close()`. */
  private readonly inflight = new Map<Promise<unknown>, AbortController>();

  constructor(options: PdfToolsOptions = {}) {
    this.binDir = options.binDir;
    this.searchPath = options.searchPath ?? DEFAULT_SEARCH_PATH;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxInputBytes = options.maxInputBytes ?? 32 * 1024 * 1024;
    this.maxOutputBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
    this.tmpRoot = options.tmpRoot ?? tmpdir();
    const staleMs = options.sweepStaleTempDirsOlderThanMs ?? 10 * 60 * 1000;
    if (staleMs > 0) void sweepStaleDirs(this.tmpRoot, PDF_TEMP_DIR_PREFIX, staleMs);
  }

  /**
   * Shuts the adapter down: running tools are killed (their process group) and fail with `pdf_tool_closed` once
   * their temp directory is removed; later calls are refused. Resolves when nothing of it runs any more.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.inflight.values()) controller.abort();
    await Promise.allSettled([...this.inflight.keys()]);
  }

  /**
   * The text of the PDF, UTF-8, pages joined without form feeds. Default mode (neither `layout` nor `raw`) is
   * poppler's reading order: for a single-column document it follows the lines top to bottom and joins words
   * hyphenated at line ends, which is what keyword matching needs.
   */
  async extractText(pdf: Buffer, options: ExtractTextOptions = {}): Promise<string> {
    if (options.layout && options.raw) throw new TypeError('extractText: layout and raw are exclusive');
    const mode = options.layout ? ['-layout'] : options.raw ? ['-raw'] : [];
    return this.withPdf('pdftotext', pdf, async (dir, signal) => {
      const result = await this.run(
        'pdftotext',
        ['-enc', 'UTF-8', '-nopgbrk', ...mode, 'input.pdf', '-'],
        dir,
        { onStdoutOverflow: 'kill', signal },
      );
      return result.stdout.toString('utf8');
    });
  }

  async pageCount(pdf: Buffer): Promise<number> {
    return (await this.info(pdf)).pages;
  }

  async info(pdf: Buffer): Promise<PdfInfo> {
    return this.withPdf('pdfinfo', pdf, async (dir, signal) => {
      const result = await this.run('pdfinfo', ['-enc', 'UTF-8', 'input.pdf'], dir, {
        onStdoutOverflow: 'truncate',
        signal,
      });
      return parsePdfInfo(result.stdout.toString('utf8'));
    });
  }

  /** One page rendered as PNG (`pdftoppm -png -singlefile`). */
  async toPng(pdf: Buffer, options: ToPngOptions = {}): Promise<Buffer> {
    const page = options.page ?? 1;
    const dpi = options.dpi ?? 72;
    if (!Number.isInteger(page) || page < 1) throw new RangeError('toPng: page must be an integer >= 1');
    if (!Number.isFinite(dpi) || dpi < 10 || dpi > 300)
      throw new RangeError('toPng: dpi must be within 10..300');
    return this.withPdf('pdftoppm', pdf, async (dir, signal) => {
      const args = ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile'];
      await this.run('pdftoppm', [...args, 'input.pdf', 'page'], dir, {
        onStdoutOverflow: 'kill',
        signal,
        watchdog: async () => (await directorySize(dir)) > this.maxOutputBytes + pdf.length,
      });
      const path = join(dir, 'page.png');
      const size = (await stat(path).catch(() => undefined))?.size;
      if (size === undefined)
        throw new PdfToolError('pdf_tool_failed', 'pdftoppm', 'pdftoppm produced no image', 'exit');
      if (size > this.maxOutputBytes) {
        throw new PdfToolError(
          'pdf_tool_failed',
          'pdftoppm',
          'pdftoppm output is too large',
          'output_too_large',
        );
      }
      return readFile(path);
    });
  }

  private withPdf<T>(
    tool: string,
    pdf: Buffer,
    work: (dir: string, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const promise = this.inTempDir(tool, pdf, work, controller.signal);
    this.inflight.set(promise, controller);
    const forget = () => this.inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private async inTempDir<T>(
    tool: string,
    pdf: Buffer,
    work: (dir: string, signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    if (this.closed) throw closedError(tool);
    if (!Buffer.isBuffer(pdf) || pdf.length === 0) {
      throw new PdfToolError('pdf_tool_failed', tool, 'Input is not a PDF', 'invalid_input');
    }
    if (pdf.length > this.maxInputBytes) {
      throw new PdfToolError(
        'pdf_tool_failed',
        tool,
        `PDF is larger than ${this.maxInputBytes} bytes`,
        'invalid_input',
      );
    }
    if (!pdf.subarray(0, 1024).includes('%PDF-')) {
      throw new PdfToolError(
        'pdf_tool_failed',
        tool,
        'Input is not a PDF (no %PDF- header)',
        'invalid_input',
      );
    }
    const dir = await makePrivateTempDir(this.tmpRoot, PDF_TEMP_DIR_PREFIX);
    try {
      await writeFile(join(dir, 'input.pdf'), pdf, { mode: 0o600 });
      if (this.closed) throw closedError(tool);
      return await work(dir, signal);
    } finally {
      await removeTempDir(dir);
    }
  }

  private async run(
    tool: string,
    args: string[],
    dir: string,
    options: {
      onStdoutOverflow: 'kill' | 'truncate';
      watchdog?: () => Promise<boolean>;
      signal: AbortSignal;
    },
  ): Promise<BoundedProcessResult> {
    const result = await runBounded(this.binDir ? join(this.binDir, tool) : tool, args, {
      cwd: dir,
      env: { PATH: this.searchPath, HOME: dir, TMPDIR: dir, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
      timeoutMs: this.timeoutMs,
      maxCaptureBytes: options.onStdoutOverflow === 'kill' ? this.maxOutputBytes : 1024 * 1024,
      onStdoutOverflow: options.onStdoutOverflow,
      watchdog: options.watchdog,
      watchdogIntervalMs: 100,
      signal: options.signal,
    });
    if (result.killed === 'aborted') throw closedError(tool);
    if (result.spawnError) {
      throw new PdfToolError(
        'pdf_tool_unavailable',
        tool,
        `${tool} could not be started (${result.spawnError.code ?? 'error'})`,
      );
    }
    if (result.killed === 'timeout') {
      throw new PdfToolError('pdf_tool_failed', tool, `${tool} exceeded ${this.timeoutMs} ms`, 'timeout');
    }
    if (result.killed === 'output' || result.killed === 'watchdog') {
      throw new PdfToolError('pdf_tool_failed', tool, `${tool} output is too large`, 'output_too_large');
    }
    if (result.exitCode !== 0) {
      const stderr = scrubPaths(result.stderr.toString('utf8'), dir).trim().split('\n').slice(-3).join(' | ');
      const status = result.exitCode ?? result.signal;
      throw new PdfToolError(
        'pdf_tool_failed',
        tool,
        `${tool} failed (exit ${status})${stderr ? `: ${stderr}` : ''}`,
        'exit',
      );
    }
    return result;
  }
}

function closedError(tool: string): PdfToolError {
  return new PdfToolError('pdf_tool_closed', tool, 'The PDF tools are shut down; no more calls are accepted');
}

/** `pdfinfo` output (`Key:   value` lines) to `PdfInfo`. */
export function parsePdfInfo(output: string): PdfInfo {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([A-Za-z][A-Za-z ]*?):\s+(.*)$/.exec(line);
    if (match && !fields.has(match[1])) fields.set(match[1], match[2].trim());
  }
  const pages = Number(fields.get('Pages'));
  if (!Number.isInteger(pages))
    throw new PdfToolError('pdf_tool_failed', 'pdfinfo', 'pdfinfo reported no page count', 'exit');
  const info: PdfInfo = { pages, encrypted: (fields.get('Encrypted') ?? 'no').startsWith('yes') };
  const size = /^([\d.]+) x ([\d.]+) pts(?: \((.+)\))?/.exec(fields.get('Page size') ?? '');
  if (size) {
    info.pageSize = { width: Number(size[1]), height: Number(size[2]) };
    if (size[3]) info.pageSize.name = size[3];
  }
  const optional = {
    producer: 'Producer',
    creator: 'Creator',
    title: 'Title',
    pdfVersion: 'PDF version',
  } as const;
  for (const [key, field] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const value = fields.get(field);
    if (value) info[key] = value;
  }
  return info;
}
