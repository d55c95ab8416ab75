/** Stable codes of LaTeX compilation failures. */
export type LatexCompileErrorCode =
  /** pdflatex ran and reported errors (or produced no PDF). `errors` says what and where. */
  | 'latex_compile_failed'
  /** The wall-clock limit passed; the process group was killed. */
  | 'latex_timeout'
  /** The PDF, or everything written in the work directory, passed the output cap; the process group was killed. */
  | 'latex_output_too_large'
  /** The TeX source is larger than the input cap; nothing was run. */
  | 'latex_input_too_large'
  /** pdflatex could not be started (not installed, not executable). */
  | 'latex_unavailable'
  /** The compile queue is full; retry later. */
  | 'latex_busy'
  /** The compiler was closed (shutdown): queued and running compiles are rejected, new ones refused. */
  | 'latex_closed';

/** One error from the pdflatex log. Messages never contain absolute paths. */
export interface LatexLogError {
  /** Line in the main `.tex` source, when the error was raised while reading it. */
  line?: number;
  message: string;
  /** The source text TeX had read up to the error (`l.12 ...` context), when TeX printed one. */
  context?: string;
}

export class LatexCompileError extends Error {
  readonly code: LatexCompileErrorCode;
  readonly errors: LatexLogError[];
  /** The pdflatex log, capped, with absolute paths scrubbed (empty when pdflatex did not run). */
  readonly log: string;

  constructor(code: LatexCompileErrorCode, message: string, errors: LatexLogError[] = [], log = '') {
    super(message);
    this.name = 'LatexCompileError';
    this.code = code;
    this.errors = errors;
    this.log = log;
  }
}
