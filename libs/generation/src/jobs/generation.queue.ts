import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type AppConfig, APP_CONFIG, bullmqConnectionFrom, bullmqPrefix, QUEUES } from '@app/core';

const CLOSE_TIMEOUT_MS = 3000;

/** Whether the promise settles within `ms` (its outcome otherwise ignored). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a queued generation job carries: which generation, of whom (every read stays owner-scoped). */
export interface GenerationJobData {
  generationId: string;
  ownerId: string;
}

/** BullMQ's key prefix for this deployment (shared by the API, which enqueues, and the workers). */
export const bullPrefix = (config: AppConfig) => bullmqPrefix(config);

/** How long a worker's lock on a job lasts without renewal (BullMQ renews it at half that while the job runs). */
export const jobLockDuration = (config: AppConfig) => Math.max(config.generation.stalledIntervalMs, 1000);

/**
 * The producer side of the generation queue. The job id is the generation id, so a generation is queued at
 * most once however often `add` is called.
 */
@Injectable()
export class GenerationQueue implements OnModuleDestroy {
  private opened: Queue<GenerationJobData> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Connected on first use: an instance that never queues a generation holds no queue connection. */
  private get queue(): Queue<GenerationJobData> {
    this.opened ??= new Queue<GenerationJobData>(QUEUES.generation, {
      connection: bullmqConnectionFrom(this.config.redis.url),
      prefix: bullPrefix(this.config),
    });
    return this.opened;
  }

  async add(data: GenerationJobData): Promise<void> {
    await this.queue.add('generate', data, {
      jobId: data.generationId,
      attempts: this.config.generation.attempts,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
    });
  }

  /** Removes the job if no worker has taken it yet; true when removed. */
  async removeIfWaiting(generationId: string): Promise<boolean> {
    const job = await this.queue.getJob(generationId);
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // a worker locked it meanwhile: the runner sees the cancel flag instead
    }
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  }

  /** Closes the connection; with Redis unreachable, gives up after a few seconds rather than hang shutdown. */
  async onModuleDestroy(): Promise<void> {
    const queue = this.opened;
    if (!queue) return;
    if (!(await settlesWithin(queue.close(), CLOSE_TIMEOUT_MS)))
      await settlesWithin(queue.disconnect(), CLOSE_TIMEOUT_MS);
  }
}
