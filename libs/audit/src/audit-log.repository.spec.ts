import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { type Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreConfigModule, loadConfig } from '@app/core';
import { LogCapture } from '@app/testing/e2e/log-capture';
import { testEnv } from '@app/testing/e2e/test-app';

import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { type AuditEntryInput, AuditLogRepository, type NewAuditEntry } from './audit-log.repository';
import { AuditPurgeJob } from './audit-purge.job';
import { AuditService } from './audit.service';

const DAY = 24 * 60 * 60 * 1000;
const logs = new LogCapture();

let moduleRef: TestingModule;
let repository: AuditLogRepository;
let connection: Connection;
const now = Date.now();

function entry(over: Partial<AuditEntryInput> & { requestId: string }): NewAuditEntry {
  return {
    id: repository.newId(),
    actor: { userId: 'alice', keyPrefix: 'llm_test_aaaaaaaa', role: 'user' },
    action: 'POST /api/v1/api-keys',
    resource: { type: 'api_key', id: 'k1' },
    ip: '127.0.0.1',
    method: 'POST',
    route: '/api/v1/api-keys',
    path: '/api/v1/api-keys',
    status: 201,
    durationMs: 4,
    createdAt: new Date(now),
    ...over,
  };
}

beforeAll(async () => {
  const config = loadConfig(testEnv({ AUDIT_RETENTION_DAYS: '30' }));
  moduleRef = await Test.createTestingModule({
    imports: [
      CoreConfigModule.forRoot(config),
      LoggerModule.forRoot({ pinoHttp: { logger: pino({ level: 'debug' }, logs) }, useExisting: true }),
      MongooseModule.forRoot(config.mongo.uri, { dbName: config.mongo.dbName }),
      MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
    ],
    providers: [AuditLogRepository, AuditService, AuditPurgeJob],
  }).compile();
  repository = moduleRef.get(AuditLogRepository);
  connection = moduleRef.get<Connection>(getConnectionToken());
  // Seeded before the app starts: the purge job runs once at start (onApplicationBootstrap).
  await repository.insertMany([
    entry({ requestId: 'old-1', createdAt: new Date(now - 31 * DAY) }),
    entry({ requestId: 'old-2', createdAt: new Date(now - 40 * DAY), actor: { userId: 'bob' } }),
  ]);
  await moduleRef.init();
  await moduleRef.get(AuditPurgeJob).run();
  await repository.insertMany([
    entry({ requestId: 'a1', createdAt: new Date(now - 3 * DAY) }),
    entry({
      requestId: 'a2',
      createdAt: new Date(now - 2 * DAY),
      action: 'POST /api/v1/api-keys/:id/revoke',
      status: 200,
    }),
    entry({
      requestId: 'a3',
      createdAt: new Date(now - DAY),
      status: 404,
      resource: { type: 'api_key', id: 'k2' },
    }),
    entry({
      requestId: 'b1',
      actor: { userId: 'bob', keyPrefix: 'llm_test_bbbbbbbb', role: 'admin' },
      resource: { type: 'user', id: 'bob' },
      status: 400,
      changes: {
        fields: [
          { field: 'name', value: 'Bob' },
          { field: 'password', redacted: true },
        ],
        truncated: false,
      },
    }),
    entry({ requestId: 'anon', actor: {}, status: 401 }),
  ]);
});

afterAll(async () => {
  await connection.dropDatabase();
  await moduleRef.close();
});

const ids = (page: { items: { requestId: string }[] }) => page.items.map((item) => item.requestId);

