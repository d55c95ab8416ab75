import { Injectable } from '@nestjs/common';
import { ResumeVersionLookup } from '@app/applications';
import { ResumesService } from '@app/resumes';

/** Lets applications check the resume version they reference, without the two libraries knowing each other. */
@Injectable()
export class ResumesVersionLookup extends ResumeVersionLookup {
  constructor(private readonly resumes: ResumesService) {
    super();
  }

  exists(ownerId: string, resumeId: string, version: number): Promise<boolean> {
    return this.resumes.versionExists(ownerId, resumeId, version);
  }
}
