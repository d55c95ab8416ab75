import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * A resume: its metadata. The content lives in immutable versions; the latest one is found from the versions
 * (never from a counter here: FerretDB rewrites whole documents on update, so a counter could lose updates).
 */
@Schema({ collection: 'resumes', timestamps: true, versionKey: false })
export class Resume {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ required: true, trim: true }) title!: string;
  @Prop({ type: [String], default: [] }) tags!: string[];
  @Prop({ type: String, default: null }) targetCompany!: string | null;
  @Prop({ type: String, default: null }) targetRole!: string | null;
  @Prop({ type: Date, default: null }) archivedAt!: Date | null;
  /** Soft delete: hidden from reads and lists until restored or purged. */
  @Prop({ type: Date, default: null }) deletedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ResumeSchema = SchemaFactory.createForClass(Resume);
ResumeSchema.index({ ownerId: 1, _id: -1 });
ResumeSchema.index({ ownerId: 1, tags: 1 });
