import { createHash } from 'node:crypto';

import { canonicalJson } from '@app/resumes/document';

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
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}
