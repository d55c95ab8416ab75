import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, type QueryFilter, Types, isValidObjectId } from 'mongoose';
import { containsIgnoringCase } from '@app/core';

import { type ApplicationStatus, CLOSED_STATUSES } from './application-status';
import {
  type Application,
  type ApplicationSource,
  type Contact,
  type ResumeRef,
  type SalaryRange,
} from './application.schema';

export interface SalaryRangeRecord {
  min?: number;
  max?: number;
  currency: string;
  period: SalaryRange['period'];
}

export interface ContactRecord {
  name: string;
  email?: string;
  role?: string;
  phone?: string;
  linkedinUrl?: string;
}

export interface ResumeRefRecord {
  resumeId: string;
  version: number;
}

/** The editable fields of an application (everything but status and its history). */
export interface ApplicationFields {
  company: string;
  role: string;
  jobUrl: string | null;
  jobDescription: string | null;
  jobAnalysisId: string | null;
  location: string | null;
  salary: SalaryRangeRecord | null;
  source: ApplicationSource | null;
  resume: ResumeRefRecord | null;
  contacts: ContactRecord[];
  notes: string | null;
  tags: string[];
  followUpAt: Date | null;
}

/** The status and its history, changed only by transitions and reopen. */
export interface ApplicationState {
  status: ApplicationStatus;
  statusBeforeClose: ApplicationStatus | null;
  statusChangedAt: Date | null;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}

export interface ApplicationRecord extends ApplicationFields, ApplicationState {
  id: string;
  ownerId: string;
  /** Status changes applied so far (see `Application.stateVersion`). */
  stateVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a list returns: everything but the long free-text fields and the contacts. */
export type ApplicationSummaryRecord = Omit<ApplicationRecord, 'jobDescription' | 'notes' | 'contacts'>;

export interface ApplicationListFilter {
  statuses?: ApplicationStatus[];
  /** Case-insensitive substring of the company. */
  company?: string;
  tag?: string;
  resumeId?: string;
  /** true: `followUpAt <= now` and still open; false: everything else. */
  followUpDue?: boolean;
  dateField: 'createdAt' | 'appliedAt';
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
  now: Date;
}

export interface ApplicationRange {
  dateField: 'createdAt' | 'appliedAt';
  from?: Date;
  to?: Date;
}

export interface StatsProjection {
  status: ApplicationStatus;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
}

/** Fields a list never returns. */
const LIST_EXCLUDED = { jobDescription: 0, notes: 0, contacts: 0 } as const;

/** Job applications, always scoped by their owner: another owner's application is as absent as an unknown id. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectModel('Application') private readonly applications: Model<Application>) {}

  async create(ownerId: string, fields: ApplicationFields, now: Date): Promise<ApplicationRecord> {
    const created = await this.applications.create({
      ...toStoredFields(fields),
      ownerId: new Types.ObjectId(ownerId),
      status: 'draft',
      stateVersion: 0,
      createdAt: now,
      updatedAt: now,
    });
    return toRecord(created.toObject());
  }

  async findById(ownerId: string, id: string): Promise<ApplicationRecord | null> {
    const filter = ownedFilter(ownerId, id);
    if (!filter) return null;
    const found = await this.applications.findOne(filter).lean<Application>().exec();
    return found ? toRecord(found) : null;
  }

  /** Sets the given fields (`undefined` = leave as is, `null` = clear); null when there is no such application. */
  async update(
    ownerId: string,
    id: string,
    changes: Partial<ApplicationFields>,
    now: Date,
  ): Promise<ApplicationRecord | null> {
    const filter = ownedFilter(ownerId, id);
    if (!filter) return null;
    const set: Record<string, unknown> = { updatedAt: now };
    for (const [key, value] of Object.entries(toStoredFields(changes))) {
      if (value !== undefined) set[key] = value;
    }
    // Only the given fields are set (FerretDB's findAndModify lacks options mongod has: update, then read).
    const result = await this.applications.updateOne(filter, { $set: set }, { runValidators: true }).exec();
    return result.matchedCount === 1 ? this.findById(ownerId, id) : null;
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    const filter = ownedFilter(ownerId, id);
    if (!filter) return false;
    const result = await this.applications.deleteOne(filter).exec();
    return result.deletedCount === 1;
  }

  async list(ownerId: string, filter: ApplicationListFilter): Promise<ApplicationSummaryRecord[]> {
    const query = rangeQuery(ownerId, filter);
    const and: QueryFilter<Application>[] = [];
    if (filter.statuses?.length) query.status = { $in: filter.statuses };
    if (filter.company) query.company = containsIgnoringCase(filter.company);
    if (filter.tag) query.tags = filter.tag;
    if (filter.resumeId) query['resume.resumeId'] = filter.resumeId;
    if (filter.followUpDue === true) {
      and.push({ followUpAt: { $ne: null, $lte: filter.now } }, { status: { $nin: CLOSED_STATUSES } });
    } else if (filter.followUpDue === false) {
      and.push({
        $or: [
          { followUpAt: null },
          { followUpAt: { $gt: filter.now } },
          { status: { $in: CLOSED_STATUSES } },
        ],
      });
    }
    if (filter.cursor) and.push({ _id: { $lt: new Types.ObjectId(filter.cursor) } });
    if (and.length) query.$and = and;
    const rows = await this.applications
      .find(query, LIST_EXCLUDED)
      .sort({ _id: -1 })
      .limit(filter.limit + 1)
      .lean<Application[]>()
      .exec();
    return rows.map((row) => {
      const { jobDescription: _description, notes: _notes, contacts: _contacts, ...summary } = toRecord(row);
      return summary;
    });
  }

