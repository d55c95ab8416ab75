import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const GENERATION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
export const TERMINAL_STATUSES: readonly GenerationStatus[] = ['succeeded', 'failed', 'cancelled'];

export const GENERATION_STEPS = [
  'evidence',
  'analysis',
  'match',
  'draft',
  'factCheck',
  'render',
  'atsCheck',
  'store',
] as const;
export type GenerationStep = (typeof GENERATION_STEPS)[number];

/** What the client asked for (validated), kept as given. */
export interface GenerationInput {
  candidate: { profileId?: string; githubUsername?: string };
  job: { analysisId?: string; description?: string; title?: string; company?: string; url?: string };
  provider?: string;
  template: string;
  paper: string;
  maxPages: number;
  resumeId?: string;
  title?: string;
  reuse: boolean;
}

export interface StepTiming {
  step: GenerationStep;
  startedAt: Date;
  durationMs: number;
  attempt: number;
}

/**
 * One generation job. Only the job's runner writes it while it runs (FerretDB applies updates by reading
 * and writing back the whole document, so a second writer could lose updates); cancellation is asked through
 * Redis and applied by the runner, or here directly while the job is still queued.
 */
@Schema({ collection: 'generations', timestamps: true, versionKey: false })
export class GenerationEntity {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ type: Object, required: true }) author!: { userId: string; keyPrefix: string | null; role: string };
  @Prop({ type: String, required: true }) status!: GenerationStatus;
  @Prop({ type: String, default: null }) step!: GenerationStep | null;
  @Prop({ required: true }) progress!: number;
  @Prop({ type: Object, required: true }) input!: GenerationInput;
  @Prop({ type: String, default: null }) batchId!: string | null;
  @Prop({ type: String, default: null }) inputHash!: string | null;
  @Prop({ type: String, default: null }) reusedFrom!: string | null;
  /** The job's title and company as resolved (from the analysis when the request named one). */
  @Prop({ type: Object, default: null }) target!: { title: string | null; company: string | null } | null;
  @Prop({ type: [Object], default: [] }) timings!: StepTiming[];
  @Prop({ type: Object, default: null }) match!: Record<string, unknown> | null;
  @Prop({ type: Object, default: null }) factCheck!: Record<string, unknown> | null;
  @Prop({ type: Object, default: null }) ats!: Record<string, unknown> | null;
  @Prop({ type: Object, default: null }) degraded!: { reason: string; from: string } | null;
  @Prop({ type: Object, default: null }) llm!: {
    provider: string;
    model: string;
    promptVersion: string;
    usage: { inputTokens: number; outputTokens: number; totalTokens: number };
    attempts: number;
    repaired: boolean;
  } | null;
  @Prop({ type: Object, default: null }) result!: { resumeId: string; version: number; pages: number } | null;
  @Prop({ type: Object, default: null }) error!: Record<string, unknown> | null;
  @Prop({ type: Date, default: null }) startedAt!: Date | null;
  @Prop({ type: Date, default: null }) finishedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const GenerationSchema = SchemaFactory.createForClass(GenerationEntity);
GenerationSchema.index({ ownerId: 1, _id: -1 });
GenerationSchema.index({ ownerId: 1, batchId: 1 });
GenerationSchema.index({ ownerId: 1, inputHash: 1, status: 1 });

/** One event of a generation, in order (`seq` from 1): what `GET …/events` streams. Insert-only. */
@Schema({ collection: 'generation_events', versionKey: false })
export class GenerationEventEntity {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) generationId!: Types.ObjectId;
  @Prop({ required: true }) seq!: number;
  @Prop({ type: String, required: true }) type!: string;
  @Prop({ type: Object, required: true }) data!: Record<string, unknown>;
  @Prop({ required: true }) at!: Date;
}

export const GenerationEventSchema = SchemaFactory.createForClass(GenerationEventEntity);
GenerationEventSchema.index({ generationId: 1, seq: 1 }, { unique: true });