describe('AuditLogRepository', () => {
  it('lists newest first (by id) as plain objects with `id`', async () => {
    const page = await repository.list({}, { limit: 10 });
    expect(ids(page)).toEqual(['anon', 'b1', 'a3', 'a2', 'a1']);
    expect(page.nextCursor).toBeNull();
    const b1 = page.items[1];
    expect(b1).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      actor: { userId: 'bob', keyPrefix: 'llm_test_bbbbbbbb', role: 'admin' },
      action: 'POST /api/v1/api-keys',
      resource: { type: 'user', id: 'bob' },
      requestId: 'b1',
      ip: '127.0.0.1',
      method: 'POST',
      route: '/api/v1/api-keys',
      path: '/api/v1/api-keys',
      status: 400,
      durationMs: 4,
      changes: {
        fields: [
          { field: 'name', value: 'Bob' },
          { field: 'password', redacted: true },
        ],
        truncated: false,
      },
      createdAt: new Date(now),
    });
    expect(Object.getPrototypeOf(b1)).toBe(Object.prototype);
  });

  it('filters by actor, action, resource, status or status class, and time range', async () => {
    expect(ids(await repository.list({ actorUserId: 'bob' }, { limit: 10 }))).toEqual(['b1']);
    expect(ids(await repository.list({ actorKeyPrefix: 'llm_test_aaaaaaaa' }, { limit: 10 }))).toEqual([
      'a3',
      'a2',
      'a1',
    ]);
    expect(ids(await repository.list({ action: 'POST /api/v1/api-keys/:id/revoke' }, { limit: 10 }))).toEqual(
      ['a2'],
    );
    expect(ids(await repository.list({ resourceType: 'api_key', resourceId: 'k2' }, { limit: 10 }))).toEqual([
      'a3',
    ]);
    expect(ids(await repository.list({ status: { from: 400, to: 500 } }, { limit: 10 }))).toEqual([
      'anon',
      'b1',
      'a3',
    ]);
    expect(ids(await repository.list({ status: { from: 404, to: 405 } }, { limit: 10 }))).toEqual(['a3']);
    const range = { from: new Date(now - 2 * DAY), to: new Date(now - DAY / 2) };
    expect(ids(await repository.list(range, { limit: 10 }))).toEqual(['a3', 'a2']);
  });

  it('pages with a cursor, without gaps or overlaps', async () => {
    const first = await repository.list({}, { limit: 2 });
    const second = await repository.list({}, { limit: 2, cursor: first.nextCursor! });
    const third = await repository.list({}, { limit: 2, cursor: second.nextCursor! });
    expect([ids(first), ids(second), ids(third)]).toEqual([['anon', 'b1'], ['a3', 'a2'], ['a1']]);
    expect(third.nextCursor).toBeNull();
  });

  it('scopes a user’s list to their own entries whatever the filter', async () => {
    expect(ids(await repository.listForActor('alice', {}, { limit: 10 }))).toEqual(['a3', 'a2', 'a1']);
    expect(
      ids(await repository.listForActor('alice', { status: { from: 400, to: 500 } }, { limit: 10 })),
    ).toEqual(['a3']);
    const sneaky = { actorUserId: 'bob' } as Parameters<AuditLogRepository['listForActor']>[1];
    expect(ids(await repository.listForActor('alice', sneaky, { limit: 10 }))).toEqual(['a3', 'a2', 'a1']);
    expect(ids(await repository.listForActor('nobody', {}, { limit: 10 }))).toEqual([]);
  });

  it('treats a batch retried after a partial write as written (ids are assigned before the first try)', async () => {
    const batch = [entry({ requestId: 'retry-1' }), entry({ requestId: 'retry-2' })];
    await repository.insertMany(batch.slice(0, 1));
    expect(await repository.insertMany(batch)).toEqual({ rejected: 0 });
    const stored = await connection.collection('audit_log').countDocuments({ requestId: /^retry-/ });
    expect(stored).toBe(2);
    await connection.collection('audit_log').deleteMany({ requestId: /^retry-/ });
  });

  it('purges entries past retention once at start (and logs how many), keeping the rest', async () => {
    expect(await connection.collection('audit_log').countDocuments({ requestId: /^old-/ })).toBe(0);
    const purged = logs.lines.filter((l) => l.msg === 'audit: purged entries past retention');
    expect(purged.map((l) => l.deleted)).toContain(2);
    expect(await repository.purgeOlderThan(new Date(now - 2.5 * DAY))).toBe(1);
    expect(ids(await repository.list({}, { limit: 10 }))).toEqual(['anon', 'b1', 'a3', 'a2']);
  });
});
