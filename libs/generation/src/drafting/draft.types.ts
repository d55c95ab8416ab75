import { type CandidateProfileData } from '@app/evidence';
import { type JobAnalysisResultDto } from '@app/job-analysis';

import { type MatchReport } from '../matching/match.types';
import { type SelectedEvidence } from './evidence-selection';

/** Everything a resume draft is written from. */
export interface DraftInput {
  profile: CandidateProfileData;
  analysis: JobAnalysisResultDto;
  match: MatchReport;
  /** The evidence to write from; `selectEvidence(profile, analysis, match)` when absent. */
  selection?: SelectedEvidence;
  /** The target, when known (stored with the job analysis; shown to the writer as data). */
  job?: { title?: string | null; company?: string | null };
}

/**
 * The JSON-schema subset both Gemini and OpenAI structured output accept (a type alias, so it is assignable
 * to `libs/llm`'s `Record<string, unknown>`).
 */
export type JsonSchema = {
  type: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
  items?: JsonSchema;
  enum?: string[];
};

export type LlmValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * A structured-output request, as `libs/llm` takes it (structural copy of its interface): the provider sends
 * `system`/`user` with `schema`, parses the answer, runs `validate`, retries within its bounds, and falls
 * back to `offline()` when there is no provider or it keeps failing.
 */
export interface LlmJsonRequest<T> {
  task: string;
  promptVersion: string;
  system: string;
  user: string;
  schema: JsonSchema;
  validate(value: unknown): LlmValidation<T>;
  offline: () => T;
}
