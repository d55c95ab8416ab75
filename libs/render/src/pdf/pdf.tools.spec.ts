import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { LatexCompiler } from '../compile';
import { liveProcessGroups } from '../compile/bounded-process';
import { parsePdfInfo, PDF_TEMP_DIR_PREFIX, PdfToolError, PdfTools } from '.';

/** A single-column resume-like document: centred header, right-aligned dates, bullets, a hyphenated word. */
const RESUME = String.raw`\documentclass[10pt,letterpaper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[utf8]{inputenc}
\usepackage[margin=0.7in]{geometry}
\usepackage{enumitem}
\usepackage[hidelinks]{hyperref}
\pagestyle{empty}
\begin{document}
\begin{center}{\LARGE\bfseries Jane Doe}\\ jane@example.com \textbar{} github.com/janedoe \textbar{} Berlin\end{center}
\section*{Experience}
\textbf{Senior Backend Engineer}, Acme GmbH \hfill 2021--2024
\begin{itemize}[leftmargin=*,nosep]
\item Built a TypeScript service on NestJS and Fastify handling 30k requests per second, using Redis caching.
\item Migrated CI to GitHub Actions; cut build times by 40\%.
\end{itemize}
\parbox{4cm}{Implemented containerization orchestration infrastructure microservices internationalization.}
\section*{Skills}
TypeScript, Node.js, PostgreSQL, Kubernetes, C++, C\#, résumé
\end{document}
`;

async function toolError(promise: Promise<unknown>): Promise<PdfToolError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PdfToolError);
    return error as PdfToolError;
  }
  throw new Error('expected the tool to fail');
}

describe('PdfTools (real poppler)', () => {
  let tmpRoot: string;
  let tools: PdfTools;
  let resume: Buffer;

  beforeAll(async () => {
    tmpRoot = await mkdtemp(join(tmpdir(), 'pdf-spec-'));
    tools = new PdfTools({ tmpRoot });
    resume = (await new LatexCompiler({ tmpRoot }).compile(RESUME)).pdf;
  });

  afterEach(async () => {
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  afterAll(async () => {
    await rm(tmpRoot, { recursive: true, force: true });
  });

  it('extracts text in reading order, UTF-8, with hyphenated words joined (default mode)', async () => {
    const text = await tools.extractText(resume);
    const order = [
      'Jane Doe',
      'jane@example.com',
      'Experience',
      'Senior Backend Engineer, Acme GmbH',
      '2021–2024',
    ];
    const positions = [...order, 'Migrated CI', 'Skills', 'Kubernetes, C++, C#, résumé'].map((s) =>
      text.indexOf(s),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const word of ['containerization', 'microservices', 'internationalization'])
      expect(text).toContain(word);
    expect(text).not.toContain('\f');
  });

  it('offers raw (content order, dates on the title line, no dehyphenation) and layout modes', async () => {
    const raw = await tools.extractText(resume, { raw: true });
    expect(raw).toContain('Senior Backend Engineer, Acme GmbH 2021–2024');
    expect(raw).toMatch(/container-\s*\n/);
    const layout = await tools.extractText(resume, { layout: true });
    expect(layout).toMatch(/Senior Backend Engineer, Acme GmbH {10,}2021–2024/);
  });

  it('reads page count, page size and producer', async () => {
    expect(await tools.pageCount(resume)).toBe(1);
    const info = await tools.info(resume);
    expect(info).toMatchObject({
      pages: 1,
      encrypted: false,
      pageSize: { width: 612, height: 792, name: 'letter' },
    });
    expect(info.producer).toMatch(/pdfTeX/);
  });

  it('renders a page to PNG at the requested resolution', async () => {
    const png = await tools.toPng(resume, { dpi: 36 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height at offsets 16 and 20; letter at 36 dpi is 306 x 396.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([306, 396]);
    const error = await toolError(tools.toPng(resume, { page: 3 }));
    expect(error).toMatchObject({ code: 'pdf_tool_failed', tool: 'pdftoppm', reason: 'exit' });
    await expect(tools.toPng(resume, { dpi: 5000 })).rejects.toThrow(RangeError);
  });

  it('refuses input that is not a PDF, and a PDF poppler cannot read', async () => {
    expect(await toolError(tools.extractText(Buffer.from('hello')))).toMatchObject({
      code: 'pdf_tool_failed',
      reason: 'invalid_input',
    });
    const broken = Buffer.from('%PDF-1.5\nnot really a pdf\n');
    const error = await toolError(tools.info(broken));
    expect(error).toMatchObject({ code: 'pdf_tool_failed', reason: 'exit' });
    expect(error.message).not.toContain(tmpRoot);
  });

  it('kills a tool whose output passes the cap', async () => {
    const small = new PdfTools({ tmpRoot, maxOutputBytes: 50 });
    expect(await toolError(small.extractText(resume))).toMatchObject({ reason: 'output_too_large' });
  });

  it('reports pdf_tool_unavailable when poppler is missing', async () => {
    const missing = new PdfTools({ tmpRoot, binDir: '/nonexistent/bin' });
    expect(await toolError(missing.extractText(resume))).toMatchObject({ code: 'pdf_tool_unavailable' });
  });

  it('parses pdfinfo output', () => {
    expect(
      parsePdfInfo('Producer:        x\nPages:           3\nPage size:       595.276 x 841.89 pts (A4)\n'),
    ).toEqual({
      pages: 3,
      encrypted: false,
      producer: 'x',
      pageSize: { width: 595.276, height: 841.89, name: 'A4' },
    });
  });

  it('close() kills a running tool and removes its temp dir; later calls are refused', async () => {
    const closing = new PdfTools({ tmpRoot });
    const running = toolError(closing.toPng(resume, { dpi: 300 }));
    for (let i = 0; i < 400 && liveProcessGroups().length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(liveProcessGroups()).toHaveLength(1);
    expect((await readdir(tmpRoot)).filter((name) => name.startsWith(PDF_TEMP_DIR_PREFIX))).toHaveLength(1);
    await closing.close();
    expect(liveProcessGroups()).toEqual([]);
    expect(await readdir(tmpRoot)).toEqual([]);
    expect((await running).code).toBe('pdf_tool_closed');
    expect((await toolError(closing.extractText(resume))).code).toBe('pdf_tool_closed');
  });
});
