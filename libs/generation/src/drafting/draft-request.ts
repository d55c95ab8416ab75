import { type ResumeDocument } from '@app/resumes/document';

import { DRAFT_PROMPT_VERSION, draftSystemPrompt, draftUserPrompt } from '../prompts/draft.v1.prompt';
import { type DraftInput, type LlmJsonRequest } from './draft.types';
import { selectEvidence } from './evidence-selection';
import { offlineDraft } from './offline-draft';
import { resumeDraftSchema } from './resume-draft.schema';
import { validateResumeDocument } from './resume-document.validation';

export const RESUME_DRAFT_TASK = 'resume-draft';

/**
 * The structured-output request for a resume draft: prompts (versioned), the schema, validation against
 * ResumeDocumentDto, and the offline draft as the fallback. The evidence is selected once and shared by the
 * prompt and the offline draft, so both write from the same facts. Whatever comes back still goes through
 * `factCheck` before it is used.
 */
export function buildDraftRequest(input: DraftInput): LlmJsonRequest<ResumeDocument> {
  const prepared: DraftInput = {
    ...input,
    selection: input.selection ?? selectEvidence(input.profile, input.analysis, input.match),
  };
  return {
    task: RESUME_DRAFT_TASK,
    promptVersion: DRAFT_PROMPT_VERSION,
    system: draftSystemPrompt(),
    user: draftUserPrompt(prepared),
    schema: resumeDraftSchema(),
    validate: (value: unknown) => validateResumeDocument(value),
    offline: () => offlineDraft(prepared),
  };
}

/** The prompt version every request of this builder carries (also `DRAFT_PROMPT_VERSION`). */
buildDraftRequest.promptVersion = DRAFT_PROMPT_VERSION;
