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
import { GenerationRepository, type GenerationRecord } from './generation.repository';
import { type GenerationInput, type GenerationStatus, TERMINAL_STATUSES } from './generation.schema';
import {
  type GenerationEventRecord,
  type GenerationLiveState,
  GenerationProgressStore,
} from './generation-progress.store';
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
    private readonly progress: GenerationProgressStore,
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

  async list(
    ownerId: string,
    page: { cursor?: string; limit: number; batchId?: string; status?: GenerationStatus },
  ): Promise<CursorPage<GenerationDto>> {
    const rows = await this.generations.list(ownerId, page);
    const { items, nextCursor } = toCursorPage(rows, page.limit);
    return { items: (await this.withLive(items)).map(toGenerationDto), nextCursor };
  }

  async getBatch(ownerId: string, batchId: string): Promise<GenerationBatchDto> {
    const generations = await this.generations.listBatch(ownerId, batchId);
    if (generations.length === 0) throw batchNotFound();
    return toBatchDto(batchId, await this.withLive(generations));
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
      // No runner has it: this is the only writer of its document and events.
      const now = this.clock.now();
      const lastSeq = await this.progress.lastSeq(id);
      const cancelled = await this.generations.transition(ownerId, id, 'queued', {
        status: 'cancelled',
        finishedAt: now,
        finalEventSeq: lastSeq + 1,
      });
      if (cancelled) {
        await this.progress.append(
          id,
          [{ type: 'cancelled', data: { status: 'cancelled' }, at: now }],
          'delete',
          lastSeq,
        );
        return toGenerationDto(cancelled);
      }
    }
    return toGenerationDto(await this.find(ownerId, id));
  }

  /**
   * Events after `afterSeq`, for the SSE stream, and whether the stream has ended (its final event is among
   * them, or was sent before). With `readState` it reads the generation too: first of all to check it is the
   * caller's (404 otherwise), then now and then in case the events stop without a final one. A finished
   * generation whose events have expired (or whose final event is still on its way) answers with its final
   * event made from the document, numbered as it was.
   */
  async eventsAfter(
    ownerId: string,
    id: string,
    afterSeq: number,
    options: { readState: boolean },
  ): Promise<{ events: GenerationEventRecord[]; ended: boolean }> {
    const record = options.readState ? await this.findStored(ownerId, id) : null;
    const events = await this.progress.eventsAfter(id, afterSeq);
    if (events.some((event) => isFinalEvent(event.type))) return { events, ended: true };
    if (!record || !TERMINAL_STATUSES.includes(record.status) || events.length > 0) {
      return { events, ended: false };
    }
    const finalSeq = record.finalEventSeq ?? 1;
    if (afterSeq >= finalSeq) return { events: [], ended: true }; // a reconnect after the final event
    return { events: [finalEventOf(record, finalSeq)], ended: true };
  }

  /** The generation as it is now: its document, with its live progress while it runs. */
  private async find(ownerId: string, id: string): Promise<GenerationRecord> {
    // The live state first: a generation ending in between shows its final document, never an older state.
    const live = await this.progress.live(id).catch(() => null);
    const record = await this.findStored(ownerId, id);
    return withLiveState(record, live);
  }

  private async findStored(ownerId: string, id: string): Promise<GenerationRecord> {
    const record = await this.generations.findById(ownerId, id);
    if (!record) throw generationNotFound();
    return record;
  }

  /**
   * Documents read first (a list query), then the live states of the unfinished ones: a running one without a
   * live state has finished in between (or lost its state), so it is read again (by _id: cheap) and shows its
   * document as it is now. A queued one simply has no live state yet.
   */
  private async withLive(records: GenerationRecord[]): Promise<GenerationRecord[]> {
    const running = records.filter((record) => !TERMINAL_STATUSES.includes(record.status));
    if (running.length === 0) return records;
    const live = await this.progress.liveOf(running.map((record) => record.id)).catch(() => new Map());
    return Promise.all(
      records.map(async (record) => {
        if (TERMINAL_STATUSES.includes(record.status)) return record;
        const state = live.get(record.id) ?? null;
        if (state || record.status !== 'running') return withLiveState(record, state);
        return (await this.generations.findById(record.ownerId, record.id)) ?? record;
      }),
    );
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
        finalEventSeq: 2,
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
    await this.progress.append(id, [
      { type: 'reused', data: { from: earlier.id }, at: now },
      { type: 'succeeded', data: { status: 'succeeded', result: earlier.result }, at: now },
    ]);
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
    await this.progress.append(id, [{ type: 'queued', data: { status: 'queued' }, at: this.clock.now() }]);
    await this.queue.add({ generationId: id, ownerId: caller.userId });
    return record;
  }
}

const isFinalEvent = (type: string) => (TERMINAL_STATUSES as readonly string[]).includes(type);

/** A running generation's document says `queued`: its live state says how far it is. */
function withLiveState(record: GenerationRecord, live: GenerationLiveState | null): GenerationRecord {
  return live && !TERMINAL_STATUSES.includes(record.status) ? { ...record, ...live } : record;
}

/** The final event as the runner wrote it, made from the document. */
function finalEventOf(record: GenerationRecord, seq: number): GenerationEventRecord {
  return {
    seq,
    type: record.status,
    data: {
      status: record.status,
      ...(record.result ? { result: record.result } : {}),
      ...(record.error ? { error: record.error } : {}),
    },
    at: record.finishedAt ?? record.updatedAt,
  };
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
