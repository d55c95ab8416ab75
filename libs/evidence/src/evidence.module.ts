import { Module } from '@nestjs/common';
import { type AppConfig, APP_CONFIG } from '@app/core';

import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { GithubModule } from './github/github.module';
import { LinkedInImportService } from './linkedin/linkedin-import.service';

/** Evidence routes; GitHub access configured from GITHUB_* variables. */
@Module({
  imports: [
    GithubModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.github }),
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService, LinkedInImportService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
