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

/** The structured-output request and validation result are libs/llm's own. */
export type { LlmJsonRequest, LlmValidation } from '@app/llm';
