import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock, type CursorPage, type Principal, toCursorPage } from '@app/core';

import {
  type CreateGenerationBatchDto,
  type CreateGenerationDto,
  type GenerationJobDto,
  type GenerationOptionsDto,
} from './dto/generation-request.dto';
import { type GenerationBatchDto, type GenerationDto } from './dto/generation-response.dto';
import { alreadyFinished, batchNotFound, exactlyOne, generationNotFound } from './generation.errors';
import {
  GenerationRepository,
  type GenerationRecord,
  type GenerationEventRecord,
} from './generation.repository';
import { type GenerationInput, TERMINAL_STATUSES } from './generation.schema';
import { GenerationReferences } from './generation.references';
import { GenerationCancelFlags } from './jobs/generation-cancel.flags';
import { GenerationQueue } from './jobs/generation.queue';
import { toGenerationDto } from './generation.mapper';

/**
 * Generation jobs from the API's side: validates and records a request, queues it (BullMQ), reads its state
 * and events, cancels, and groups batches. The work itself happens in GenerationRunner, in a worker.
 */
@Injectable()
export class GenerationsService {
  constructor(
    private readonly generations: GenerationRepository,
    private readonly queue: GenerationQueue,
    private readonly cancels: GenerationCancelFlags,
    private readonly references: GenerationReferences,
    private readonly clock: Clock,
  ) {}

  async create(caller: Principal, body: CreateGenerationDto): Promise<GenerationDto> {
    const input = this.inputOf(body, body.job, { resumeId: body.resumeId, title: body.title });
    const key = await this.references.check(caller.userId, input);
    return toGenerationDto(await this.start(caller, input, null, key));
  }

  async createBatch(caller: Principal, body: CreateGenerationBatchDto): Promise<GenerationBatchDto> {
    const inputs = body.jobs.map((job) => this.inputOf(body, job, {}));
    const keys: (string | null)[] = [];
    for (const input of inputs) keys.push(await this.references.check(caller.userId, input));
    const batchId = new Types.ObjectId().toHexString();
    const generations: GenerationRecord[] = [];
    for (const [i, input] of inputs.entries())
      generations.push(await this.start(caller, input, batchId, keys[i]));
    return toBatchDto(batchId, generations);
  }

  async get(ownerId: string, id: string): Promise<GenerationDto> {
    return toGenerationDto(await this.find(ownerId, id));
  }

  async list(ownerId: string, page: { cursor?: string; limit: number }): Promise<CursorPage<GenerationDto>> {
    const rows = await this.generations.list(ownerId, page);
    const { items, nextCursor } = toCursorPage(rows, page.limit);
    return { items: items.map(toGenerationDto), nextCursor };
  }

  async getBatch(ownerId: string, batchId: string): Promise<GenerationBatchDto> {
    const generations = await this.generations.listBatch(ownerId, batchId);
    if (generations.length === 0) throw batchNotFound();
    return toBatchDto(batchId, generations);
  }

  /**
   * Cancels: a job still waiting is removed and marked cancelled at once; a running one is asked to stop (its
   * runner applies it between steps, or aborts the LLM call) and the answer shows the state as it is now.
   */
  async cancel(ownerId: string, id: string): Promise<GenerationDto> {
    const record = await this.find(ownerId, id);
    if (TERMINAL_STATUSES.includes(record.status)) throw alreadyFinished(record.status);
    await this.cancels.request(id);
    if (record.status === 'queued' && (await this.queue.removeIfWaiting(id))) {
      const cancelled = await this.generations.transition(ownerId, id, 'queued', {
        status: 'cancelled',
        finishedAt: this.clock.now(),
      });
      if (cancelled) {
        await this.generations.appendEvent(id, 'cancelled', { status: 'cancelled' }, this.clock.now());
        return toGenerationDto(cancelled);
      }
    }
    return toGenerationDto(await this.find(ownerId, id));
  }

  /** Events after `afterSeq`, for the SSE stream (after checking the generation is the caller's). */
  async eventsAfter(
    ownerId: string,
    id: string,
    afterSeq: number,
  ): Promise<{ events: GenerationEventRecord[]; finished: boolean }> {
    const record = await this.find(ownerId, id);
    const events = await this.generations.eventsAfter(id, afterSeq);
    return { events, finished: TERMINAL_STATUSES.includes(record.status) };
  }