  /**
   * Sets the status fields recorded by the status event of state version `fromVersion`, and moves the
   * version on, if the application is still at that version (else null: already applied, or no such
   * application). Applying the same recorded change twice is harmless: it sets the same values.
   */
  async applyState(
    ownerId: string,
    id: string,
    fromVersion: number,
    state: ApplicationState,
    now: Date,
  ): Promise<ApplicationRecord | null> {
    const filter = ownedFilter(ownerId, id);
    if (!filter) return null;
    const result = await this.applications
      .updateOne(
        { ...filter, stateVersion: fromVersion },
        { $set: { ...state, stateVersion: fromVersion + 1, updatedAt: now } },
      )
      .exec();
    return result.matchedCount === 1 ? this.findById(ownerId, id) : null;
  }

  /** Just what the statistics need, for every application of the owner in the range. */
  async statsRows(ownerId: string, range: ApplicationRange): Promise<StatsProjection[]> {
    const rows = await this.applications
      .find(rangeQuery(ownerId, range), { _id: 0, status: 1, appliedAt: 1, firstResponseAt: 1 })
      .lean<StatsProjection[]>()
      .exec();
    return rows.map((row) => ({
      status: row.status,
      appliedAt: row.appliedAt ?? null,
      firstResponseAt: row.firstResponseAt ?? null,
    }));
  }
}

function ownedFilter(ownerId: string, id: string): QueryFilter<Application> | null {
  if (!isValidObjectId(ownerId) || !isValidObjectId(id)) return null;
  return { _id: new Types.ObjectId(id), ownerId: new Types.ObjectId(ownerId) };
}

function rangeQuery(ownerId: string, range: ApplicationRange): QueryFilter<Application> {
  const query: QueryFilter<Application> = { ownerId: new Types.ObjectId(ownerId) };
  if (range.from || range.to) {
    const bounds: { $ne: null; $gte?: Date; $lt?: Date } = { $ne: null };
    if (range.from) bounds.$gte = range.from;
    if (range.to) bounds.$lt = range.to;
    query[range.dateField] = bounds;
  }
  return query;
}

function toStoredFields(fields: Partial<ApplicationFields>): Partial<
  Omit<Application, 'salary' | 'resume'>
> & {
  salary?: SalaryRange | null;
  resume?: ResumeRef | null;
} {
  return {
    ...fields,
    salary: fields.salary === undefined || fields.salary === null ? fields.salary : { ...fields.salary },
    resume: fields.resume === undefined || fields.resume === null ? fields.resume : { ...fields.resume },
    contacts: fields.contacts?.map((contact) => ({ ...contact })),
  };
}

function toRecord(app: Application): ApplicationRecord {
  return {
    id: app._id.toString(),
    ownerId: app.ownerId.toString(),
    company: app.company,
    role: app.role,
    jobUrl: app.jobUrl ?? null,
    jobDescription: app.jobDescription ?? null,
    jobAnalysisId: app.jobAnalysisId ?? null,
    location: app.location ?? null,
    salary: app.salary ? toSalaryRecord(app.salary) : null,
    source: app.source ?? null,
    resume: app.resume ? { resumeId: app.resume.resumeId, version: app.resume.version } : null,
    contacts: (app.contacts ?? []).map(toContactRecord),
    notes: app.notes ?? null,
    tags: [...(app.tags ?? [])],
    followUpAt: app.followUpAt ?? null,
    status: app.status,
    statusBeforeClose: app.statusBeforeClose ?? null,
    statusChangedAt: app.statusChangedAt ?? null,
    appliedAt: app.appliedAt ?? null,
    firstResponseAt: app.firstResponseAt ?? null,
    closedAt: app.closedAt ?? null,
    stateVersion: app.stateVersion ?? 0,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

function toSalaryRecord(salary: SalaryRange): SalaryRangeRecord {
  return {
    ...(salary.min !== undefined && salary.min !== null ? { min: salary.min } : {}),
    ...(salary.max !== undefined && salary.max !== null ? { max: salary.max } : {}),
    currency: salary.currency,
    period: salary.period,
  };
}

function toContactRecord(contact: Contact): ContactRecord {
  const record: ContactRecord = { name: contact.name };
  if (contact.email) record.email = contact.email;
  if (contact.role) record.role = contact.role;
  if (contact.phone) record.phone = contact.phone;
  if (contact.linkedinUrl) record.linkedinUrl = contact.linkedinUrl;
  return record;
}
