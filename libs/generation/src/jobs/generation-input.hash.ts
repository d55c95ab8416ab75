import { createHash } from 'node:crypto';

import { canonicalJson } from '@app/resumes/document';

/**
 * The pipeline's own version: bump it when what the steps make from the same inputs changes (drafting rules,
 * page fitting), so reuse never serves a result the current pipeline would not produce.
 * 2: drafts are fitted to `maxPages`; the offline draft no longer repeats a project's description.
 * 3: page fitting cuts the latest position's bullets and the earlier positions' in separate steps.
 */
export const GENERATION_PIPELINE_VERSION = 3;

/** What makes two generations the same: reuse is offered only when all of it is equal. */
export interface GenerationIdentity {
  /** `profile:<id>@<revision>` or `github:<login>@<fetchedAt>`. */
  candidate: string;
  /** The job analysis's text hash (analyser version, format, title and normalised text). */
  job: string;
  provider: string;
  model: string;
  promptVersion: string;
  template: string;
  paper: string;
  maxPages: number;
  /** The target company and the resume's title: they name the stored resume. */
  company: string | null;
  title: string | null;
  resumeId: string | null;
}

export function generationInputHash(identity: GenerationIdentity): string {
  return createHash('sha256')
    .update(canonicalJson({ ...identity, pipeline: GENERATION_PIPELINE_VERSION }))
    .digest('hex');
}
