import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type QueryFilter, Types } from 'mongoose';

import {
  type GenerationEntity,
  type GenerationInput,
  type GenerationReuseEntity,
  type GenerationStatus,
} from './generation.schema';

export type GenerationRecord = Omit<GenerationEntity, '_id' | 'ownerId'> & { id: string; ownerId: string };
export type GenerationChanges = Partial<Omit<GenerationRecord, 'id' | 'ownerId' | 'createdAt' | 'updatedAt'>>;

const oid = (id: string) => new Types.ObjectId(id);

/**
 * Generations (their event streams and live progress are in GenerationProgressStore); every query is scoped by
 * owner.
 */
@Injectable()
export class GenerationRepository {
  constructor(
    @InjectModel('Generation') private readonly generations: Model<GenerationEntity>,
    @InjectModel('GenerationReuse') private readonly reuse: Model<GenerationReuseEntity>,
  ) {}

  async create(
    ownerId: string,
    record: {
      id: string;
      author: GenerationEntity['author'];
      input: GenerationInput;
      batchId: string | null;
      /** A generation answered at once from an earlier one: its final state. */
      reused?: GenerationChanges;
    },
  ): Promise<GenerationRecord> {
    const created = await this.generations.create({
      _id: oid(record.id),
      ownerId: oid(ownerId),
      author: record.author,
      input: record.input,
      batchId: record.batchId,
      status: 'queued' satisfies GenerationStatus,
      progress: 0,
      ...record.reused,
    });
    return toRecord(created.toObject());
  }

  /**
   * By `_id` alone, then the owner checked here: the same answer as a query on both (another owner's generation
   * is not found), but FerretDB answers an `_id`-only filter in SQLite, and any other by decoding every document
   * of the collection (measured 4–8x slower; this is read on every GET and by every job).
   */
  async findById(ownerId: string, id: string): Promise<GenerationRecord | null> {
    if (!isValidObjectId(id)) return null;
    const found = await this.generations
      .findOne({ _id: oid(id) })
      .lean<GenerationEntity>()
      .exec();
    return found && found.ownerId.equals(oid(ownerId)) ? toRecord(found) : null;
  }

  /** Newest first; `limit + 1` rows (see toCursorPage). */
  async list(
    ownerId: string,
    page: { cursor?: string; limit: number; batchId?: string; status?: GenerationStatus },
  ): Promise<GenerationRecord[]> {
    const query: QueryFilter<GenerationEntity> = { ownerId: oid(ownerId) };
    if (page.batchId) query.batchId = page.batchId;
    if (page.status) query.status = page.status;
    if (page.cursor) query._id = { $lt: oid(page.cursor) };
    const rows = await this.generations
      .find(query)
      .sort({ _id: -1 })
      .limit(page.limit + 1)
      .lean<GenerationEntity[]>()
      .exec();
    return rows.map(toRecord);
  }

  async listBatch(ownerId: string, batchId: string): Promise<GenerationRecord[]> {
    const rows = await this.generations
      .find({ ownerId: oid(ownerId), batchId })
      .sort({ _id: 1 })
      .lean<GenerationEntity[]>()
      .exec();
    return rows.map(toRecord);
  }

  async update(ownerId: string, id: string, changes: GenerationChanges): Promise<GenerationRecord | null> {
    const updated = await this.generations
      .findOneAndUpdate(
        { _id: oid(id), ownerId: oid(ownerId) },
        { $set: changes },
        { returnDocument: 'after' },
      )
      .lean<GenerationEntity>()
      .exec();
    return updated ? toRecord(updated) : null;
  }

  /**
   * Sets fields of a generation the caller has loaded owner-scoped (the runner, from its job), without reading it
   * back; by `_id` alone, for the reason given at findById.
   */
  async setById(id: string, changes: GenerationChanges): Promise<void> {
    await this.generations.updateOne({ _id: oid(id) }, { $set: changes }).exec();
  }

  /** Changes the status only if it is still `from` (queued → cancelled without racing the runner's start). */
  async transition(
    ownerId: string,
    id: string,
    from: GenerationStatus,
    changes: GenerationChanges,
  ): Promise<GenerationRecord | null> {
    const updated = await this.generations
      .findOneAndUpdate(
        { _id: oid(id), ownerId: oid(ownerId), status: from },
        { $set: changes },
        { returnDocument: 'after' },
      )
      .lean<GenerationEntity>()
      .exec();
    return updated ? toRecord(updated) : null;
  }

  /**
   * The latest generation of this owner with the same inputs that succeeded from its own run (not reused) with a
   * result that is not degraded (the LLM failed and the offline provider wrote it: not what a new request asks
   * for). Found through its reuse key (see GenerationReuseEntity), then checked on the generation itself.
   */
  async findReusable(ownerId: string, inputHash: string, except?: string): Promise<GenerationRecord | null> {
    const entry = await this.reuse
      .findOne({ _id: reuseKey(ownerId, inputHash) })
      .lean<GenerationReuseEntity>()
      .exec();
    if (!entry || entry.generationId === except || !entry.ownerId.equals(oid(ownerId))) return null;
    const found = await this.findById(ownerId, entry.generationId);
    const reusable =
      found?.status === 'succeeded' &&
      found.inputHash === inputHash &&
      found.reusedFrom === null &&
      found.degraded === null;
    return reusable ? found : null;
  }

  /** Makes a finished generation the one its reuse key answers with (see findReusable for which qualify). */
  async rememberReusable(ownerId: string, inputHash: string, generationId: string): Promise<void> {
    await this.reuse
      .updateOne(
        { _id: reuseKey(ownerId, inputHash) },
        { $set: { ownerId: oid(ownerId), generationId } },
        { upsert: true },
      )
      .exec();
  }
}

const reuseKey = (ownerId: string, inputHash: string) => `${ownerId}:${inputHash}`;

function toRecord(row: GenerationEntity): GenerationRecord {
  const { _id, ownerId, ...rest } = row;
  return {
    ...rest,
    id: _id.toHexString(),
    ownerId: ownerId.toHexString(),
    step: rest.step ?? null,
    batchId: rest.batchId ?? null,
    inputHash: rest.inputHash ?? null,
    reusedFrom: rest.reusedFrom ?? null,
    target: rest.target ?? null,
    timings: rest.timings ?? [],
    match: rest.match ?? null,
    factCheck: rest.factCheck ?? null,
    ats: rest.ats ?? null,
    degraded: rest.degraded ?? null,
    llm: rest.llm ?? null,
    result: rest.result ?? null,
    error: rest.error ?? null,
    startedAt: rest.startedAt ?? null,
    finishedAt: rest.finishedAt ?? null,
    finalEventSeq: rest.finalEventSeq ?? null,
  };
}
