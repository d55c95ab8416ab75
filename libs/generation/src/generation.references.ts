import { Injectable } from '@nestjs/common';
import { invalidGithubUsername, ProfilesService } from '@app/evidence';
import { JobAnalysesService } from '@app/job-analysis';
import { type LlmProviderName, LlmService } from '@app/llm';
import { ResumesService } from '@app/resumes';
import { GITHUB_USERNAME } from '@app/users/profile.validators';

import { type GenerationInput } from './generation.schema';
import { generationInputHash } from './jobs/generation-input.hash';
import { DRAFT_PROMPT_VERSION } from './prompts';

/**
 * Checks, before queuing, that what a request names exists and is the caller's (a 404 now beats a failed job),
 * and works out the request's reuse key when it can without running anything: a stored profile (its revision)
 * and a job given by analysis or by text (its hash). A GitHub candidate's key needs the snapshot: the runner
 * works it out.
 */
@Injectable()
export class GenerationReferences {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly analyses: JobAnalysesService,
    private readonly resumes: ResumesService,
    private readonly llm: LlmService,
  ) {}

  /** Checks the references; returns the reuse key, or null when it cannot be known yet. */
  async check(ownerId: string, input: GenerationInput): Promise<string | null> {
    const username = input.candidate.githubUsername;
    if (username !== undefined && !GITHUB_USERNAME.test(username)) {
      throw invalidGithubUsername(username, { in: 'body', field: 'candidate.githubUsername' });
    }
    const profile = input.candidate.profileId
      ? await this.profiles.get(ownerId, input.candidate.profileId, { withoutEvidence: true })
      : null;
    const analysis = input.job.analysisId ? await this.analyses.get(ownerId, input.job.analysisId) : null;
    if (input.resumeId) await this.resumes.get(ownerId, input.resumeId);
    if (!profile) return null;
    const job =
      analysis?.textHash ??
      this.analyses.hashOf({
        description: input.job.description ?? '',
        ...(input.job.title ? { title: input.job.title } : {}),
      });
    return generationInputHash({
      candidate: `profile:${profile.id}@${profile.revision}`,
      job,
      ...this.llm.describe(input.provider as LlmProviderName | undefined),
      promptVersion: DRAFT_PROMPT_VERSION,
      template: input.template,
      paper: input.paper,
      maxPages: input.maxPages,
      company: analysis ? analysis.company : (input.job.company ?? null),
      title: input.title ?? null,
      resumeId: input.resumeId ?? null,
    });
  }

  /** Whether a result's resume version still exists (a reused result must be readable). */
  stillStored(ownerId: string, result: { resumeId: string; version: number }): Promise<boolean> {
    return this.resumes.hasVersion(ownerId, result.resumeId, result.version);
  }
}
