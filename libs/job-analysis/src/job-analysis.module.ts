import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SkillTaxonomy } from '@app/skills';

import { JobDescriptionAnalyzer } from './analysis/job-description.analyzer';
import { JobAnalysisEnricher, OfflineJobAnalysisEnricher } from './enrichment/job-analysis.enricher';
import { JobAnalysesController } from './job-analyses.controller';
import { JobAnalysesService } from './job-analyses.service';
import { JobAnalysisEngine } from './job-analysis.engine';
import { JobAnalysisRepository } from './job-analysis.repository';
import { JobAnalysisSchema } from './job-analysis.schema';

/**
 * Job-description analysis and its API. The enrichment is the offline one (adds nothing) until an LLM
 * provider exists; bind `JobAnalysisEnricher` to another implementation to enrich.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: 'JobAnalysis', schema: JobAnalysisSchema }])],
  controllers: [JobAnalysesController],
  providers: [
    JobAnalysisRepository,
    JobAnalysesService,
    { provide: JobAnalysisEnricher, useClass: OfflineJobAnalysisEnricher },
    {
      provide: JobAnalysisEngine,
      inject: [JobAnalysisEnricher],
      useFactory: (enricher: JobAnalysisEnricher) => {
        const taxonomy = SkillTaxonomy.shipped();
        return new JobAnalysisEngine(new JobDescriptionAnalyzer(taxonomy), enricher, taxonomy);
      },
    },
  ],
  exports: [JobAnalysesService, JobAnalysisEngine],
})
export class JobAnalysisModule {}
