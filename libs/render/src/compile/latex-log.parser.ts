import { type LatexLogError } from './latex-compile.error';

/** File extensions whose names may stay in scrubbed text (TeX and font files say nothing about the machine). */
const KEEP_BASENAME =
  /\.(?:tex|ltx|sty|cls|clo|def|cfg|fd|ldf|dtx|fmt|aux|log|out|toc|lof|lot|bbl|pdf|png|jpe?g|eps|tfm|pfb|pk|vf|enc|map|otf|ttf|cmap|dict)$/i;

/** An absolute path: starts the text or follows a delimiter (so `\foo/bar` and `https://x/y` are left alone). */
const ABSOLUTE_PATH = /(^|[\s(`'"<{=[,;])(\/[^\s()`'"<>{}[\]:;,]*)/gm;

/**
 * Removes every absolute path from `text`: the work directory becomes `.`, a TeX/font file keeps only its
 * base name (`/usr/share/texlive/.../article.cls` → `article.cls`), anything else becomes `<path>` (so no
 * directory, home or user name survives).
 */
export function scrubPaths(text: string, workDir?: string): string {
  let out = text;
  if (workDir) out = out.split(workDir).join('.');
  return out.replace(ABSOLUTE_PATH, (_match, prefix: string, path: string) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return prefix + (KEEP_BASENAME.test(base) ? base : '<path>');
  });
}

/** `./document.tex:12: Undefined control sequence.` (pdflatex -file-line-error). */
const FILE_LINE_ERROR = /^(\S*?\.[A-Za-z0-9]{1,8}):(\d+): (.+)$/;
/** `! Undefined control sequence.` or `!pdfTeX error: ...` (errors raised outside any file). */
const BANG_ERROR = /^!\s?(.+)$/;
/** `l.12 \foo` — where TeX stopped reading, in the file that was being read. */
const LINE_CONTEXT = /^l\.(\d+) ?(.*)$/;
/** Continuation lines of package messages: `(inputenc)     not set up for use with LaTeX.` */
const CONTINUATION = /^\([A-Za-z0-9@_.-]+\)\s+(.+)$/;

const MAX_ERRORS = 20;
const MAX_MESSAGE = 500;

/**
 * Errors from a pdflatex log written with `-file-line-error` and a long `max_print_line`. Errors raised while
 * reading the main file carry its line number; errors inside packages or fonts carry none (their line numbers
 * would point into TeX Live, not the document). Messages and contexts are path-scrubbed.
 */
export function parseLatexLog(log: string, jobName: string, workDir?: string): LatexLogError[] {
  const lines = log.split(/\r?\n/);
  const mainFiles = new Set([`./${jobName}.tex`, `${jobName}.tex`]);
  if (workDir) mainFiles.add(`${workDir}/${jobName}.tex`);
  const errors: LatexLogError[] = [];

  for (let i = 0; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const text = lines[i];
    let message: string | undefined;
    let inMain = false;
    const fileLine = FILE_LINE_ERROR.exec(text);
    if (fileLine) {
      message = fileLine[3];
      inMain = mainFiles.has(fileLine[1]);
    } else {
      const bang = BANG_ERROR.exec(text);
      if (bang) message = bang[1];
    }
    if (message === undefined) continue;
    message = message.trim();
    if (message.startsWith('==>')) continue; // "==> Fatal error occurred, no output PDF file produced!"
    if (!fileLine && message === 'Emergency stop.' && lines[i + 1]?.startsWith('<*>')) {
      // TeX ran out of input (context is the command line): the document never reached \end{document}.
      errors.push({ message: 'Emergency stop: the document ended without \\end{document}' });
      continue;
    }

    // Package errors continue on lines prefixed with the package name in parentheses.
    let j = i + 1;
    for (; j < lines.length; j++) {
      const more = CONTINUATION.exec(lines[j]);
      if (!more) break;
      message += ` ${more[1].trim()}`;
    }
    const error: LatexLogError = { message: truncate(scrubPaths(message, workDir), MAX_MESSAGE) };
    // The `l.N` context follows within a few lines (after `<argument>`/`<recently read>` lines).
    for (let k = j; k < Math.min(lines.length, j + 30); k++) {
      if (FILE_LINE_ERROR.test(lines[k]) || BANG_ERROR.test(lines[k])) break;
      const context = LINE_CONTEXT.exec(lines[k]);
      if (context) {
        if (inMain) error.line = Number(context[1]);
        const source = context[2].trim();
        if (source) error.context = truncate(scrubPaths(source, workDir), MAX_MESSAGE);
        break;
      }
    }
    if (error.line === undefined && inMain && fileLine) error.line = Number(fileLine[2]);
    errors.push(error);
  }

  // "Emergency stop." only repeats that TeX gave up; keep it when it is all there is.
  const real = errors.filter((e) => e.message !== 'Emergency stop.');
  const kept = real.length > 0 ? real : errors;
  return dedupe(kept);
}

/** Pages of the PDF as reported by pdfTeX: `Output written on document.pdf (2 pages, 12345 bytes).` */
export function pagesFromLog(log: string): number | undefined {
  const match = /Output written on .*\((\d+) pages?, \d+ bytes\)\./.exec(log);
  return match ? Number(match[1]) : undefined;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function dedupe(errors: LatexLogError[]): LatexLogError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line ?? ''}|${e.message}|${e.context ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
