import { gunzipSync, gzipSync } from 'node:zlib';

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type QueryFilter, Types } from 'mongoose';

import {
  type CandidateProfileEntity,
  type ProfileSummary,
  type StoredSources,
} from './candidate-profile.schema';

export interface ProfileRecord {
  id: string;
  ownerId: string;
  label: string | null;
  sources: StoredSources;
  sourcesJson: string;
  profileJson: string;
  summary: ProfileSummary;
  revision: number;
  builtAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type ProfileSummaryRecord = Omit<ProfileRecord, 'sourcesJson' | 'profileJson'>;

export type ProfileContent = Pick<
  ProfileRecord,
  'label' | 'sources' | 'sourcesJson' | 'profileJson' | 'summary' | 'builtAt'
>;

const oid = (id: string) => new Types.ObjectId(id);

/** Candidate profiles; every query is scoped by owner (another owner's profile is not found). */
@Injectable()
export class CandidateProfileRepository {
  constructor(@InjectModel('CandidateProfile') private readonly profiles: Model<CandidateProfileEntity>) {}

  async create(ownerId: string, content: ProfileContent): Promise<ProfileRecord> {
    const created = await this.profiles.create({ ...stored(content), ownerId: oid(ownerId), revision: 1 });
    return toRecord(created.toObject());
  }

  async findById(ownerId: string, id: string): Promise<ProfileRecord | null> {
    if (!isValidObjectId(id)) return null;
    const found = await this.profiles
      .findOne({ _id: oid(id), ownerId: oid(ownerId) })
      .lean<CandidateProfileEntity>()
      .exec();
    return found ? toRecord(found) : null;
  }

  /** Newest first; `limit + 1` rows (see toCursorPage). */
  async list(ownerId: string, page: { cursor?: string; limit: number }): Promise<ProfileSummaryRecord[]> {
    const query: QueryFilter<CandidateProfileEntity> = { ownerId: oid(ownerId) };
    if (page.cursor) query._id = { $lt: oid(page.cursor) };
    const rows = await this.profiles
      .find(query, { sourcesGzip: 0, profileJson: 0 })
      .sort({ _id: -1 })
      .limit(page.limit + 1)
      .lean<CandidateProfileEntity[]>()
      .exec();
    return rows.map(toSummaryRecord);
  }

  /**
   * Replaces the content of revision `revision` with a rebuilt one (revision + 1). Null when the profile
   * is gone or another rebuild got there first.
   */
  async replace(
    ownerId: string,
    id: string,
    revision: number,
    content: ProfileContent,
  ): Promise<ProfileRecord | null> {
    if (!isValidObjectId(id)) return null;
    const updated = await this.profiles
      .findOneAndUpdate(
        { _id: oid(id), ownerId: oid(ownerId), revision },
        { $set: { ...stored(content), revision: revision + 1 } },
        { returnDocument: 'after' },
      )
      .lean<CandidateProfileEntity>()
      .exec();
    return updated ? toRecord(updated) : null;
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const { deletedCount } = await this.profiles.deleteOne({ _id: oid(id), ownerId: oid(ownerId) }).exec();
    return deletedCount > 0;
  }
}

function toSummaryRecord(row: CandidateProfileEntity): ProfileSummaryRecord {
  return {
    id: row._id.toHexString(),
    ownerId: row.ownerId.toHexString(),
    label: row.label ?? null,
    sources: row.sources,
    summary: row.summary,
    revision: row.revision,
    builtAt: row.builtAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What is written: the sources compressed (see the schema). */
function stored(content: ProfileContent) {
  const { sourcesJson, ...rest } = content;
  return { ...rest, sourcesGzip: gzipSync(sourcesJson) };
}

function toRecord(row: CandidateProfileEntity): ProfileRecord {
  // A lean read gives BSON Binary (bytes in `.buffer`); a created document gives a Buffer.
  const gzip = row.sourcesGzip as unknown as Buffer | { buffer: Uint8Array };
  const bytes = Buffer.isBuffer(gzip) ? gzip : Buffer.from(gzip.buffer);
  return {
    ...toSummaryRecord(row),
    sourcesJson: gunzipSync(bytes).toString('utf8'),
    profileJson: row.profileJson,
  };
}
