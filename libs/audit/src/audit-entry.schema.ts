import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument, Schema as MongooseSchema, type Types } from 'mongoose';

/** Who made the request: the API key's user and visible prefix (absent when no valid key was presented). */
@Schema({ _id: false })
export class AuditEntryActor {
  @Prop({ type: String })
  userId?: string;

  @Prop({ type: String })
  keyPrefix?: string;

  @Prop({ type: String, enum: ['admin', 'user'] })
  role?: 'admin' | 'user';
}

/** What the request acted on. */
@Schema({ _id: false })
export class AuditEntryResource {
  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: String })
  id?: string;
}

/** One field the request set; `value` only for small, scalar, non-secret fields. */
@Schema({ _id: false })
export class AuditEntryFieldChange {
  @Prop({ type: String, required: true })
  field!: string;

  @Prop({ type: MongooseSchema.Types.Mixed })
  value?: string | number | boolean | null;

  @Prop({ type: Boolean })
  redacted?: boolean;

  @Prop({ type: Number })
  size?: number;
}

/** Summary of the request body: which fields it set, never whole payloads or secrets. */
@Schema({ _id: false })
export class AuditEntryChanges {
  @Prop({ type: [SchemaFactory.createForClass(AuditEntryFieldChange)], default: [] })
  fields!: AuditEntryFieldChange[];

  @Prop({ type: Number })
  bodyBytes?: number;

  @Prop({ type: Boolean, default: false })
  truncated!: boolean;
}

/**
 * One audited request (every mutating request: POST, PUT, PATCH, DELETE). Written in batches by
 * `AuditWriterService`; never updated. No TTL index (FerretDB has none): `AuditPurgeJob` enforces retention.
 */
@Schema({ collection: 'audit_log', versionKey: false, timestamps: false })
export class AuditEntry {
  @Prop({ type: SchemaFactory.createForClass(AuditEntryActor), default: {} })
  actor!: AuditEntryActor;

  /** `api_key.create` (from `@AuditAction`) or derived as `METHOD /route/:pattern`. */
  @Prop({ type: String, required: true })
  action!: string;

  @Prop({ type: SchemaFactory.createForClass(AuditEntryResource), required: true })
  resource!: AuditEntryResource;

  @Prop({ type: String, required: true })
  requestId!: string;

  @Prop({ type: String, required: true })
  ip!: string;

  @Prop({ type: String })
  userAgent?: string;

  @Prop({ type: String, required: true })
  method!: string;

  /** The route pattern, e.g. `/api/v1/api-keys/:id/revoke`. */
  @Prop({ type: String, required: true })
  route!: string;

  /** The concrete path, without the query string. */
  @Prop({ type: String, required: true })
  path!: string;

  /** The HTTP status of the response that was sent. */
  @Prop({ type: Number, required: true })
  status!: number;

  @Prop({ type: Number, required: true })
  durationMs!: number;

  @Prop({ type: SchemaFactory.createForClass(AuditEntryChanges) })
  changes?: AuditEntryChanges;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export type AuditEntryDocument = HydratedDocument<AuditEntry> & { _id: Types.ObjectId };

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);

// Lists are newest first by _id; each filter has an index that serves it in that order.
AuditEntrySchema.index({ createdAt: 1 }); // time range, and the retention purge
AuditEntrySchema.index({ 'actor.userId': 1, _id: -1 }); // a user's own entries (and the admin actor filter)
AuditEntrySchema.index({ action: 1, _id: -1 });
AuditEntrySchema.index({ 'resource.type': 1, 'resource.id': 1, _id: -1 });
AuditEntrySchema.index({ status: 1, _id: -1 });
