import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, type QueryFilter, Types, isValidObjectId } from 'mongoose';
import { containsIgnoringCase } from '@app/core';

import { type ArtifactKind, type ArtifactRenderInfo, type ResumeArtifact } from './resume-artifact.schema';
import { type ResumeVersion, type VersionRenderOptions, type VersionSource } from './resume-version.schema';
import { type Resume } from './resume.schema';

export interface ResumeRecord {
  id: string;
  ownerId: string;
  title: string;
  tags: string[];
  targetCompany: string | null;
  targetRole: string | null;
  archivedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ResumeMeta {
  title: string;
  tags: string[];
  targetCompany: string | null;
  targetRole: string | null;
}

export interface ResumeListFilter {
  q?: string;
  tag?: string;
  archived?: boolean;
  deleted?: boolean;
  targetCompany?: string;
  targetRole?: string;
  createdFrom?: Date;
  createdTo?: Date;
  cursor?: string;
  limit: number;
}

export interface VersionRecord {
  id: string;
  resumeId: string;
  number: number;
  documentJson: string;
  hash: string;
  source: VersionSource;
  reason: string | null;
  author: { userId: string; keyPrefix: string | null };
  createdAt: Date;
  /** The generation job that wrote it; null for other sources. */
  generationId: string | null;
  /** How its TeX and PDF are rendered on first download; null: the defaults. */
  renderOptions: VersionRenderOptions | null;
}

export interface ArtifactRecord {
  kind: ArtifactKind;
  version: number;
  contentType: string;
  filename: string;
  size: number;
  sha256: string;
  createdAt: Date;
  /** How a TeX or PDF artifact was rendered; null for the others. */
  render: ArtifactRenderInfo | null;
  data?: Buffer;
}

export type NewVersion = Omit<VersionRecord, 'id'>;
export type NewArtifact = Required<Omit<ArtifactRecord, 'createdAt'>> & { createdAt: Date };

/** Raised when version N already exists: another edit won the race. */
export class VersionConflictError extends Error {}

const oid = (id: string) => new Types.ObjectId(id);

/**
 * Resumes, their immutable versions and their artifacts. Every method takes the owner and every query is
 * scoped by it; a resume of another owner is simply not found. Versions can be inserted, never updated.
 */
@Injectable()
export class ResumeRepository {
  constructor(
    @InjectModel('Resume') private readonly resumes: Model<Resume>,
    @InjectModel('ResumeVersion') private readonly versions: Model<ResumeVersion>,
    @InjectModel('ResumeArtifact') private readonly artifacts: Model<ResumeArtifact>,
  ) {}

  /** Creates the resume record once its version 1 exists (`id` chosen by the caller for that version). */
  async create(ownerId: string, id: string, meta: ResumeMeta): Promise<ResumeRecord> {
    const created = await this.resumes.create({
      ...meta,
      _id: oid(id),
      ownerId: oid(ownerId),
    });
    return toResume(created.toObject());
  }

