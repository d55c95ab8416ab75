import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type QueryFilter, type Model, Types } from 'mongoose';
import { type CursorPage, toCursorPage } from '@app/core';

import { type AuditChangeSummary } from './audit-change-summarizer';
import { AuditEntry } from './audit-entry.schema';

/** An entry as the writer buffers it; `id` is assigned when it is recorded, so a retried batch is idempotent. */
export interface NewAuditEntry {
  id: string;
  actor: { userId?: string; keyPrefix?: string; role?: 'admin' | 'user' };
  action: string;
  resource: { type: string; id?: string };
  requestId: string;
  ip: string;
  userAgent?: string;
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  changes?: AuditChangeSummary;
  createdAt: Date;
}

/** What the response hook hands the writer. */
export type AuditEntryInput = Omit<NewAuditEntry, 'id'>;

/** A stored entry, as a plain object. */
export type AuditLogRecord = NewAuditEntry;

/** Filters of a list; every one is optional and they combine with AND. */
export interface AuditLogFilter {
  actorUserId?: string;
  actorKeyPrefix?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  /** Half-open status range: `{ from: 400, to: 500 }` is every 4xx. */
  status?: { from: number; to: number };
  /** Inclusive lower bound of `createdAt`. */
  from?: Date;
  /** Exclusive upper bound of `createdAt`. */
  to?: Date;
}

/** A filter for a user's own entries: the actor is fixed by the caller, never by the query. */
export type OwnAuditLogFilter = Omit<AuditLogFilter, 'actorUserId' | 'actorKeyPrefix'>;

export interface AuditPageRequest {
  limit: number;
  /** The id of the last item of the previous page. */
  cursor?: string;
}

export interface InsertResult {
  /** Entries the server refused for a reason a retry cannot fix (duplicates of a retried batch count as written). */
  rejected: number;
}

const DUPLICATE_KEY = 11000;

/** The audit log collection. The only code that touches its Mongoose model. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectModel(AuditEntry.name) private readonly model: Model<AuditEntry>) {}

  /** A fresh id for an entry about to be buffered. */
  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  /**
   * Inserts a batch, unordered. Throws when the batch as a whole failed (connection, server selection):
   * the caller keeps it and retries. Because ids are assigned before the first attempt, entries that a
   * failed attempt did write come back as duplicates on the retry and are counted as written.
   */
  async insertMany(entries: readonly NewAuditEntry[]): Promise<InsertResult> {
    if (entries.length === 0) return { rejected: 0 };
    const docs = entries.map(({ id, ...entry }) => ({ _id: new Types.ObjectId(id), ...entry }));
    try {
      const result = await this.model.insertMany(docs, { ordered: false, rawResult: true });
      return { rejected: result.mongoose?.validationErrors?.length ?? 0 };
    } catch (error) {
      const writeErrors = writeErrorsOf(error);
      if (!writeErrors) throw error;
      return { rejected: writeErrors.filter((e) => e.code !== DUPLICATE_KEY).length };
    }
  }

  /** Every user's entries (admin), newest first. */
  async list(filter: AuditLogFilter, page: AuditPageRequest): Promise<CursorPage<AuditLogRecord>> {
    return this.find(this.toQuery(filter), page);
  }

  /** Only the entries `userId` made, newest first, whatever else the filter says. */
  async listForActor(
    userId: string,
    filter: OwnAuditLogFilter,
    page: AuditPageRequest,
  ): Promise<CursorPage<AuditLogRecord>> {
    return this.find({ ...this.toQuery(filter), 'actor.userId': userId }, page);
  }

  /** Deletes entries created before `cutoff`; returns how many. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.model.deleteMany({ createdAt: { $lt: cutoff } });
    return result.deletedCount ?? 0;
  }

  private async find(
    query: QueryFilter<AuditEntry>,
    { limit, cursor }: AuditPageRequest,
  ): Promise<CursorPage<AuditLogRecord>> {
    if (cursor) query._id = { $lt: new Types.ObjectId(cursor) };
    const rows = await this.model
      .find(query)
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<(AuditEntry & { _id: Types.ObjectId })[]>()
      .exec();
    return toCursorPage(rows.map(toRecord), limit);
  }

  private toQuery(filter: AuditLogFilter): QueryFilter<AuditEntry> {
    const query: QueryFilter<AuditEntry> = {};
    if (filter.actorUserId !== undefined) query['actor.userId'] = filter.actorUserId;
    if (filter.actorKeyPrefix !== undefined) query['actor.keyPrefix'] = filter.actorKeyPrefix;
    if (filter.action !== undefined) query.action = filter.action;
    if (filter.resourceType !== undefined) query['resource.type'] = filter.resourceType;
    if (filter.resourceId !== undefined) query['resource.id'] = filter.resourceId;
    if (filter.status) query.status = { $gte: filter.status.from, $lt: filter.status.to };
    if (filter.from || filter.to) {
      query.createdAt = {
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lt: filter.to } : {}),
      };
    }
    return query;
  }
}

function toRecord(row: AuditEntry & { _id: Types.ObjectId }): AuditLogRecord {
  const { _id, actor, resource, changes, ...rest } = row;
  return {
    id: _id.toHexString(),
    ...rest,
    actor: { ...actor },
    resource: { ...resource },
    ...(changes ? { changes: { ...changes, fields: changes.fields.map((f) => ({ ...f })) } } : {}),
  };
}

interface WriteErrorLike {
  code?: number;
}

/** The per-document errors of an unordered bulk insert, or undefined when the whole batch failed. */
function writeErrorsOf(error: unknown): WriteErrorLike[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors as WriteErrorLike[];
  return undefined;
}
