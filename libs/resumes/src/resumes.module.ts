import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { ResumeArtifactSchema } from './resume-artifact.schema';
import { ResumeVersionSchema } from './resume-version.schema';
import { ResumeRepository } from './resume.repository';
import { ResumeSchema } from './resume.schema';
import { ResumesController } from './resumes.controller';
import { ResumesService } from './resumes.service';

/** Resumes with immutable versions, diffs and artifacts. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'Resume', schema: ResumeSchema },
      { name: 'ResumeVersion', schema: ResumeVersionSchema },
      { name: 'ResumeArtifact', schema: ResumeArtifactSchema },
    ]),
  ],
  controllers: [ResumesController],
  providers: [ResumeRepository, ResumesService],
  exports: [ResumesService],
})
export class ResumesModule {}
