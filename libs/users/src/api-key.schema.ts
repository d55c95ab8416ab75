import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { SCOPES, type Scope } from '@app/core';

/** An API key. The secret is never stored: only its SHA-256 hash and its visible prefix. */
@Schema({ collection: 'api_keys', timestamps: true, versionKey: false })
export class ApiKey {
  _id!: Types.ObjectId;

  /** The user the key belongs to (owner scope of every query). */
  @Prop({ type: Types.ObjectId, required: true, index: true }) userId!: Types.ObjectId;
  @Prop({ required: true, trim: true }) name!: string;
  /** Visible part of the key, e.g. `llm_live_ab12cd34`: unique, used to look the key up. */
  @Prop({ required: true, unique: true }) prefix!: string;
  /** SHA-256 (hex) of the whole key; compared in constant time. */
  @Prop({ required: true }) hash!: string;
  @Prop({ type: [String], enum: SCOPES, required: true }) scopes!: Scope[];
  @Prop({ type: Date, default: null }) expiresAt!: Date | null;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
  @Prop({ type: Date, default: null }) lastUsedAt!: Date | null;
  @Prop({ type: Date, default: null }) rotatedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
ApiKeySchema.index({ userId: 1, _id: -1 });
