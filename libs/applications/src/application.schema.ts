import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

import { APPLICATION_STATUSES, type ApplicationStatus } from './application-status';

export const APPLICATION_SOURCES = [
  'linkedin',
  'referral',
  'company-site',
  'job-board',
  'recruiter',
  'other',
] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];

export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

@Schema({ _id: false })
export class SalaryRange {
  @Prop({ type: Number }) min?: number;
  @Prop({ type: Number }) max?: number;
  /** ISO 4217, upper case. */
  @Prop({ required: true }) currency!: string;
  @Prop({ type: String, required: true, enum: SALARY_PERIODS }) period!: SalaryPeriod;
}

/** The resume version that was sent (ids of the resumes library). */
@Schema({ _id: false })
export class ResumeRef {
  @Prop({ required: true }) resumeId!: string;
  @Prop({ required: true }) version!: number;
}

@Schema({ _id: false })
export class Contact {
  @Prop({ required: true }) name!: string;
  @Prop() email?: string;
  @Prop() role?: string;
  @Prop() phone?: string;
  @Prop() linkedinUrl?: string;
}

/**
 * A job application. Its timeline lives in `application_events` (application-event.schema.ts). The status
 * fields are a materialised view of the latest status event. Timestamps come from the injected Clock (not
 * mongoose's own), so `createdAt` and the `created` event's `at` are the same instant.
 */
@Schema({ collection: 'applications', versionKey: false })
export class Application {
  _id!: Types.ObjectId;

  /** The user the application belongs to (owner scope of every query). */
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ required: true }) company!: string;
  @Prop({ required: true }) role!: string;
  @Prop({ type: String, default: null }) jobUrl!: string | null;
  @Prop({ type: String, default: null }) jobDescription!: string | null;
  /** Id of a job analysis (job-analysis library, later). */
  @Prop({ type: String, default: null }) jobAnalysisId!: string | null;
  @Prop({ type: String, default: null }) location!: string | null;
  @Prop({ type: SalaryRange, default: null }) salary!: SalaryRange | null;
  @Prop({ type: String, enum: [...APPLICATION_SOURCES, null], default: null })
  source!: ApplicationSource | null;
  @Prop({ type: ResumeRef, default: null }) resume!: ResumeRef | null;
  @Prop({ type: [Contact], default: [] }) contacts!: Contact[];
  @Prop({ type: String, default: null }) notes!: string | null;
  @Prop({ type: [String], default: [] }) tags!: string[];
  @Prop({ type: Date, default: null }) followUpAt!: Date | null;

  @Prop({ type: String, required: true, enum: APPLICATION_STATUSES, default: 'draft' })
  status!: ApplicationStatus;
  /** The open status the application had when it closed: where reopen takes it. */
  @Prop({ type: String, enum: [...APPLICATION_STATUSES, null], default: null })
  statusBeforeClose!: ApplicationStatus | null;
  /** `at` of the latest status change or reopen. */
  @Prop({ type: Date, default: null }) statusChangedAt!: Date | null;
  @Prop({ type: Date, default: null }) appliedAt!: Date | null;
  @Prop({ type: Date, default: null }) firstResponseAt!: Date | null;
  @Prop({ type: Date, default: null }) closedAt!: Date | null;

  /**
   * How many status changes (transitions, reopenings) were applied. The next change claims the timeline
   * event key `s:<stateVersion>` (unique per application), which is what serialises concurrent changes.
   */
  @Prop({ type: Number, required: true, default: 0 }) stateVersion!: number;

  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const ApplicationSchema = SchemaFactory.createForClass(Application);
ApplicationSchema.index({ ownerId: 1, _id: -1 });
ApplicationSchema.index({ ownerId: 1, status: 1, _id: -1 });
ApplicationSchema.index({ ownerId: 1, 'resume.resumeId': 1 });
