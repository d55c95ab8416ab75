import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';

import { CacheEntry } from './cache-entry.schema';

/** A stored entry, as a plain object. */
export interface CacheEntryRecord {
  namespace: string;
  key: string;
  /** The JSON text of the value. */
  value: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Live (unexpired) entries of one namespace. */
export interface NamespaceEntryStats {
  namespace: string;
  entries: number;
  oldestCreatedAt: Date;
  newestCreatedAt: Date;
}

const DUPLICATE_KEY = 11000;

/** The `cache_entries` collection. The only code that touches its Mongoose model. */
@Injectable()
export class CacheEntryRepository {
  constructor(@InjectModel(CacheEntry.name) private readonly model: Model<CacheEntry>) {}

  /** The entry, unless it is missing or expired at `now` (expired entries may still be stored until purged). */
  async get(namespace: string, key: string, now: Date): Promise<CacheEntryRecord | undefined> {
    const row = await this.model
      .findOne({ namespace, key, expiresAt: { $gt: now } })
      .lean<CacheEntryRecord>()
      .exec();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Stores (replaces) the entry. Concurrent writers of one key: the last one wins, which is all a cache
   * needs. Two concurrent upserts of a new key can race on the unique index; the loser retries once.
   */
  async set(namespace: string, key: string, value: string, ttlMs: number, now: Date): Promise<void> {
    const doc: CacheEntryRecord = {
      namespace,
      key,
      value,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    await this.put(doc);
  }

  /** Stores an entry exactly as given (its own dates). */
  async put(entry: CacheEntryRecord): Promise<void> {
    const filter = { namespace: entry.namespace, key: entry.key };
    try {
      await this.model.replaceOne(filter, entry, { upsert: true }).exec();
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== DUPLICATE_KEY) throw error;
      await this.model.replaceOne(filter, entry, { upsert: true }).exec();
    }
  }

  /** Deletes one entry; true when there was one. */
  async delete(namespace: string, key: string): Promise<boolean> {
    const result = await this.model.deleteOne({ namespace, key }).exec();
    return (result.deletedCount ?? 0) > 0;
  }

  /** Deletes every entry expired at `now`; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.model.deleteMany({ expiresAt: { $lte: now } }).exec();
    return result.deletedCount ?? 0;
  }

  /** Deletes every entry of a namespace (expired or not); returns how many. */
  async deleteNamespace(namespace: string): Promise<number> {
    const result = await this.model.deleteMany({ namespace }).exec();
    return result.deletedCount ?? 0;
  }

  /**
   * Live entries per namespace, sorted by namespace. Counting uses `$group` with `$sum` only (all FerretDB
   * supports); oldest and newest come from one indexed, sorted `findOne` each per namespace.
   */
  async statsByNamespace(now: Date): Promise<NamespaceEntryStats[]> {
    const live = { expiresAt: { $gt: now } };
    const groups = await this.model
      .aggregate<{ _id: string; entries: number }>([
        { $match: live },
        { $group: { _id: '$namespace', entries: { $sum: 1 } } },
      ])
      .exec();
    const stats = await Promise.all(
      groups.map(async ({ _id: namespace, entries }) => {
        const [oldest, newest] = await Promise.all(
          [1, -1].map((order) =>
            this.model
              .findOne({ namespace, ...live }, { createdAt: 1, _id: 0 })
              .sort({ createdAt: order as 1 | -1 })
              .lean<{ createdAt: Date }>()
              .exec(),
          ),
        );
        // An entry that expired between the two queries can leave one side empty: fall back to `now`.
        return {
          namespace,
          entries,
          oldestCreatedAt: oldest?.createdAt ?? now,
          newestCreatedAt: newest?.createdAt ?? now,
        };
      }),
    );
    return stats.sort((a, b) => a.namespace.localeCompare(b.namespace));
  }
}

function toRecord(row: CacheEntryRecord): CacheEntryRecord {
  return {
    namespace: row.namespace,
    key: row.key,
    value: row.value,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
