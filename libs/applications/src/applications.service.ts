import { Injectable } from '@nestjs/common';
import { Clock, type CursorPage, type Principal, toCursorPage } from '@app/core';

import { computeApplicationStats } from './application-stats';
import {
  RESPONSE_STATUSES,
  allowedTransitions,
  canTransition,
  isClosed,
  reopenTargetOf,
} from './application-status';
import {
  ApplicationEventRepository,
  DuplicateEventKeyError,
  type NewTimelineEvent,
  type TimelineEventRecord,
  stateEventKey,
} from './application-event.repository';
import {
  type ApplicationFields,
  type ApplicationRecord,
  ApplicationRepository,
  type ApplicationState,
  type ApplicationSummaryRecord,
} from './application.repository';
import {
  applicationNotFound,
  concurrentChange,
  invalidEventTime,
  invalidTransition,
  notClosed,
  resumeNotFound,
} from './applications.errors';
import { type ApplicationStatsDto, type ApplicationStatsQueryDto } from './dto/application-stats.dto';
import {
  type ApplicationDto,
  type ApplicationSummaryDto,
  type ListApplicationsQueryDto,
} from './dto/application.dto';
import { type CreateApplicationDto } from './dto/create-application.dto';
import {
  type AddApplicationNoteDto,
  type ReopenApplicationDto,
  type TransitionApplicationDto,
} from './dto/transition.dto';
import { type ApplicationEventDto, type ApplicationTimelineQueryDto } from './dto/application-event.dto';
import { type UpdateApplicationDto } from './dto/update-application.dto';
import { type EventTimeKind, resolveEventTime } from './event-time.policy';
import { ResumeVersionLookup } from './resume-version.lookup';

/** How often a status change is re-decided when another request changed the status in between. */
const MAX_STATE_ATTEMPTS = 3;
/** Most recorded-but-unapplied status changes caught up in one go (normally 0, at most 1). */
const MAX_CATCH_UP = 10;

interface StateChange {
  event: Pick<NewTimelineEvent, 'type' | 'from' | 'to' | 'note'>;
  state: (at: Date) => Partial<ApplicationState>;
}

type Actor = Pick<Principal, 'userId' | 'keyPrefix'>;

