import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, APP_CONFIG, type CursorPage, type Principal } from '@app/core';

import { invalidTimeRange } from './audit.errors';
import { type AuditLogQueryDto, type MyAuditLogQueryDto } from './audit-log-query.dto';
import { type AuditLogDto, type AuditLogPageDto } from './audit-log.dto';
import { type AuditLogRecord, AuditLogRepository, type OwnAuditLogFilter } from './audit-log.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reading the audit log (admins: everyone's; users: their own) and enforcing its retention. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every user's entries, filtered (admins). */
  async list(query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const filter = {
      ...toFilter(query),
      ...(query.actorUserId !== undefined ? { actorUserId: query.actorUserId } : {}),
      ...(query.actorKeyPrefix !== undefined ? { actorKeyPrefix: query.actorKeyPrefix } : {}),
    };
    return toPageDto(await this.repository.list(filter, { limit: query.limit, cursor: query.cursor }));
  }

  /** The caller's own entries only, filtered. */
  async listMine(principal: Principal, query: MyAuditLogQueryDto): Promise<AuditLogPageDto> {
    const page = await this.repository.listForActor(principal.userId, toFilter(query), {
      limit: query.limit,
      cursor: query.cursor,
    });
    return toPageDto(page);
  }

  /** Deletes entries older than `audit.retentionDays` before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number> {
    return this.repository.purgeOlderThan(new Date(now.getTime() - this.config.audit.retentionDays * DAY_MS));
  }
}

function toFilter(query: MyAuditLogQueryDto): OwnAuditLogFilter {
  const from = query.from !== undefined ? new Date(query.from) : undefined;
  const to = query.to !== undefined ? new Date(query.to) : undefined;
  if (from && to && from.getTime() >= to.getTime()) throw invalidTimeRange();
  return {
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.resourceType !== undefined ? { resourceType: query.resourceType } : {}),
    ...(query.resourceId !== undefined ? { resourceId: query.resourceId } : {}),
    ...(query.status !== undefined ? { status: statusRange(query.status) } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** `404` → [404, 405); `4xx` → [400, 500). */
function statusRange(status: string): { from: number; to: number } {
  if (status.endsWith('xx')) {
    const from = Number(status[0]) * 100;
    return { from, to: from + 100 };
  }
  const code = Number(status);
  return { from: code, to: code + 1 };
}

function toPageDto(page: CursorPage<AuditLogRecord>): AuditLogPageDto {
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

function toDto(record: AuditLogRecord): AuditLogDto {
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    actor: {
      ...(record.actor.userId !== undefined ? { userId: record.actor.userId } : {}),
      ...(record.actor.keyPrefix !== undefined ? { keyPrefix: record.actor.keyPrefix } : {}),
      ...(record.actor.role !== undefined ? { role: record.actor.role } : {}),
    },
    action: record.action,
    resource: {
      type: record.resource.type,
      ...(record.resource.id !== undefined ? { id: record.resource.id } : {}),
    },
    requestId: record.requestId,
    ip: record.ip,
    ...(record.userAgent !== undefined ? { userAgent: record.userAgent } : {}),
    method: record.method,
    route: record.route,
    path: record.path,
    status: record.status,
    durationMs: record.durationMs,
    ...(record.changes
      ? {
          changes: {
            fields: record.changes.fields.map((change) => ({
              field: change.field,
              ...(change.value !== undefined ? { value: change.value } : {}),
              ...(change.redacted ? { redacted: true } : {}),
              ...(change.size !== undefined ? { size: change.size } : {}),
            })),
            ...(record.changes.bodyBytes !== undefined ? { bodyBytes: record.changes.bodyBytes } : {}),
            truncated: record.changes.truncated,
          },
        }
      : {}),
  };
}
