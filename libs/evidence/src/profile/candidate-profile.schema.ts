import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** What a stored profile was built from (the source data itself is kept in `sourcesJson`). */
export interface StoredSources {
  github: { username: string; includeForks: boolean; fetchedAt: Date } | null;
  linkedin: { importedAt: Date; files: string[] } | null;
  jsonResume: { importedAt: Date } | null;
}

/** A few fields of the profile for lists, so a list never parses the profiles. */
export interface ProfileSummary {
  name: string | null;
  headline: string | null;
  skillCount: number;
  projectCount: number;
  positionCount: number;
  topSkills: string[];
}

/**
 * A candidate profile of an owner: the source data it was built from (GitHub snapshot, LinkedIn export,
 * JSON Resume) as gzipped JSON, and the built CandidateProfile as JSON. Both are serialised: their keys are
 * data (language names such as `C++`, JSON pointers) that MongoDB field names could not always hold. The
 * sources are compressed because READMEs dominate them (up to GITHUB_README_MAX_BYTES per repository) and
 * text compresses several times over, which keeps a prolific GitHub user far below MongoDB's 16 MB limit.
 * `revision` counts rebuilds; an update is applied only to the revision it was based on.
 */
@Schema({ collection: 'candidate_profiles', timestamps: true, versionKey: false })
export class CandidateProfileEntity {
  _id!: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  @Prop({ type: String, default: null }) label!: string | null;
  @Prop({ type: Object, required: true }) sources!: StoredSources;
  @Prop({ type: Buffer, required: true }) sourcesGzip!: Buffer;
  @Prop({ required: true }) profileJson!: string;
  @Prop({ type: Object, required: true }) summary!: ProfileSummary;
  @Prop({ required: true }) revision!: number;
  @Prop({ required: true }) builtAt!: Date;
  createdAt!: Date;
  updatedAt!: Date;
}

export const CandidateProfileSchema = SchemaFactory.createForClass(CandidateProfileEntity);
CandidateProfileSchema.index({ ownerId: 1, _id: -1 });
