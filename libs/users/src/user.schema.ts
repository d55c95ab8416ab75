import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type Types } from 'mongoose';

export const TEMPLATES = ['classic', 'modern', 'compact'] as const;
export const PAGE_SIZES = ['letter', 'a4'] as const;
export const LLM_PROVIDERS = ['offline', 'gemini', 'openai-compatible'] as const;
export const ROLES = ['admin', 'user'] as const;

@Schema({ _id: false })
export class UserProfile {
  @Prop() githubUsername?: string;
  /** Stored normalised: https://www.linkedin.com/in/<slug> */
  @Prop() linkedinUrl?: string;
  @Prop() headline?: string;
  @Prop() location?: string;
  @Prop() website?: string;
}

@Schema({ _id: false })
export class UserPreferences {
  @Prop({ type: String, enum: TEMPLATES, default: 'classic' }) defaultTemplate!: (typeof TEMPLATES)[number];
  @Prop({ type: String, enum: PAGE_SIZES, default: 'letter' }) pageSize!: (typeof PAGE_SIZES)[number];
  @Prop({ type: String, enum: LLM_PROVIDERS, default: 'offline' })
  defaultLlmProvider!: (typeof LLM_PROVIDERS)[number];
}

@Schema({ collection: 'users', timestamps: true, versionKey: false })
export class User {
  _id!: Types.ObjectId;

  /** Lower-cased; unique. */
  @Prop({ required: true, unique: true, lowercase: true, trim: true }) email!: string;
  @Prop({ required: true, trim: true }) name!: string;
  @Prop({ type: String, required: true, enum: ROLES, default: 'user' }) role!: (typeof ROLES)[number];
  @Prop({ type: UserProfile, default: () => ({}) }) profile!: UserProfile;
  @Prop({ type: UserPreferences, default: () => ({}) }) preferences!: UserPreferences;
  /** Set when an admin deactivates the user: their keys stop working; nothing is deleted. */
  @Prop({ type: Date, default: null }) deactivatedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.index({ role: 1, _id: -1 });
