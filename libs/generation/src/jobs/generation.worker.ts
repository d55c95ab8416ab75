import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { type AppConfig, APP_CONFIG, bullmqConnectionFrom, QUEUES } from '@app/core';

import { bullPrefix, type GenerationJobData, jobLockDuration, settlesWithin } from './generation.queue';

const GRACEFUL_CLOSE_MS = 5000;
const FORCED_CLOSE_MS = 2000;
import { GenerationRunner } from './generation.runner';

/** Whether this process consumes the generation queue (the worker app always; the API when configured). */
export const RUN_GENERATION_WORKERS = Symbol('RUN_GENERATION_WORKERS');

/**
 * The BullMQ worker for generation jobs: GENERATION_CONCURRENCY jobs at once; a job whose worker died is found
 * after GENERATION_STALLED_INTERVAL_MS (its lock expired) and run again, at most twice.
 */
@Injectable()
export class GenerationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GenerationWorker.name);
  private worker: Worker<GenerationJobData> | undefined;

  constructor(
    private readonly runner: GenerationRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_GENERATION_WORKERS) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const { concurrency, stalledIntervalMs } = this.config.generation;
    this.worker = new Worker<GenerationJobData>(QUEUES.generation, (job) => this.runner.run(job), {
      connection: bullmqConnectionFrom(this.config.redis.url),
      prefix: bullPrefix(this.config),
      concurrency,
      stalledInterval: stalledIntervalMs,
      lockDuration: jobLockDuration(this.config),
      maxStalledCount: 2,
    });
    this.worker.on('error', (error) => this.logger.error(`generation worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      // BullMQ emits `failed` for every failed attempt; only a job that will not run again (no `finishedOn`
      // until it is failed for good) is the runner's to mark failed — a retry must still get its chance.
      if (!job || !job.finishedOn) return;
      void this.runner
        .onJobFailed(job.data, error.message)
        .catch((failure: Error) => this.logger.error(`generation ${job.id}: ${failure.message}`));
    });
    this.logger.log(`generation worker running (${concurrency} at once)`);
  }

  /**
   * Lets running jobs finish for a while (a job cut short is run again by another worker anyway), then forces
   * the close; with Redis unreachable, gives up rather than hang the shutdown.
   */
  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (await settlesWithin(worker.close(), GRACEFUL_CLOSE_MS)) return;
    if (!(await settlesWithin(worker.close(true), FORCED_CLOSE_MS))) {
      await settlesWithin(worker.disconnect(), FORCED_CLOSE_MS);
    }
  }
}
