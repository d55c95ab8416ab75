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
 * One generation job: written when it is queued and once more with its final state. While it runs, its step,
 * progress, timings and reports live in Redis (GenerationProgressStore) and reads merge them in. Only the job's
 * runner finishes a running generation; cancellation is asked through Redis and applied by the runner, or here
 * directly while the job is still queued.
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
  /** The number of the final event in its event stream (which expires; this document keeps the final state). */
  @Prop({ type: Number, default: null }) finalEventSeq!: number | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const GenerationSchema = SchemaFactory.createForClass(GenerationEntity);
GenerationSchema.index({ ownerId: 1, _id: -1 });
GenerationSchema.index({ ownerId: 1, batchId: 1 });

/**
 * Which generation answers a reuse key (owner + inputs): the latest that succeeded from its own run without a
 * degraded result. Looked up by `_id` — the one filter FerretDB answers without decoding every document of a
 * collection — where a query on the generations themselves would decode them all.
 */
@Schema({ collection: 'generation_reuse', versionKey: false, timestamps: true })
export class GenerationReuseEntity {
  /** `<ownerId>:<inputHash>` */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ type: String, required: true }) generationId!: string;
}

export const GenerationReuseSchema = SchemaFactory.createForClass(GenerationReuseEntity);
