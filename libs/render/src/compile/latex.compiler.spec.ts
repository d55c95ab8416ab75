import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { transformFileSync } from '@swc/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { PdfTools } from '../pdf';
import { liveProcessGroups } from './bounded-process';
import { LATEX_TEMP_DIR_PREFIX, LatexCompileError, LatexCompiler, MAX_TEX_BYTES } from '.';

const doc = (body: string, preamble = '') =>
  `\\documentclass{article}\n${preamble}\\begin{document}\n${body}\n\\end{document}\n`;

/** Runs `fn`, expecting a LatexCompileError; returns it. */
async function compileError(promise: Promise<unknown>): Promise<LatexCompileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LatexCompileError);
    return error as LatexCompileError;
  }
  throw new Error('expected the compile to fail');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Command lines of running processes that mention `needle` (not ps itself). */
function processesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

describe('LatexCompiler (real pdflatex)', () => {
  let tmpRoot: string;
  let compiler: LatexCompiler;
  const pdfTools = new PdfTools();
  const marker = randomBytes(6).toString('hex');

  beforeAll(async () => {
    tmpRoot = await mkdtemp(join(tmpdir(), 'latex-spec-'));
    compiler = new LatexCompiler({ tmpRoot, timeoutMs: 8_000 });
  });

  afterEach(async () => {
    // Every path (success, error, timeout, exception) leaves nothing behind.
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  afterAll(async () => {
    await rm(tmpRoot, { recursive: true, force: true });
  });

  it('compiles a one-page document; the text reads in order', async () => {
    const result = await compiler.compile(doc('Alpha bravo charlie.\n\nDelta echo foxtrot.'));
    expect(result.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.pages).toBe(1);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.log).toContain('Output written on document.pdf');
    const text = await pdfTools.extractText(result.pdf);
    expect(text).toMatch(/Alpha bravo charlie\.\s+Delta echo foxtrot\./);
  });

  it('is reproducible: the same source compiled twice gives the same bytes (fixed date and id)', async () => {
    const source = doc('Same input, same output.');
    const [a, b] = [await compiler.compile(source), await compiler.compile(source)];
    expect(a.pdf.equals(b.pdf)).toBe(true);
    expect(a.pdf.toString('latin1')).not.toMatch(/CreationDate\(D:20/);
  });

  it('counts two pages and honours jobName', async () => {
    const result = await compiler.compile(doc('First page.\\newpage Second page.'), { jobName: 'two_pages' });
    expect(result.pages).toBe(2);
    expect(result.log).toContain('two_pages.pdf');
    expect(await pdfTools.pageCount(result.pdf)).toBe(2);
  });

  describe('sandbox (raw TeX, no escaping)', () => {
    it('refuses \\input of /etc/passwd (LaTeX \\input and the primitive)', async () => {
      for (const body of ['\\input{/etc/passwd}', '\\makeatletter\\@@input /etc/passwd \\makeatother']) {
        const error = await compileError(compiler.compile(doc(`Before. ${body} After.`)));
        expect(error.code).toBe('latex_compile_failed');
        const everything = JSON.stringify({ message: error.message, errors: error.errors, log: error.log });
        expect(everything).not.toContain('root:x:');
        expect(everything).not.toContain('/etc/passwd');
      }
    });

    it('\\openin of /etc/passwd reads nothing; \\pdffiledump is refused too', async () => {
      const result = await compiler.compile(
        doc(
          '\\newread\\r \\openin\\r=/etc/passwd \\ifeof\\r NOTREAD\\else \\read\\r to\\l READ[\\l]\\fi\n\n' +
            'dump[\\pdffiledump offset 0 length 16 {/etc/passwd}] size[\\pdffilesize{/etc/passwd}]',
        ),
      );
      const text = await pdfTools.extractText(result.pdf);
      expect(text).toContain('NOTREAD');
      expect(text).toContain('dump[] size[]');
      expect(text + result.log).not.toContain('root:x:');
    });

    it('\\write18 does not run', async () => {
      const target = join(tmpdir(), `pwned-${marker}`);
      const result = await compiler.compile(doc(`\\immediate\\write18{touch ${target}} Done.`));
      expect(result.pages).toBe(1);
      expect(existsSync(target)).toBe(false);
    });

    it('\\openout outside the work dir (.., absolute, dot file) is refused', async () => {
      const absolute = join(tmpdir(), `escape-${marker}.txt`);
      for (const name of ['../escape.txt', absolute, '.hidden.tex']) {
        const error = await compileError(
          compiler.compile(doc(`\\newwrite\\w\\immediate\\openout\\w=${name}\\immediate\\write\\w{x}Done.`)),
        );
        expect(error.code).toBe('latex_compile_failed');
        expect(error.errors[0].message).toMatch(/I can't write on file/);
        expect(error.errors[0].line).toBe(3);
      }
      expect(existsSync(join(tmpRoot, 'escape.txt'))).toBe(false);
      expect(existsSync(absolute)).toBe(false);
    });

    it('kills an endless macro loop at the timeout, with no process left behind', async () => {
      const jobName = `loop_${marker}`;
      const started = performance.now();
      const error = await compileError(
        compiler.compile(doc('\\def\\x{\\x}\\x'), { jobName, timeoutMs: 1_500 }),
      );
      const elapsed = performance.now() - started;
      expect(error.code).toBe('latex_timeout');
      expect(elapsed).toBeGreaterThanOrEqual(1_400);
      expect(elapsed).toBeLessThan(4_000);
      expect(processesMentioning(jobName)).toEqual([]);
      expect(compiler.stats().timedOut).toBe(1);
    });

    it('kills a page-writing loop at the output cap', async () => {
      const capped = new LatexCompiler({ tmpRoot, maxOutputBytes: 200 * 1024, timeoutMs: 5_000 });
      const jobName = `pages_${marker}`;
      const error = await compileError(
        capped.compile(doc('\\loop Lorem ipsum dolor sit amet \\the\\count0 \\newpage\\iftrue\\repeat'), {
          jobName,
        }),
      );
      expect(['latex_output_too_large', 'latex_timeout']).toContain(error.code);
      expect(error.code).toBe('latex_output_too_large');
      expect(processesMentioning(jobName)).toEqual([]);
    });
  });

  describe('errors', () => {
    it('come back structured, with the source line and no absolute path', async () => {
      const error = await compileError(
        compiler.compile('\\documentclass{article}\n\\begin{document}\nHello\n\\foo bar\n\\end{document}\n'),
      );
      expect(error.code).toBe('latex_compile_failed');
      expect(error.errors[0]).toEqual({ line: 4, message: 'Undefined control sequence.', context: '\\foo' });
      expect(error.message).toBe('LaTeX compilation failed: Undefined control sequence.');
      expect(error.log).not.toContain(tmpRoot);
      expect(error.log).not.toContain('/usr/share');
      expect(error.log).toContain('article.cls');
    });

    it('names a missing package without its path', async () => {
      const error = await compileError(compiler.compile(doc('x', '\\usepackage{doesnotexist}\n')));
      expect(error.errors.map((e) => e.message)).toContain("LaTeX Error: File `doesnotexist.sty' not found.");
    });

    it('says when \\end{document} is missing', async () => {
      const error = await compileError(
        compiler.compile('\\documentclass{article}\n\\begin{document}\nHello\n'),
      );
      expect(error.errors[0].message).toMatch(/without \\end\{document\}/);
    });

    it('refuses sources above the input cap and bad job names before running anything', async () => {
      const small = new LatexCompiler({ tmpRoot, maxInputBytes: 100 });
      const tooLarge = await compileError(small.compile(doc('x'.repeat(200))));
      expect(tooLarge.code).toBe('latex_input_too_large');
      expect(tooLarge.message).toMatch(/^The document is too large to typeset: shorten it/);
      await expect(compiler.compile(doc('x'), { jobName: '../x' })).rejects.toThrow(TypeError);
    });

    it('caps the source at MAX_TEX_BYTES (1 MiB) by default', async () => {
      expect(MAX_TEX_BYTES).toBe(1024 * 1024);
      const source = doc('x'.repeat(MAX_TEX_BYTES));
      expect((await compileError(compiler.compile(source))).code).toBe('latex_input_too_large');
    });
  });

  describe('pool', () => {
    it('runs one at a time with maxConcurrency 1 (FIFO)', async () => {
      const pool = new LatexCompiler({ tmpRoot, maxConcurrency: 1 });
      const finished: string[] = [];
      const first = pool.compile(doc('one')).then((r) => (finished.push('first'), r));
      const second = pool.compile(doc('two')).then((r) => (finished.push('second'), r));
      expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
      const [a, b] = await Promise.all([first, second]);
      expect(finished).toEqual(['first', 'second']);
      expect(a.queuedMs).toBeLessThan(5);
      // The second waited for the whole of the first.
      expect(b.queuedMs).toBeGreaterThanOrEqual(a.durationMs * 0.9);
      expect(pool.stats()).toMatchObject({ running: 0, queued: 0, completed: 2, failed: 0 });
    });

    it('rejects with latex_busy when the queue is full', async () => {
      const pool = new LatexCompiler({ tmpRoot, maxConcurrency: 1, maxQueue: 1 });
      const first = pool.compile(doc('one'));
      const second = pool.compile(doc('two'));
      const third = await compileError(pool.compile(doc('three')));
      expect(third.code).toBe('latex_busy');
      await Promise.all([first, second]);
      expect(pool.stats()).toMatchObject({ completed: 2, rejected: 1, failed: 0 });
    });
  });

  describe('close', () => {
    it('kills a running compile (no process, no temp dir), rejects queued ones and refuses new ones', async () => {
      const pool = new LatexCompiler({ tmpRoot, maxConcurrency: 1, timeoutMs: 30_000 });
      const jobName = `close_${marker}`;
      const running = compileError(pool.compile(doc('\\def\\x{\\x}\\x'), { jobName }));
      const queued = compileError(pool.compile(doc('queued')));
      // Wait until pdflatex runs and has its temp dir.
      for (let i = 0; i < 100 && processesMentioning(jobName).length === 0; i++) await sleep(50);
      expect(processesMentioning(jobName)).not.toEqual([]);
      expect((await readdir(tmpRoot)).filter((name) => name.startsWith(LATEX_TEMP_DIR_PREFIX))).toHaveLength(
        1,
      );

      const started = performance.now();
      await pool.close();
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(processesMentioning(jobName)).toEqual([]);
      expect(await readdir(tmpRoot)).toEqual([]);
      expect(liveProcessGroups()).toEqual([]);
      for (const error of [await running, await queued, await compileError(pool.compile(doc('later')))]) {
        expect(error.code).toBe('latex_closed');
        expect(error.message).toMatch(/shut down/);
      }
      expect(await pool.selfTest()).toMatchObject({ ok: false, code: 'latex_closed' });
      expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
      await pool.close(); // idempotent
    });

    it('kills pdflatex and removes its temp dir when the process exits mid-compile', async () => {
      // A separate Node process (compiled with swc) starts an endless compile and calls process.exit().
      const build = await mkdtemp(join(tmpdir(), 'latex-exit-build-'));
      const root = await mkdtemp(join(tmpdir(), 'latex-exit-root-'));
      try {
        for (const file of ['bounded-process', 'latex-compile.error', 'latex-log.parser', 'latex.compiler']) {
          const { code } = transformFileSync(join(__dirname, `${file}.ts`), {
            jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
            module: { type: 'commonjs' },
          });
          await writeFile(join(build, `${file}.js`), code);
        }
        const jobName = `exit_${marker}`;
        await writeFile(
          join(build, 'main.js'),
          `const { LatexCompiler } = require('./latex.compiler');
const compiler = new LatexCompiler({ tmpRoot: ${JSON.stringify(root)}, timeoutMs: 60000 });
compiler.compile(${JSON.stringify(doc('\\def\\x{\\x}\\x'))}, { jobName: '${jobName}' });
const poll = setInterval(() => {
  if (require('node:fs').readdirSync(${JSON.stringify(root)}).length > 0) {
    clearInterval(poll);
    setTimeout(() => process.exit(3), 300);
  }
}, 20);
`,
        );
        let stderr = '';
        const exitCode = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [join(build, 'main.js')], {
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('exit', resolve);
        });
        expect({ exitCode, stderr }).toEqual({ exitCode: 3, stderr: '' });
        await sleep(100);
        expect(processesMentioning(jobName)).toEqual([]);
        expect(await readdir(root)).toEqual([]);
      } finally {
        await rm(build, { recursive: true, force: true });
        await rm(root, { recursive: true, force: true });
      }
    });

    it('sweeps temp dirs older than the limit and keeps fresh ones', async () => {
      const root = await mkdtemp(join(tmpdir(), 'latex-sweep-'));
      try {
        const old = join(root, `${LATEX_TEMP_DIR_PREFIX}old`);
        const fresh = join(root, `${LATEX_TEMP_DIR_PREFIX}fresh`);
        const other = join(root, 'someone-else-old');
        for (const dir of [old, fresh, other]) {
          await mkdir(dir);
          await writeFile(join(dir, 'document.tex'), 'x');
        }
        const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
        for (const dir of [old, other]) await utimes(dir, anHourAgo, anHourAgo);

        const sweeper = new LatexCompiler({ tmpRoot: root, sweepStaleTempDirsOlderThanMs: 0 });
        expect(await sweeper.sweepStaleTempDirs(10 * 60 * 1000)).toBe(1);
        expect((await readdir(root)).sort()).toEqual([`${LATEX_TEMP_DIR_PREFIX}fresh`, 'someone-else-old']);

        // The constructor sweeps in the background by default (10 minutes).
        await mkdir(old);
        await utimes(old, anHourAgo, anHourAgo);
        new LatexCompiler({ tmpRoot: root });
        for (let i = 0; i < 50 && existsSync(old); i++) await sleep(20);
        expect(existsSync(old)).toBe(false);
        expect(existsSync(fresh)).toBe(true);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  });

  describe('selfTest', () => {
    it('reports the version when pdflatex works', async () => {
      const result = await compiler.selfTest();
      expect(result).toMatchObject({ ok: true });
      expect(result.version).toMatch(/^pdfTeX /);
    });

    it('reports latex_unavailable for a missing binary', async () => {
      const missing = new LatexCompiler({ tmpRoot, pdflatexPath: '/nonexistent/bin/pdflatex' });
      const result = await missing.selfTest();
      expect(result).toMatchObject({ ok: false, code: 'latex_unavailable' });
      expect(result.error).not.toContain('/nonexistent');
      expect((await compileError(missing.compile(doc('x')))).code).toBe('latex_unavailable');
      expect(missing.stats()).toMatchObject({ failed: 1, completed: 0 });
    });
  });
});
