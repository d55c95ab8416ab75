import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** A resume: metadata and a pointer to its latest version. The content lives in immutable versions. */
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
  /** The highest version number written (kept with `$max`, so it never goes back). */
  @Prop({ required: true, default: 0 }) currentVersion!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ResumeSchema = SchemaFactory.createForClass(Resume);
ResumeSchema.index({ ownerId: 1, _id: -1 });
ResumeSchema.index({ ownerId: 1, tags: 1 });
