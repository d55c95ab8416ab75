import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { type AppConfig, APP_CONFIG } from '@app/core';
import { SkillTaxonomy } from '@app/skills';

import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { GithubModule } from './github/github.module';
import { LinkedInImportService } from './linkedin/linkedin-import.service';
import { CandidateProfileBuilder } from './profile/candidate-profile.builder';
import { CandidateProfileRepository } from './profile/candidate-profile.repository';
import { CandidateProfileSchema } from './profile/candidate-profile.schema';
import { ProfilesController } from './profile/profiles.controller';
import { ProfilesService } from './profile/profiles.service';

/** Evidence routes and stored candidate profiles; GitHub access configured from GITHUB_* variables. */
@Module({
  imports: [
    GithubModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.github }),
    MongooseModule.forFeature([{ name: 'CandidateProfile', schema: CandidateProfileSchema }]),
  ],
  controllers: [EvidenceController, ProfilesController],
  providers: [
    EvidenceService,
    LinkedInImportService,
    CandidateProfileRepository,
    ProfilesService,
    {
      provide: CandidateProfileBuilder,
      useFactory: () => new CandidateProfileBuilder(SkillTaxonomy.shipped()),
    },
  ],
  exports: [EvidenceService, ProfilesService, CandidateProfileBuilder],
})
export class EvidenceModule {}
