import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, type QueryFilter, Types, isValidObjectId } from 'mongoose';
import { type Scope } from '@app/core';

import { type ApiKey } from './api-key.schema';

export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: Scope[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  createdAt: Date;
}

export interface NewApiKey {
  userId: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: Scope[];
  expiresAt: Date | null;
}

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export class DuplicatePrefixError extends Error {}

/** API keys, always scoped by the owning user; the only unscoped lookup is by prefix, for verification. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectModel('ApiKey') private readonly keys: Model<ApiKey>) {}

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    try {
      const created = await this.keys.create({ ...key, userId: new Types.ObjectId(key.userId) });
      return toRecord(created.toObject());
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new DuplicatePrefixError(key.prefix);
      throw error;
    }
  }

  async findById(ownerId: string, id: string): Promise<ApiKeyRecord | null> {
    if (!isValidObjectId(id) || !isValidObjectId(ownerId)) return null;
    const found = await this.keys
      .findOne({ _id: new Types.ObjectId(id), userId: new Types.ObjectId(ownerId) })
      .lean<ApiKey>()
      .exec();
    return found ? toRecord(found) : null;
  }

  /** For verification only: the key a presented secret claims to be. */
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const found = await this.keys.findOne({ prefix }).lean<ApiKey>().exec();
    return found ? toRecord(found) : null;
  }

  async list(
    ownerId: string,
    filter: { status?: ApiKeyStatus; cursor?: string; limit: number },
    now: Date,
  ): Promise<ApiKeyRecord[]> {
    if (!isValidObjectId(ownerId)) return [];
    const query: QueryFilter<ApiKey> = { userId: new Types.ObjectId(ownerId) };
    if (filter.status === 'revoked') query.revokedAt = { $ne: null };
    if (filter.status === 'active') {
      query.revokedAt = null;
      query.$or = [{ expiresAt: null }, { expiresAt: { $gt: now } }];
    }
    if (filter.status === 'expired') {
      query.revokedAt = null;
      query.expiresAt = { $ne: null, $lte: now };
    }
    if (filter.cursor) query._id = { $lt: new Types.ObjectId(filter.cursor) };
    const rows = await this.keys
      .find(query)
      .sort({ _id: -1 })
      .limit(filter.limit + 1)
      .lean<ApiKey[]>()
      .exec();
    return rows.map(toRecord);
  }

  async countActive(ownerId: string, now: Date): Promise<number> {
    return this.keys
      .countDocuments({
        userId: new Types.ObjectId(ownerId),
        revokedAt: null,
        $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      })
      .exec();
  }

  async revoke(ownerId: string, id: string, at: Date): Promise<ApiKeyRecord | null> {
    if (!isValidObjectId(id) || !isValidObjectId(ownerId)) return null;
    const owner = new Types.ObjectId(ownerId);
    const _id = new Types.ObjectId(id);
    await this.keys.updateOne({ _id, userId: owner, revokedAt: null }, { $set: { revokedAt: at } }).exec();
    return this.findById(ownerId, id);
  }

  /** Replaces prefix and hash of a key that is not revoked; null when there is no such key. */
  async replaceSecret(
    ownerId: string,
    id: string,
    secret: { prefix: string; hash: string },
    at: Date,
  ): Promise<ApiKeyRecord | null> {
    if (!isValidObjectId(id) || !isValidObjectId(ownerId)) return null;
    try {
      const updated = await this.keys
        .findOneAndUpdate(
          { _id: new Types.ObjectId(id), userId: new Types.ObjectId(ownerId), revokedAt: null },
          { $set: { ...secret, rotatedAt: at } },
          { returnDocument: 'after' },
        )
        .lean<ApiKey>()
        .exec();
      return updated ? toRecord(updated) : null;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new DuplicatePrefixError(secret.prefix);
      throw error;
    }
  }

  /** Writes batched `lastUsedAt` values; never moves one backwards. */
  async recordLastUsed(entries: ReadonlyMap<string, Date>): Promise<void> {
    if (entries.size === 0) return;
    await this.keys.bulkWrite(
      [...entries].map(([id, at]) => ({
        updateOne: {
          filter: { _id: new Types.ObjectId(id), $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] },
          update: { $set: { lastUsedAt: at } },
        },
      })),
      { ordered: false },
    );
  }
}

function toRecord(key: ApiKey): ApiKeyRecord {
  return {
    id: key._id.toString(),
    userId: key.userId.toString(),
    name: key.name,
    prefix: key.prefix,
    hash: key.hash,
    scopes: [...key.scopes],
    expiresAt: key.expiresAt ?? null,
    revokedAt: key.revokedAt ?? null,
    lastUsedAt: key.lastUsedAt ?? null,
    rotatedAt: key.rotatedAt ?? null,
    createdAt: key.createdAt,
  };
}
