import { Injectable } from '@nestjs/common';
import { type Principal } from '@app/core';
import {
  type CandidateProfileData,
  CandidateProfileBuilder,
  EvidenceService,
  ProfilesService,
} from '@app/evidence';
import { JobAnalysesService, type JobAnalysisResultDto } from '@app/job-analysis';
import { type LlmJsonResult, type LlmProviderName, LlmService } from '@app/llm';
import { type RenderedResume, RenderService } from '@app/render';
import { ResumesService } from '@app/resumes';
import { type ResumeDocument } from '@app/resumes/document';
import { SkillTaxonomy } from '@app/skills';

import { buildDraftRequest, fitToPages, offlineDraft } from '../drafting';
import { DRAFT_PROMPT_VERSION } from '../prompts';
import { factCheck, type FactCheckResult } from '../fact-check';
import { matchCandidate, type MatchReport } from '../matching';
import { type GenerationInput } from '../generation.schema';

export interface ResolvedCandidate {
  profile: CandidateProfileData;
  /** What identifies these facts for reuse: the stored profile and its revision, or the GitHub snapshot. */
  identity: string;
}

export interface FittedRender {
  /** The document as rendered: the checked one, or its shortening that fits the page limit. */
  document: ResumeDocument;
  rendered: RenderedResume;
  pages: number;
  /** Pages of the checked document before any cut. */
  originalPages: number;
  /** What was left out to fit (empty when the document fitted as it was). */
  cuts: string[];
  fits: boolean;
}

export interface ResolvedJob {
  analysis: JobAnalysisResultDto;
  analysisId: string;
  textHash: string;
  title: string | null;
  company: string | null;
}

/**
 * The pipeline's steps, each a call into the library that owns it (evidence, job analysis, matching,
 * drafting through the LLM, fact check, rendering, resumes). The runner orders, times and records them.
 */
@Injectable()
export class GenerationSteps {
  private readonly taxonomy = SkillTaxonomy.shipped();

  constructor(
    private readonly profiles: ProfilesService,
    private readonly evidence: EvidenceService,
    private readonly builder: CandidateProfileBuilder,
    private readonly analyses: JobAnalysesService,
    private readonly llm: LlmService,
    private readonly render: RenderService,
    private readonly resumes: ResumesService,
  ) {}

  async candidate(
    ownerId: string,
    input: GenerationInput['candidate'],
    now: Date,
  ): Promise<ResolvedCandidate> {
    if (input.profileId) {
      const stored = await this.profiles.get(ownerId, input.profileId);
      return { profile: stored.profile, identity: `profile:${stored.id}@${stored.revision}` };
    }
    const username = input.githubUsername ?? '';
    const { value } = await this.evidence.githubSnapshot(username, { includeForks: false, refresh: false });
    return {
      profile: this.builder.build({ github: value }, now),
      identity: `github:${value.login.toLowerCase()}@${value.fetchedAt}`,
    };
  }

  async job(ownerId: string, input: GenerationInput['job']): Promise<ResolvedJob> {
    const stored = input.analysisId
      ? await this.analyses.get(ownerId, input.analysisId)
      : await this.analyses.create(ownerId, {
          description: input.description ?? '',
          ...(input.title ? { title: input.title } : {}),
          ...(input.company ? { company: input.company } : {}),
          ...(input.url ? { url: input.url } : {}),
        });
    return {
      analysis: stored.analysis,
      analysisId: stored.id,
      textHash: stored.textHash,
      title: stored.title,
      company: stored.company,
    };
  }

  match(profile: CandidateProfileData, analysis: JobAnalysisResultDto, now: Date): MatchReport {
    return matchCandidate(profile, analysis, now, this.taxonomy);
  }

  /** The draft request's prompt version and the provider/model it would go to (for the reuse key). */
  describeDraft(provider?: LlmProviderName): { provider: string; model: string; promptVersion: string } {
    const target = this.llm.describe(provider);
    return { ...target, promptVersion: DRAFT_PROMPT_VERSION };
  }

  draft(
    profile: CandidateProfileData,
    job: ResolvedJob,
    match: MatchReport,
    options: { provider?: LlmProviderName; signal: AbortSignal },
  ): Promise<LlmJsonResult<ResumeDocument>> {
    const request = buildDraftRequest({ profile, analysis: job.analysis, match, job });
    return this.llm.generateJson(request, options);
  }

  factCheck(draft: ResumeDocument, profile: CandidateProfileData): FactCheckResult {
    return factCheck(draft, profile, this.taxonomy);
  }

  /** The offline draft of the same inputs (used when a provider's draft is blocked by the fact check). */
  offlineDraft(profile: CandidateProfileData, job: ResolvedJob, match: MatchReport): ResumeDocument {
    return offlineDraft({ profile, analysis: job.analysis, match, job });
  }

  /**
   * Renders the checked document within the page limit: when it runs over, the mildest shortening that fits
   * (see page-fit.ts: cuts only remove content) is rendered instead. Every trial render lands in the render
   * cache, so the one returned costs nothing more.
   */
  async renderDocument(
    document: ResumeDocument,
    input: GenerationInput,
    match: MatchReport,
  ): Promise<FittedRender> {
    const request = {
      template: input.template as never,
      paper: input.paper as never,
      maxPages: input.maxPages,
    };
    const fitted = await fitToPages(
      document,
      input.maxPages,
      async (candidate) => (await this.render.render(candidate, request)).report.pages,
      this.jobLineScore(match),
    );
    const rendered = await this.render.render(fitted.document, request);
    return { ...fitted, rendered };
  }

  /**
   * How much a line says about the job: the job's skills the candidate has (matched, or the related skill of a
   * partial match) that it mentions, must-haves counting double — the bullets a shortening keeps.
   */
  private jobLineScore(match: MatchReport): (text: string) => number {
    const weights = new Map<string, number>();
    for (const term of match.terms) {
      if (term.status === 'missing') continue;
      const weight = term.importance === 'must' ? 2 : 1;
      for (const id of [term.skillId, term.via?.skillId])
        if (id) weights.set(id, Math.max(weights.get(id) ?? 0, weight));
    }
    return (text) => {
      const mentioned = new Set(this.taxonomy.findMentions(text).map((mention) => mention.id));
      return [...mentioned].reduce((sum, id) => sum + (weights.get(id) ?? 0), 0);
    };
  }

  /** Whether a result's resume version still exists (a reused result must be readable). */
  async stillStored(ownerId: string, result: { resumeId: string; version: number }): Promise<boolean> {
    return this.resumes.hasVersion(ownerId, result.resumeId, result.version);
  }

  async store(
    caller: Principal,
    generationId: string,
    document: ResumeDocument,
    input: GenerationInput,
    job: ResolvedJob,
  ): Promise<{ resumeId: string; version: number }> {
    const role = job.title ?? document.basics.label ?? 'Resume';
    const stored = await this.resumes.storeGenerated(caller, {
      generationId,
      document,
      // Its TeX and PDF are rendered on first download with the generation's options: the render step has just
      // compiled them, so that is a cache hit.
      renderOptions: { template: input.template, paper: input.paper, maxPages: input.maxPages },
      reason: `Generated for ${[job.title, job.company].filter(Boolean).join(' at ') || 'a job'}`,
      title: input.title ?? [role, job.company].filter(Boolean).join(' — '),
      ...(input.resumeId ? { resumeId: input.resumeId } : {}),
      ...(job.company ? { targetCompany: job.company } : {}),
      ...(job.title ? { targetRole: job.title } : {}),
    });
    return stored;
  }
}
