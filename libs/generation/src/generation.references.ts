import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@app/evidence';
import { JobAnalysesService } from '@app/job-analysis';
import { ResumesService } from '@app/resumes';

import { type GenerationInput } from './generation.schema';

/** Checks, before queuing, that what a request names exists and is the caller's (a 404 now beats a failed job). */
@Injectable()
export class GenerationReferences {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly analyses: JobAnalysesService,
    private readonly resumes: ResumesService,
  ) {}

  async check(ownerId: string, input: GenerationInput): Promise<void> {
    if (input.candidate.profileId)
      await this.profiles.get(ownerId, input.candidate.profileId, { withoutEvidence: true });
    if (input.job.analysisId) await this.analyses.get(ownerId, input.job.analysisId);
    if (input.resumeId) await this.resumes.get(ownerId, input.resumeId);
  }
}
