import { Injectable } from '@nestjs/common';
import { LatexProbe, type LatexProbeResult } from '@app/core';

import { LatexCompiler } from './compile';

/** How long a self-test result is reused: health checks must not each run pdflatex. */
const FRESH_MS = 30_000;

/** The `latex` health indicator: pdflatex's self-test (version + a tiny compile), cached 30 s, coalesced. */
@Injectable()
export class LatexProbeService extends LatexProbe {
  private last: { at: number; result: LatexProbeResult } | undefined;
  private running: Promise<LatexProbeResult> | undefined;

  constructor(private readonly compiler: LatexCompiler) {
    super();
  }

  check(): Promise<LatexProbeResult> {
    if (this.last && Date.now() - this.last.at < FRESH_MS) return Promise.resolve(this.last.result);
    this.running ??= this.compiler
      .selfTest()
      .then((result) => {
        this.last = { at: Date.now(), result };
        return result;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
