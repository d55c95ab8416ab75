import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, type QueryFilter, Types, isValidObjectId } from 'mongoose';

import { type ApplicationEvent, type TimelineEventType } from './application-event.schema';
import { type ApplicationStatus } from './application-status';
import { type ApplicationState } from './application.repository';

export interface TimelineEventRecord {
  id: string;
  type: TimelineEventType;
  from: ApplicationStatus | null;
  to: ApplicationStatus | null;
  note: string | null;
  at: Date;
  recordedAt: Date;
  actor: { userId: string; keyPrefix: string };
}

export interface NewTimelineEvent extends Omit<TimelineEventRecord, 'id'> {
  applicationId: string;
  ownerId: string;
  /** Unique per application; notes get `n:<their id>` when none is given. */
  key?: string;
  /** Status events: the application's status fields after the change. */
  state?: ApplicationState;
}

export interface RecordedStateChange {
  state: ApplicationState;
  recordedAt: Date;
}

export interface TimelinePageFilter {
  order: 'asc' | 'desc';
  cursor?: string;
  limit: number;
}

/** The key of the status event that moves an application on from state version `version`. */
export const stateEventKey = (version: number) => `s:${version}`;

/** Another event with the same key exists: another status change was recorded on the same state first. */
export class DuplicateEventKeyError extends Error {}

/** Timeline events of applications, always scoped by application and owner. */
@Injectable()
export class ApplicationEventRepository implements OnModuleInit {
  constructor(@InjectModel('ApplicationEvent') private readonly events: Model<ApplicationEvent>) {}

  /** The unique key index serialises status changes: it must exist before the first one. */
  async onModuleInit(): Promise<void> {
    await this.events.init();
  }

  async insert(event: NewTimelineEvent): Promise<TimelineEventRecord> {
    const _id = new Types.ObjectId();
    try {
      const created = await this.events.create({
        _id,
        applicationId: new Types.ObjectId(event.applicationId),
        ownerId: new Types.ObjectId(event.ownerId),
        key: event.key ?? `n:${_id.toString()}`,
        type: event.type,
        from: event.from,
        to: event.to,
        note: event.note,
        at: event.at,
        recordedAt: event.recordedAt,
        actor: { userId: new Types.ObjectId(event.actor.userId), keyPrefix: event.actor.keyPrefix },
        state: event.state ?? null,
      });
      return toRecord(created.toObject());
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new DuplicateEventKeyError(event.key);
      throw error;
    }
  }

  /** The status change recorded from state version `version`, if any. */
  async stateChange(
    ownerId: string,
    applicationId: string,
    version: number,
  ): Promise<RecordedStateChange | null> {
    const filter = ownedFilter(ownerId, applicationId);
    if (!filter) return null;
    const found = await this.events
      .findOne({ ...filter, key: stateEventKey(version) }, { state: 1, recordedAt: 1 })
      .lean<Pick<ApplicationEvent, 'state' | 'recordedAt'>>()
      .exec();
    if (!found?.state) return null;
    const state = found.state;
    return {
      recordedAt: found.recordedAt,
      state: {
        status: state.status,
        statusBeforeClose: state.statusBeforeClose ?? null,
        statusChangedAt: state.statusChangedAt ?? null,
        appliedAt: state.appliedAt ?? null,
        firstResponseAt: state.firstResponseAt ?? null,
        closedAt: state.closedAt ?? null,
      },
    };
  }

  /**
   * A page of an application's timeline ordered by `at`, ties by id (recording order), `limit + 1` rows.
   * The cursor is the id of the previous page's last event; an unknown one gives an empty page.
   */
  async page(
    ownerId: string,
    applicationId: string,
    page: TimelinePageFilter,
  ): Promise<TimelineEventRecord[]> {
    const filter = ownedFilter(ownerId, applicationId);
    if (!filter) return [];
    const query: QueryFilter<ApplicationEvent> = { ...filter };
    const direction = page.order === 'asc' ? 1 : -1;
    if (page.cursor) {
      const after = await this.events
        .findOne({ ...filter, _id: new Types.ObjectId(page.cursor) }, { at: 1 })
        .lean<Pick<ApplicationEvent, '_id' | 'at'>>()
        .exec();
      if (!after) return [];
      const beyond = direction === 1 ? '$gt' : '$lt';
      query.$or = [{ at: { [beyond]: after.at } }, { at: after.at, _id: { [beyond]: after._id } }];
    }
    const rows = await this.events
      .find(query, { state: 0, key: 0 })
      .sort({ at: direction, _id: direction })
      .limit(page.limit + 1)
      .lean<ApplicationEvent[]>()
      .exec();
    return rows.map(toRecord);
  }

  async deleteForApplication(ownerId: string, applicationId: string): Promise<void> {
    const filter = ownedFilter(ownerId, applicationId);
    if (filter) await this.events.deleteMany(filter).exec();
  }
}

function ownedFilter(ownerId: string, applicationId: string): QueryFilter<ApplicationEvent> | null {
  if (!isValidObjectId(ownerId) || !isValidObjectId(applicationId)) return null;
  return { applicationId: new Types.ObjectId(applicationId), ownerId: new Types.ObjectId(ownerId) };
}

function toRecord(event: ApplicationEvent): TimelineEventRecord {
  return {
    id: event._id.toString(),
    type: event.type,
    from: event.from ?? null,
    to: event.to ?? null,
    note: event.note ?? null,
    at: event.at,
    recordedAt: event.recordedAt,
    actor: { userId: event.actor.userId.toString(), keyPrefix: event.actor.keyPrefix },
  };
}
