import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** Render options a version prefers (see `renderOptions`). */
export interface VersionRenderOptions {
  template?: string;
  paper?: string;
  maxPages?: number;
}

export const VERSION_SOURCES = ['manual', 'generation', 'import'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/**
 * One immutable version of a resume. The document is stored as its canonical JSON text, so reading a
 * version returns the same bytes forever; nothing ever updates a version (the repository cannot).
 */
@Schema({ collection: 'resume_versions', versionKey: false })
export class ResumeVersion {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) resumeId!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ required: true }) number!: number;
  @Prop({ required: true }) documentJson!: string;
  /** SHA-256 of `documentJson`. */
  @Prop({ required: true }) hash!: string;
  @Prop({ type: String, required: true, enum: VERSION_SOURCES }) source!: VersionSource;
  @Prop({ type: String, default: null }) reason!: string | null;
  @Prop({ type: Object, required: true }) author!: { userId: string; keyPrefix: string | null };
  @Prop({ required: true }) createdAt!: Date;
  /** The generation job that wrote this version (so a retried job finds it instead of writing another). */
  @Prop({ type: String, default: null }) generationId!: string | null;
  /** How its TeX and PDF are rendered on first download (a generation's template and paper); null: defaults. */
  @Prop({ type: Object, default: null }) renderOptions!: VersionRenderOptions | null;
}

export const ResumeVersionSchema = SchemaFactory.createForClass(ResumeVersion);
/** The lock that makes concurrent edits safe: only one writer can create version N+1. */
ResumeVersionSchema.index({ resumeId: 1, number: 1 }, { unique: true });
ResumeVersionSchema.index({ ownerId: 1, resumeId: 1, _id: -1 });
ResumeVersionSchema.index({ ownerId: 1, generationId: 1 });