  private async find(ownerId: string, id: string): Promise<GenerationRecord> {
    const record = await this.generations.findById(ownerId, id);
    if (!record) throw generationNotFound();
    return record;
  }

  private inputOf(
    options: GenerationOptionsDto,
    job: GenerationJobDto,
    target: { resumeId?: string; title?: string },
  ): GenerationInput {
    const candidate = options.candidate;
    if (!candidate.profileId === !candidate.githubUsername)
      throw exactlyOne('candidate', ['profileId', 'githubUsername']);
    if (!job.analysisId === !job.description) throw exactlyOne('job', ['analysisId', 'description']);
    return {
      candidate: candidate.profileId
        ? { profileId: candidate.profileId }
        : { githubUsername: candidate.githubUsername },
      job: { ...job },
      ...(options.provider ? { provider: options.provider } : {}),
      template: options.template ?? 'classic',
      paper: options.paper ?? 'letter',
      maxPages: options.maxPages ?? 1,
      ...(target.resumeId ? { resumeId: target.resumeId } : {}),
      ...(target.title ? { title: target.title } : {}),
      reuse: options.reuse ?? true,
    };
  }

  /**
   * Queues the generation — or, with reuse on and an earlier generation of identical inputs at hand (known
   * before running anything for a stored profile), answers at once with that result.
   */
  private async start(
    caller: Principal,
    input: GenerationInput,
    batchId: string | null,
    key: string | null,
  ): Promise<GenerationRecord> {
    const earlier = input.reuse && key ? await this.generations.findReusable(caller.userId, key) : null;
    if (!earlier?.result || !(await this.references.stillStored(caller.userId, earlier.result))) {
      return this.enqueue(caller, input, batchId);
    }
    const id = new Types.ObjectId().toHexString();
    const now = this.clock.now();
    const record = await this.generations.create(caller.userId, {
      id,
      author: { userId: caller.userId, keyPrefix: caller.keyPrefix || null, role: caller.role },
      input,
      batchId,
      reused: {
        status: 'succeeded',
        progress: 100,
        inputHash: key,
        reusedFrom: earlier.id,
        target: earlier.target,
        result: earlier.result,
        match: earlier.match,
        factCheck: earlier.factCheck,
        ats: earlier.ats,
        llm: earlier.llm,
        degraded: earlier.degraded,
        startedAt: now,
        finishedAt: now,
      },
    });
    const seq = await this.generations.appendEvent(id, 'reused', { from: earlier.id }, now, 0);
    await this.generations.appendEvent(
      id,
      'succeeded',
      { status: 'succeeded', result: earlier.result },
      now,
      seq,
    );
    return record;
  }

  private async enqueue(
    caller: Principal,
    input: GenerationInput,
    batchId: string | null,
  ): Promise<GenerationRecord> {
    const id = new Types.ObjectId().toHexString();
    const record = await this.generations.create(caller.userId, {
      id,
      author: { userId: caller.userId, keyPrefix: caller.keyPrefix || null, role: caller.role },
      input,
      batchId,
    });
    await this.generations.appendEvent(id, 'queued', { status: 'queued' }, this.clock.now());
    await this.queue.add({ generationId: id, ownerId: caller.userId });
    return record;
  }
}

function toBatchDto(batchId: string, generations: GenerationRecord[]): GenerationBatchDto {
  const finished = generations.every((generation) => TERMINAL_STATUSES.includes(generation.status));
  const ranked = generations
    .filter((generation) => generation.status === 'succeeded' && generation.match)
    .map((generation) => ({
      generationId: generation.id,
      score: Number((generation.match as { score?: number }).score ?? 0),
      title: generation.target?.title ?? generation.input.job.title ?? null,
      company: generation.target?.company ?? generation.input.job.company ?? null,
    }))
    .sort((a, b) => b.score - a.score)
    .map((entry, i) => ({ ...entry, rank: i + 1 }));
  return {
    batchId,
    status: finished ? 'finished' : 'running',
    generations: generations.map(toGenerationDto),
    ranking: finished ? ranked : null,
  };
}
