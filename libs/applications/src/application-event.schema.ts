import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

import { APPLICATION_STATUSES, type ApplicationStatus } from './application-status';

export const TIMELINE_EVENT_TYPES = ['created', 'status_changed', 'reopened', 'note'] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

@Schema({ _id: false })
export class EventActor {
  @Prop({ type: Types.ObjectId, required: true }) userId!: Types.ObjectId;
  /** The API key's visible prefix (never the secret). */
  @Prop({ required: true }) keyPrefix!: string;
}

/** The application's status fields after a status change: re-applied if the application missed it. */
@Schema({ _id: false })
export class ApplicationStateSnapshot {
  @Prop({ type: String, required: true, enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @Prop({ type: String, enum: [...APPLICATION_STATUSES, null], default: null })
  statusBeforeClose!: ApplicationStatus | null;
  @Prop({ type: Date, default: null }) statusChangedAt!: Date | null;
  @Prop({ type: Date, default: null }) appliedAt!: Date | null;
  @Prop({ type: Date, default: null }) firstResponseAt!: Date | null;
  @Prop({ type: Date, default: null }) closedAt!: Date | null;
}

/**
 * One timeline event of an application, in a collection of its own rather than embedded in the
 * application: FerretDB v1 applies an update by reading the document and writing all of it back, so
 * concurrent updates of one document lose each other's changes (embedded notes went missing under
 * concurrent PATCHes in testing). Inserts never do, and the unique `(applicationId, key)` index is enforced
 * by the database on both backends: status events use the key `s:<stateVersion>`, so of two concurrent
 * changes decided on the same state only one can be recorded.
 */
@Schema({ collection: 'application_events', versionKey: false })
export class ApplicationEvent {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true }) applicationId!: Types.ObjectId;
  /** The owner of the application (every query is scoped by it too). */
  @Prop({ type: Types.ObjectId, required: true }) ownerId!: Types.ObjectId;
  /** Unique per application: `created`, `s:<stateVersion>` for status events, `n:<event id>` for notes. */
  @Prop({ required: true }) key!: string;
  @Prop({ type: String, required: true, enum: TIMELINE_EVENT_TYPES }) type!: TimelineEventType;
  @Prop({ type: String, enum: [...APPLICATION_STATUSES, null], default: null })
  from!: ApplicationStatus | null;
  @Prop({ type: String, enum: [...APPLICATION_STATUSES, null], default: null }) to!: ApplicationStatus | null;
  @Prop({ type: String, default: null }) note!: string | null;
  /** When it happened (client-supplied within bounds, see event-time.policy.ts). */
  @Prop({ type: Date, required: true }) at!: Date;
  /** When the server recorded it. */
  @Prop({ type: Date, required: true }) recordedAt!: Date;
  @Prop({ type: EventActor, required: true }) actor!: EventActor;
  /** Status events: the application's status fields after the change. */
  @Prop({ type: ApplicationStateSnapshot, default: null }) state!: ApplicationStateSnapshot | null;
}

export const ApplicationEventSchema = SchemaFactory.createForClass(ApplicationEvent);
ApplicationEventSchema.index({ applicationId: 1, key: 1 }, { unique: true });
ApplicationEventSchema.index({ applicationId: 1, at: 1, _id: 1 });
