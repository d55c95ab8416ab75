import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** What a list shows of an analysis without parsing it. */
export interface JobAnalysisSummary {
  seniority: string;
  minYears: number | null;
  mustSkills: string[];
  niceSkills: string[];
}

/**
 * One owner's analysis of a job description: the request's metadata, the description's hash (the cache
 * key) and the analysis itself as JSON. The cache (libs/cache, namespace `job-analyses`) holds analyses
 * by hash for every owner; this collection holds who asked for what.
 */
@Schema({ collection: 'job_analyses', timestamps: { createdAt: true, updatedAt: false }, versionKey: false })
export class JobAnalysisEntity {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ type: String, default: null }) title!: string | null;
  @Prop({ type: String, default: null }) company!: string | null;
  @Prop({ type: String, default: null }) url!: string | null;
  @Prop({ required: true }) textHash!: string;
  @Prop({ required: true }) cached!: boolean;
  @Prop({ required: true }) resultJson!: string;
  @Prop({ type: Object, required: true }) summary!: JobAnalysisSummary;
  createdAt!: Date;
}

export const JobAnalysisSchema = SchemaFactory.createForClass(JobAnalysisEntity);
JobAnalysisSchema.index({ ownerId: 1, _id: -1 });