  async findById(
    ownerId: string,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ResumeRecord | null> {
    if (!isValidObjectId(id)) return null;
    const query: QueryFilter<Resume> = { _id: oid(id), ownerId: oid(ownerId) };
    if (!options.includeDeleted) query.deletedAt = null;
    const found = await this.resumes.findOne(query).lean<Resume>().exec();
    return found ? toResume(found) : null;
  }

  async list(ownerId: string, filter: ResumeListFilter): Promise<ResumeRecord[]> {
    const query: QueryFilter<Resume> = {
      ownerId: oid(ownerId),
      deletedAt: filter.deleted ? { $ne: null } : null,
    };
    if (filter.q) query.title = containsIgnoringCase(filter.q);
    if (filter.tag) query.tags = filter.tag;
    if (filter.archived !== undefined) query.archivedAt = filter.archived ? { $ne: null } : null;
    if (filter.targetCompany) query.targetCompany = containsIgnoringCase(filter.targetCompany);
    if (filter.targetRole) query.targetRole = containsIgnoringCase(filter.targetRole);
    if (filter.createdFrom || filter.createdTo) {
      query.createdAt = {
        ...(filter.createdFrom ? { $gte: filter.createdFrom } : {}),
        ...(filter.createdTo ? { $lt: filter.createdTo } : {}),
      };
    }
    if (filter.cursor) query._id = { $lt: oid(filter.cursor) };
    const rows = await this.resumes
      .find(query)
      .sort({ _id: -1 })
      .limit(filter.limit + 1)
      .lean<Resume[]>()
      .exec();
    return rows.map(toResume);
  }

  async update(
    ownerId: string,
    id: string,
    changes: Partial<ResumeMeta> & { archivedAt?: Date | null; deletedAt?: Date | null },
    options: { includeDeleted?: boolean } = {},
  ): Promise<ResumeRecord | null> {
    if (!isValidObjectId(id)) return null;
    const query: QueryFilter<Resume> = { _id: oid(id), ownerId: oid(ownerId) };
    if (!options.includeDeleted) query.deletedAt = null;
    const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const updated = await this.resumes
      .findOneAndUpdate(query, { $set: set }, { returnDocument: 'after' })
      .lean<Resume>()
      .exec();
    return updated ? toResume(updated) : null;
  }

  /** Deletes the resume, every version and every artifact. */
  async purge(ownerId: string, id: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const scope = { resumeId: oid(id), ownerId: oid(ownerId) };
    const { deletedCount } = await this.resumes.deleteOne({ _id: oid(id), ownerId: oid(ownerId) }).exec();
    if (deletedCount === 0) return false;
    await Promise.all([this.versions.deleteMany(scope).exec(), this.artifacts.deleteMany(scope).exec()]);
    return true;
  }

  async insertVersion(ownerId: string, version: NewVersion): Promise<VersionRecord> {
    try {
      const created = await this.versions.create({
        ...version,
        resumeId: oid(version.resumeId),
        ownerId: oid(ownerId),
      });
      return toVersion(created.toObject());
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new VersionConflictError(String(version.number));
      throw error;
    }
  }

  /** The version a generation job wrote, if any. */
  async findVersionByGeneration(ownerId: string, generationId: string): Promise<VersionRecord | null> {
    const found = await this.versions
      .findOne({ ownerId: oid(ownerId), generationId })
      .lean<ResumeVersion>()
      .exec();
    return found ? toVersion(found) : null;
  }

  async findVersion(ownerId: string, resumeId: string, number: number): Promise<VersionRecord | null> {
    if (!isValidObjectId(resumeId)) return null;
    const found = await this.versions
      .findOne({ resumeId: oid(resumeId), ownerId: oid(ownerId), number })
      .lean<ResumeVersion>()
      .exec();
    return found ? toVersion(found) : null;
  }

  /** The latest version of a resume. */
  async latestVersion(ownerId: string, resumeId: string): Promise<VersionRecord | null> {
    if (!isValidObjectId(resumeId)) return null;
    const found = await this.versions
      .findOne({ resumeId: oid(resumeId), ownerId: oid(ownerId) })
      .sort({ number: -1 })
      .lean<ResumeVersion>()
      .exec();
    return found ? toVersion(found) : null;
  }

  /** The latest version of each resume (without documents), in one query. */
  async latestVersionsOf(ownerId: string, resumes: ResumeRecord[]): Promise<Map<string, VersionRecord>> {
    if (resumes.length === 0) return new Map();
    const rows = await this.versions
      .find(
        {
          ownerId: oid(ownerId),
          resumeId: { $in: resumes.map((r) => oid(r.id)) },
        },
        { documentJson: 0 },
      )
      .lean<ResumeVersion[]>()
      .exec();
    const latest = new Map<string, VersionRecord>();
    for (const row of rows) {
      const version = toVersion({ ...row, documentJson: '' });
      if ((latest.get(version.resumeId)?.number ?? 0) < version.number) latest.set(version.resumeId, version);
    }
    return latest;
  }

  async listVersions(
    ownerId: string,
    resumeId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<VersionRecord[]> {
    const query: QueryFilter<ResumeVersion> = { resumeId: oid(resumeId), ownerId: oid(ownerId) };
    if (cursor) query._id = { $lt: oid(cursor) };
    const rows = await this.versions
      .find(query, { documentJson: 0 })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<ResumeVersion[]>()
      .exec();
    return rows.map((row) => toVersion({ ...row, documentJson: '' }));
  }

  async insertArtifacts(ownerId: string, resumeId: string, artifacts: NewArtifact[]): Promise<void> {
    if (artifacts.length === 0) return;
    await this.artifacts.insertMany(
      artifacts.map((artifact) => ({ ...artifact, ownerId: oid(ownerId), resumeId: oid(resumeId) })),
    );
  }

  /**
   * Inserts or replaces the artifacts of one render (one row per resume, version and kind). Every row keeps
   * the highest `renderSeq` written to it, so of two renders racing, the later-started one wins every row and
   * TeX and PDF always come from the same render. False when a later render had already replaced them.
   */
  async upsertArtifacts(
    ownerId: string,
    resumeId: string,
    artifacts: NewArtifact[],
    renderSeq: number,
  ): Promise<boolean> {
    let applied = true;
    for (const artifact of artifacts) {
      const key = {
        resumeId: oid(resumeId),
        ownerId: oid(ownerId),
        version: artifact.version,
        kind: artifact.kind,
      };
      const older = { ...key, $or: [{ renderSeq: { $lt: renderSeq } }, { renderSeq: null }] };
      try {
        await this.artifacts
          .updateOne(older, { $set: { ...artifact, ...key, renderSeq } }, { upsert: true })
          .exec();
      } catch (error) {
        // The row exists with a later render (the filter did not match it, so the upsert tried to insert).
        if ((error as { code?: number }).code !== 11000) throw error;
        applied = false;
      }
    }
    return applied;
  }

  async findArtifact(
    ownerId: string,
    resumeId: string,
    version: number,
    kind: ArtifactKind,
  ): Promise<ArtifactRecord | null> {
    if (!isValidObjectId(resumeId)) return null;
    const found = await this.artifacts
      .findOne({ resumeId: oid(resumeId), ownerId: oid(ownerId), version, kind })
      .lean<ResumeArtifact>()
      .exec();
    return found ? toArtifact(found, true) : null;
  }

  async listArtifacts(ownerId: string, resumeId: string, version: number): Promise<ArtifactRecord[]> {
    const rows = await this.artifacts
      .find({ resumeId: oid(resumeId), ownerId: oid(ownerId), version }, { data: 0 })
      .lean<ResumeArtifact[]>()
      .exec();
    return rows.map((row) => toArtifact(row, false));
  }
}

function toResume(row: Resume): ResumeRecord {
  return {
    id: row._id.toString(),
    ownerId: row.ownerId.toString(),
    title: row.title,
    tags: [...(row.tags ?? [])],
    targetCompany: row.targetCompany ?? null,
    targetRole: row.targetRole ?? null,
    archivedAt: row.archivedAt ?? null,
    deletedAt: row.deletedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toVersion(row: ResumeVersion): VersionRecord {
  return {
    id: row._id.toString(),
    resumeId: row.resumeId.toString(),
    number: row.number,
    documentJson: row.documentJson,
    hash: row.hash,
    source: row.source,
    reason: row.reason ?? null,
    author: { userId: row.author.userId, keyPrefix: row.author.keyPrefix ?? null },
    createdAt: row.createdAt,
    generationId: row.generationId ?? null,
    renderOptions: row.renderOptions ?? null,
  };
}

function toArtifact(row: ResumeArtifact, withData: boolean): ArtifactRecord {
  const data = row.data as unknown as Buffer | { buffer: Buffer };
  return {
    kind: row.kind,
    version: row.version,
    contentType: row.contentType,
    filename: row.filename,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt,
    render: row.render ?? null,
    ...(withData ? { data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer) } : {}),
  };
}
