/** What the LaTeX probe found: pdflatex present and a tiny document compiled (or why not). */
export interface LatexProbeResult {
  ok: boolean;
  /** First line of `pdflatex --version`. */
  version?: string;
  durationMs: number;
  error?: string;
}

/**
 * The `latex` health indicator's source. Core knows nothing of rendering: the render library binds an
 * implementation (a self-test compile, cached briefly); without one, detailed health has no `latex` entry.
 */
export abstract class LatexProbe {
  abstract check(): Promise<LatexProbeResult>;
}