/**
 * Job applications of their owner: fields, the status machine (`application-status.ts`), the timeline
 * and statistics. Every method takes the owner; another owner's application is a 404.
 *
 * A status change is recorded first, as a timeline event whose key `s:<stateVersion>` is unique per
 * application (so of two changes decided on the same state only one is recorded; the other is decided
 * again), then applied to the application's status fields. An application that missed a recorded change
 * (a crash in between, or a concurrent PATCH on FerretDB writing back an older document) catches up
 * before the next change and after every PATCH.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly events: ApplicationEventRepository,
    private readonly resumes: ResumeVersionLookup,
    private readonly clock: Clock,
  ) {}

  async create(caller: Principal, input: CreateApplicationDto): Promise<ApplicationDto> {
    if (input.resume) await this.assertResume(caller.userId, input.resume);
    const now = this.clock.now();
    const fields: ApplicationFields = {
      company: input.company,
      role: input.role,
      jobUrl: input.jobUrl ?? null,
      jobDescription: input.jobDescription ?? null,
      jobAnalysisId: input.jobAnalysisId ?? null,
      location: input.location ?? null,
      salary: input.salary ? { ...input.salary } : null,
      source: input.source ?? null,
      resume: input.resume ? { resumeId: input.resume.resumeId, version: input.resume.version } : null,
      contacts: (input.contacts ?? []).map((contact) => ({ ...contact })),
      notes: input.notes ?? null,
      tags: input.tags ?? [],
      followUpAt: input.followUpAt ? new Date(input.followUpAt) : null,
    };
    const created = await this.applications.create(caller.userId, fields, now);
    await this.events.insert({
      ...event(caller, created, 'created', { to: 'draft', at: now, recordedAt: now }),
      key: 'created',
    });
    return toDto(created, now);
  }

  async list(ownerId: string, query: ListApplicationsQueryDto): Promise<CursorPage<ApplicationSummaryDto>> {
    const now = this.clock.now();
    const rows = await this.applications.list(ownerId, {
      statuses: query.status,
      company: query.company,
      tag: query.tag,
      resumeId: query.resumeId,
      followUpDue: query.followUpDue,
      dateField: query.dateField,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      cursor: query.cursor,
      limit: query.limit,
      now,
    });
    return toCursorPage(
      rows.map((row) => toSummaryDto(row, now)),
      query.limit,
    );
  }

  async get(ownerId: string, id: string): Promise<ApplicationDto> {
    return toDto(await this.find(ownerId, id), this.clock.now());
  }

  async update(ownerId: string, id: string, input: UpdateApplicationDto): Promise<ApplicationDto> {
    await this.find(ownerId, id);
    if (input.resume) await this.assertResume(ownerId, input.resume);
    const changes: Partial<ApplicationFields> = {
      company: input.company,
      role: input.role,
      jobUrl: input.jobUrl,
      jobDescription: input.jobDescription,
      jobAnalysisId: input.jobAnalysisId,
      location: input.location,
      salary: input.salary === undefined || input.salary === null ? input.salary : { ...input.salary },
      source: input.source,
      resume:
        input.resume === undefined || input.resume === null
          ? input.resume
          : { resumeId: input.resume.resumeId, version: input.resume.version },
      contacts: input.contacts?.map((contact) => ({ ...contact })),
      notes: input.notes,
      tags: input.tags,
      followUpAt:
        input.followUpAt === undefined || input.followUpAt === null
          ? input.followUpAt
          : new Date(input.followUpAt),
    };
    const now = this.clock.now();
    const updated = await this.applications.update(ownerId, id, changes, now);
    if (!updated) throw applicationNotFound();
    return toDto(await this.caughtUp(updated), now);
  }

  /** Deletes the application, then its timeline (events of a missing application are never read). */
  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.applications.delete(ownerId, id))) throw applicationNotFound();
    await this.events.deleteForApplication(ownerId, id);
  }

  /** Moves the application along the transitions table; 409 naming the allowed statuses otherwise. */
  async transition(caller: Principal, id: string, input: TransitionApplicationDto): Promise<ApplicationDto> {
    const to = input.to;
    return this.changeState(caller, id, input.at, (current) => {
      if (!canTransition(current.status, to)) throw invalidTransition(current.status, to);
      return {
        event: { type: 'status_changed', from: current.status, to, note: input.note ?? null },
        state: (at) => ({
          status: to,
          statusChangedAt: at,
          ...(to === 'applied' && !current.appliedAt ? { appliedAt: at } : {}),
          ...(RESPONSE_STATUSES.includes(to) && current.appliedAt && !current.firstResponseAt
            ? { firstResponseAt: at }
            : {}),
          ...(isClosed(to) ? { closedAt: at, statusBeforeClose: current.status } : {}),
        }),
      };
    });
  }

  /** Returns a closed application to the status it had before it closed (`reopenTargetOf`). */
  async reopen(caller: Principal, id: string, input: ReopenApplicationDto): Promise<ApplicationDto> {
    return this.changeState(caller, id, input.at, (current) => {
      if (!isClosed(current.status)) throw notClosed(current.status);
      const to = reopenTargetOf(current);
      return {
        event: { type: 'reopened', from: current.status, to, note: input.note ?? null },
        state: (at) => ({ status: to, statusChangedAt: at, closedAt: null, statusBeforeClose: null }),
      };
    });
  }

  async addNote(caller: Principal, id: string, input: AddApplicationNoteDto): Promise<ApplicationEventDto> {
    const current = await this.find(caller.userId, id);
    const now = this.clock.now();
    const at = this.eventTime('note', input.at, current, now);
    return toEventDto(
      await this.events.insert(event(caller, current, 'note', { note: input.text, at, recordedAt: now })),
    );
  }

  /** The timeline by `at` (ties in recording order), newest first unless `order=asc`. */
  async timeline(
    ownerId: string,
    id: string,
    query: ApplicationTimelineQueryDto,
  ): Promise<CursorPage<ApplicationEventDto>> {
    await this.find(ownerId, id);
    const rows = await this.events.page(ownerId, id, query);
    return toCursorPage(rows.map(toEventDto), query.limit);
  }

  async stats(ownerId: string, query: ApplicationStatsQueryDto): Promise<ApplicationStatsDto> {
    const range = {
      dateField: query.dateField,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const stats = computeApplicationStats(await this.applications.statsRows(ownerId, range));
    return {
      ...stats,
      byStatus: { ...stats.byStatus },
      range: {
        dateField: range.dateField,
        from: range.from?.toISOString() ?? null,
        to: range.to?.toISOString() ?? null,
      },
    };
  }

  /**
   * Decides a status change on the current state (409 first, then the event time's bounds: 400), records
   * it under the key of that state, then applies it. When another change was recorded on the same state
   * first, catches up and decides again.
   */
  private async changeState(
    caller: Principal,
    id: string,
    requestedAt: string | undefined,
    decide: (current: ApplicationRecord) => StateChange,
  ): Promise<ApplicationDto> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.caughtUp(await this.find(caller.userId, id));
      const change = decide(current);
      const now = this.clock.now();
      const at = this.eventTime('status', requestedAt, current, now);
      const state: ApplicationState = { ...stateOf(current), ...change.state(at) };
      try {
        await this.events.insert({
          ...event(caller, current, change.event.type, { ...change.event, at, recordedAt: now }),
          key: stateEventKey(current.stateVersion),
          state,
        });
      } catch (error) {
        if (!(error instanceof DuplicateEventKeyError)) throw error;
        if (attempt >= MAX_STATE_ATTEMPTS) throw concurrentChange();
        continue;
      }
      const applied = await this.applications.applyState(caller.userId, id, current.stateVersion, state, now);
      return toDto(applied ?? (await this.caughtUp(await this.find(caller.userId, id))), now);
    }
  }

  /** Applies status changes that were recorded on the timeline but not yet on the application. */
  private async caughtUp(application: ApplicationRecord): Promise<ApplicationRecord> {
    let current = application;
    for (let step = 0; step < MAX_CATCH_UP; step++) {
      const pending = await this.events.stateChange(current.ownerId, current.id, current.stateVersion);
      if (!pending) return current;
      current =
        (await this.applications.applyState(
          current.ownerId,
          current.id,
          current.stateVersion,
          pending.state,
          pending.recordedAt,
        )) ?? (await this.find(current.ownerId, current.id));
    }
    return current;
  }

  private eventTime(
    kind: EventTimeKind,
    requested: string | undefined,
    current: ApplicationRecord,
    now: Date,
  ): Date {
    const result = resolveEventTime(requested ? new Date(requested) : undefined, {
      kind,
      now,
      createdAt: current.createdAt,
      statusChangedAt: current.statusChangedAt,
    });
    if (!result.ok) throw invalidEventTime('at', result.violation);
    return result.at;
  }

  private async find(ownerId: string, id: string): Promise<ApplicationRecord> {
    const found = await this.applications.findById(ownerId, id);
    if (!found) throw applicationNotFound();
    return found;
  }

  private async assertResume(ownerId: string, resume: { resumeId: string; version: number }): Promise<void> {
    if (!(await this.resumes.exists(ownerId, resume.resumeId, resume.version))) {
      throw resumeNotFound(resume.resumeId, resume.version);
    }
  }
}

