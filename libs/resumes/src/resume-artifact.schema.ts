import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const ARTIFACT_KINDS = ['markdown', 'json-resume', 'tex', 'pdf'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];
/** The artifacts made by rendering (on first download, or `POST …/render` with chosen options). */
export const RENDERED_KINDS: readonly ArtifactKind[] = ['tex', 'pdf'];

/** How a TeX or PDF artifact was rendered. */
export interface ArtifactRenderInfo {
  template: string;
  templateVersion: string;
  paper: string;
  showEvidence: boolean;
  accentColor?: string;
  pages: number;
}

/**
 * A file derived from one version (Markdown and JSON Resume at write time; TeX and PDF when rendered, and
 * replaced when the version is rendered again with other options: the version's document never changes).
 * Stored as a binary field: well under MongoDB's 16 MB document limit, and FerretDB supports it (GridFS
 * would add a second collection pair for no gain at these sizes).
 */
@Schema({ collection: 'resume_artifacts', versionKey: false })
export class ResumeArtifact {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) resumeId!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ required: true }) version!: number;
  @Prop({ type: String, required: true, enum: ARTIFACT_KINDS }) kind!: ArtifactKind;
  @Prop({ required: true }) contentType!: string;
  @Prop({ required: true }) filename!: string;
  @Prop({ type: Buffer, required: true }) data!: Buffer;
  @Prop({ required: true }) size!: number;
  /** SHA-256 of the bytes: the strong ETag. */
  @Prop({ required: true }) sha256!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: Object, default: null }) render!: ArtifactRenderInfo | null;
  /** Orders renders of one version: a row only takes a render started later than the one it holds. */
  @Prop({ type: Number, default: null }) renderSeq!: number | null;
}

export const ResumeArtifactSchema = SchemaFactory.createForClass(ResumeArtifact);
ResumeArtifactSchema.index({ resumeId: 1, version: 1, kind: 1 }, { unique: true });
ResumeArtifactSchema.index({ ownerId: 1, resumeId: 1 });
