import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type QueryFilter, Types } from 'mongoose';

import { type JobAnalysisEntity, type JobAnalysisSummary } from './job-analysis.schema';

export interface JobAnalysisRecord {
  id: string;
  ownerId: string;
  title: string | null;
  company: string | null;
  url: string | null;
  textHash: string;
  cached: boolean;
  resultJson: string;
  summary: JobAnalysisSummary;
  createdAt: Date;
}

export type NewJobAnalysis = Omit<JobAnalysisRecord, 'id' | 'ownerId' | 'createdAt'>;
export type JobAnalysisSummaryRecord = Omit<JobAnalysisRecord, 'resultJson'>;

const oid = (id: string) => new Types.ObjectId(id);

/** Job analyses; every query is scoped by owner (another owner's analysis is not found). */
@Injectable()
export class JobAnalysisRepository {
  constructor(@InjectModel('JobAnalysis') private readonly analyses: Model<JobAnalysisEntity>) {}

  async create(ownerId: string, analysis: NewJobAnalysis): Promise<JobAnalysisRecord> {
    const created = await this.analyses.create({ ...analysis, ownerId: oid(ownerId) });
    return toRecord(created.toObject());
  }

  async findById(ownerId: string, id: string): Promise<JobAnalysisRecord | null> {
    if (!isValidObjectId(id)) return null;
    const found = await this.analyses
      .findOne({ _id: oid(id), ownerId: oid(ownerId) })
      .lean<JobAnalysisEntity>()
      .exec();
    return found ? toRecord(found) : null;
  }

  /** Newest first; `limit + 1` rows (see toCursorPage). */
  async list(ownerId: string, page: { cursor?: string; limit: number }): Promise<JobAnalysisSummaryRecord[]> {
    const query: QueryFilter<JobAnalysisEntity> = { ownerId: oid(ownerId) };
    if (page.cursor) query._id = { $lt: oid(page.cursor) };
    const rows = await this.analyses
      .find(query, { resultJson: 0 })
      .sort({ _id: -1 })
      .limit(page.limit + 1)
      .lean<JobAnalysisEntity[]>()
      .exec();
    return rows.map(toSummaryRecord);
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isValidObjectId(id)) return false;
    const { deletedCount } = await this.analyses.deleteOne({ _id: oid(id), ownerId: oid(ownerId) }).exec();
    return deletedCount > 0;
  }
}

function toSummaryRecord(row: JobAnalysisEntity): JobAnalysisSummaryRecord {
  return {
    id: row._id.toHexString(),
    ownerId: row.ownerId.toHexString(),
    title: row.title ?? null,
    company: row.company ?? null,
    url: row.url ?? null,
    textHash: row.textHash,
    cached: row.cached,
    summary: row.summary,
    createdAt: row.createdAt,
  };
}

function toRecord(row: JobAnalysisEntity): JobAnalysisRecord {
  return { ...toSummaryRecord(row), resultJson: row.resultJson };
}