function event(
  actor: Actor,
  application: ApplicationRecord,
  type: NewTimelineEvent['type'],
  values: Partial<Pick<NewTimelineEvent, 'from' | 'to' | 'note'>> & { at: Date; recordedAt: Date },
): NewTimelineEvent {
  return {
    applicationId: application.id,
    ownerId: application.ownerId,
    type,
    from: values.from ?? null,
    to: values.to ?? null,
    note: values.note ?? null,
    at: values.at,
    recordedAt: values.recordedAt,
    actor: { userId: actor.userId, keyPrefix: actor.keyPrefix },
  };
}

function stateOf(application: ApplicationRecord): ApplicationState {
  return {
    status: application.status,
    statusBeforeClose: application.statusBeforeClose,
    statusChangedAt: application.statusChangedAt,
    appliedAt: application.appliedAt,
    firstResponseAt: application.firstResponseAt,
    closedAt: application.closedAt,
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toSummaryDto(app: ApplicationSummaryRecord, now: Date): ApplicationSummaryDto {
  const closed = isClosed(app.status);
  return {
    id: app.id,
    company: app.company,
    role: app.role,
    jobUrl: app.jobUrl,
    jobAnalysisId: app.jobAnalysisId,
    location: app.location,
    salary: app.salary ? { ...app.salary } : null,
    source: app.source,
    resume: app.resume ? { ...app.resume } : null,
    tags: [...app.tags],
    followUpAt: iso(app.followUpAt),
    followUpDue: !closed && !!app.followUpAt && app.followUpAt.getTime() <= now.getTime(),
    status: app.status,
    allowedTransitions: [...allowedTransitions(app.status)],
    canReopen: closed,
    appliedAt: iso(app.appliedAt),
    firstResponseAt: iso(app.firstResponseAt),
    closedAt: iso(app.closedAt),
    statusChangedAt: iso(app.statusChangedAt),
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

function toDto(app: ApplicationRecord, now: Date): ApplicationDto {
  return {
    ...toSummaryDto(app, now),
    jobDescription: app.jobDescription,
    contacts: app.contacts.map((contact) => ({ ...contact })),
    notes: app.notes,
  };
}

function toEventDto(item: TimelineEventRecord): ApplicationEventDto {
  return {
    id: item.id,
    type: item.type,
    from: item.from,
    to: item.to,
    note: item.note,
    at: item.at.toISOString(),
    recordedAt: item.recordedAt.toISOString(),
    actor: { userId: item.actor.userId, keyPrefix: item.actor.keyPrefix },
  };
}
