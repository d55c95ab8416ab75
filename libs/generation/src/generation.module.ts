import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { type AppConfig, APP_CONFIG } from '@app/core';
import { EvidenceModule } from '@app/evidence';
import { JobAnalysisModule } from '@app/job-analysis';
import { LlmModule } from '@app/llm';
import { ResumesModule } from '@app/resumes';

import { GenerationEventStream } from './generation-event.stream';
import { GenerationRepository } from './generation.repository';
import { GenerationReuseSchema, GenerationSchema } from './generation.schema';
import { GenerationProgressStore } from './generation-progress.store';
import { GenerationReferences } from './generation.references';
import { GenerationsService } from './generations.service';
import { GenerationBatchesController, GenerationsController } from './generations.controller';
import { GenerationCancelFlags } from './jobs/generation-cancel.flags';
import { GenerationQueue } from './jobs/generation.queue';
import { GenerationRunner } from './jobs/generation.runner';
import { GenerationSteps } from './jobs/generation.steps';
import { GenerationWorker, RUN_GENERATION_WORKERS } from './jobs/generation.worker';

export interface GenerationModuleOptions {
  /** `config`: as GENERATION_IN_PROCESS_WORKERS says (the API); `always`: the worker app. */
  workers: 'config' | 'always';
}

/**
 * Generation: the API (controller, service, SSE), the queue producer, and — in the worker app, or in the API
 * when GENERATION_IN_PROCESS_WORKERS is on — the BullMQ worker running the pipeline. Needs the render module
 * (global) and the cache library (global) from the app.
 */
@Module({})
export class GenerationModule {
  static forRoot(options: GenerationModuleOptions): DynamicModule {
    return {
      module: GenerationModule,
      imports: [
        MongooseModule.forFeature([
          { name: 'Generation', schema: GenerationSchema },
          { name: 'GenerationReuse', schema: GenerationReuseSchema },
        ]),
        EvidenceModule,
        JobAnalysisModule,
        ResumesModule,
        LlmModule,
      ],
      controllers: [GenerationsController, GenerationBatchesController],
      providers: [
        GenerationRepository,
        GenerationProgressStore,
        GenerationsService,
        GenerationReferences,
        GenerationEventStream,
        GenerationQueue,
        GenerationCancelFlags,
        GenerationSteps,
        GenerationRunner,
        GenerationWorker,
        {
          provide: RUN_GENERATION_WORKERS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            options.workers === 'always' || config.generation.inProcessWorkers,
        },
      ],
      exports: [GenerationsService],
    };
  }
}
