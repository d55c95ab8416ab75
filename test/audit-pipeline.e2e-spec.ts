/**
 * The audit pipeline inside the whole app (interceptor → response hook → writer → MongoDB) on test-only
 * routes, so every case is reachable regardless of what the product routes do: declared and derived
 * actions and resource types, errors that must still reach the client, a guard rejecting before any
 * interceptor, a body Fastify refuses, `@NoAudit`, reads, and secrets in the body, query and response.
 */
import {
  Body,
  type CanActivate,
  Controller,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Module,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';
import { type FastifyRequest } from 'fastify';
import mongoose from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditAction,
  type AuditLogRecord,
  AuditLogRepository,
  AuditResource,
  AuditWriterService,
  NoAudit,
} from '@app/audit';
import { DomainError, Public } from '@app/core';
import { type TestApp, startTestApp } from '@app/testing';

/** Stands in for the API-key guard: `X-Test-User: <userId>:<role>` sets the principal, no header is a 401. */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers['x-test-user'];
    if (typeof header !== 'string') {
      throw new DomainError({ status: 401, code: 'unauthenticated', detail: 'A test user is required.' });
    }
    const [userId, role] = header.split(':');
    req.principal = {
      userId,
      role: role === 'admin' ? 'admin' : 'user',
      keyId: `key-${userId}`,
      keyPrefix: `llm_test_${userId.padEnd(8, '0').slice(0, 8)}`,
      scopes: [],
    };
    return true;
  }
}

class WidgetDto {
  @IsString()
  @Length(1, 50)
  name!: string;

  @IsOptional()
  @IsString()
  password?: string;

  @IsOptional()
  @IsInt()
  size?: number;
}

const RESPONSE_SECRET = 'response-secret-7f3a9c';

@Public()
@UseGuards(HeaderPrincipalGuard)
@AuditResource('widget')
@Controller('api/v1/test-audit/widgets')
class WidgetsController {
  @Post()
  @AuditAction('widget.create')
  create(@Body() body: WidgetDto): { id: string; name: string; secret: string } {
    return { id: 'w-1', name: body.name, secret: RESPONSE_SECRET };
  }

  @Get(':id')
  read(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: WidgetDto): { id: string; name: string } {
    return { id, name: body.name };
  }

  @Delete(':id')
  remove(): never {
    throw new DomainError({ status: 409, code: 'widget_in_use', detail: 'The widget is in use.' });
  }

  @Post(':id/explode')
  explode(): never {
    throw new Error('unexpected failure');
  }

  @Post('quiet')
  @NoAudit()
  quiet(): { ok: true } {
    return { ok: true };
  }
}

/** No `@AuditResource`: the type is derived from the path. */
@Public()
@Controller('api/v1/test-audit/gadgets')
class GadgetsController {
  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string): { id: string; archived: true } {
    return { id, archived: true };
  }
}

/** Test routes beside the app's own AuditModule (which reads their decorators at start-up). */
@Module({
  controllers: [WidgetsController, GadgetsController],
  providers: [HeaderPrincipalGuard],
})
class AuditTestRoutesModule {}

describe('audit pipeline', () => {
  let t: TestApp;
  const agent = 'audit-pipeline-test/1.0';

  beforeAll(async () => {
    t = await startTestApp({ imports: [AuditTestRoutesModule], env: { AUDIT_FLUSH_INTERVAL_MS: '20' } });
  });
  afterAll(() => t.close());

  /** Waits until the entry of `requestId` is stored, and returns it. */
  async function entryFor(requestId: string): Promise<AuditLogRecord> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      await t.app.get(AuditWriterService).flush();
      const page = await t.app.get(AuditLogRepository).list({}, { limit: 100 });
      const found = page.items.find((item) => item.requestId === requestId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no audit entry for ${requestId}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function allEntries(): Promise<AuditLogRecord[]> {
    await t.app.get(AuditWriterService).flush();
    return (await t.app.get(AuditLogRepository).list({}, { limit: 100 })).items;
  }

  it('records a successful create with the declared action, the actor, the result id and the field summary', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-audit/widgets?token=query-secret-123')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-create')
      .set('user-agent', agent)
      .send({ name: 'Sprocket', password: 'body-secret-456', size: 3 })
      .expect(201);
    expect(res.body.secret).toBe(RESPONSE_SECRET);
    const entry = await entryFor('pipeline-create');
    expect(entry).toMatchObject({
      actor: { userId: 'alice', keyPrefix: 'llm_test_alice000', role: 'user' },
      action: 'widget.create',
      resource: { type: 'widget', id: 'w-1' },
      requestId: 'pipeline-create',
      ip: expect.stringMatching(/127\.0\.0\.1$/),
      userAgent: agent,
      method: 'POST',
      route: '/api/v1/test-audit/widgets',
      path: '/api/v1/test-audit/widgets',
      status: 201,
      changes: {
        fields: [
          { field: 'name', value: 'Sprocket' },
          { field: 'password', redacted: true },
          { field: 'size', value: 3 },
        ],
        bodyBytes: expect.any(Number),
        truncated: false,
      },
    });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('derives the action from the route and takes the id from the :id param', async () => {
    await request(t.server)
      .patch('/api/v1/test-audit/widgets/w-9')
      .set('x-test-user', 'bob:admin')
      .set('x-request-id', 'pipeline-update')
      .send({ name: 'Renamed' })
      .expect(200);
    expect(await entryFor('pipeline-update')).toMatchObject({
      actor: { userId: 'bob', role: 'admin' },
      action: 'PATCH /api/v1/test-audit/widgets/:id',
      resource: { type: 'widget', id: 'w-9' },
      route: '/api/v1/test-audit/widgets/:id',
      path: '/api/v1/test-audit/widgets/w-9',
      status: 200,
    });
  });

  it('derives the resource type from the path when the route declares none', async () => {
    await request(t.server)
      .post('/api/v1/test-audit/gadgets/g-7/archive')
      .set('x-request-id', 'pipeline-derived')
      .expect(200);
    expect(await entryFor('pipeline-derived')).toMatchObject({
      actor: {},
      action: 'POST /api/v1/test-audit/gadgets/:id/archive',
      resource: { type: 'gadget', id: 'g-7' },
      status: 200,
    });
  });

  it('records a domain error with its status, and the client still gets the problem', async () => {
    const res = await request(t.server)
      .delete('/api/v1/test-audit/widgets/w-2')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-conflict')
      .expect(409)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'widget_in_use', requestId: 'pipeline-conflict' });
    expect(await entryFor('pipeline-conflict')).toMatchObject({
      action: 'DELETE /api/v1/test-audit/widgets/:id',
      resource: { type: 'widget', id: 'w-2' },
      status: 409,
    });
  });

  it('records an unexpected error as the 500 the client got', async () => {
    const res = await request(t.server)
      .post('/api/v1/test-audit/widgets/w-3/explode')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-crash')
      .expect(500);
    expect(res.body.errorId).toMatch(/^err_/);
    expect(await entryFor('pipeline-crash')).toMatchObject({
      status: 500,
      resource: { type: 'widget', id: 'w-3' },
    });
  });

  it('records a validation failure (400) with the fields that were sent', async () => {
    await request(t.server)
      .post('/api/v1/test-audit/widgets')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-invalid')
      .send({ name: '', apiKey: 'llm_live_0123abcd_notarealkeybutlooksliketheshape' })
      .expect(400);
    const entry = await entryFor('pipeline-invalid');
    expect(entry).toMatchObject({ status: 400, action: 'widget.create' });
    expect(entry.changes?.fields).toEqual([
      { field: 'name', value: '' },
      { field: 'apiKey', redacted: true },
    ]);
  });

  it('records a request a guard rejected before its handler ran (401), without an actor', async () => {
    await request(t.server)
      .post('/api/v1/test-audit/widgets')
      .set('x-request-id', 'pipeline-unauthenticated')
      .send({ name: 'Nope' })
      .expect(401);
    expect(await entryFor('pipeline-unauthenticated')).toMatchObject({
      actor: {},
      // The route's decorators are known from start-up, so even a rejected request gets its declared action.
      action: 'widget.create',
      resource: { type: 'widget' },
      status: 401,
    });
  });

  it('records a body Fastify refused to parse (400)', async () => {
    await request(t.server)
      .post('/api/v1/test-audit/widgets')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-bad-json')
      .set('content-type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(await entryFor('pipeline-bad-json')).toMatchObject({ status: 400, method: 'POST' });
  });

  it('records neither reads, nor @NoAudit routes, nor requests to no route', async () => {
    await request(t.server)
      .get('/api/v1/test-audit/widgets/w-1')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-read')
      .expect(200);
    await request(t.server)
      .post('/api/v1/test-audit/widgets/quiet')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-quiet')
      .expect(201);
    await request(t.server)
      .post('/api/v1/test-audit/nowhere')
      .set('x-request-id', 'pipeline-404')
      .expect(404);
    await request(t.server)
      .post('/api/v1/test-audit/widgets')
      .set('x-test-user', 'alice:user')
      .set('x-request-id', 'pipeline-marker')
      .send({ name: 'Marker' })
      .expect(201);
    await entryFor('pipeline-marker'); // entries are written in order: everything before it is in too
    const requestIds = (await allEntries()).map((e) => e.requestId);
    expect(requestIds).not.toContain('pipeline-read');
    expect(requestIds).not.toContain('pipeline-quiet');
    expect(requestIds).not.toContain('pipeline-404');
  });

  it('keeps no secret: not from the body, the query string or the response', async () => {
    const text = JSON.stringify(await allEntries());
    for (const secret of [
      'body-secret-456',
      'query-secret-123',
      RESPONSE_SECRET,
      'notarealkeybutlooksliketheshape',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('audit entries at shutdown', () => {
  it('are written after the HTTP server has drained and before the MongoDB connection closes', async () => {
    // A flush interval and batch size that never trigger: only the shutdown flush can write the entry.
    const t = await startTestApp({
      imports: [AuditTestRoutesModule],
      env: { AUDIT_FLUSH_INTERVAL_MS: '60000', AUDIT_BATCH_SIZE: '1000' },
    });
    const { uri, dbName } = t.config.mongo;
    await request(t.server)
      .post('/api/v1/test-audit/widgets')
      .set('x-test-user', 'carol:user')
      .set('x-request-id', 'pipeline-at-shutdown')
      .send({ name: 'Last' })
      .expect(201);
    const writer = t.app.get(AuditWriterService);
    for (let waited = 0; writer.pending === 0 && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10)); // the entry is recorded once the response is sent
    }
    expect(writer.pending).toBe(1);
    await t.app.close();

    const direct = await mongoose.createConnection(uri, { dbName }).asPromise();
    try {
      const stored = await direct
        .collection('audit_log')
        .find({ requestId: 'pipeline-at-shutdown' })
        .toArray();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ action: 'widget.create', status: 201, actor: { userId: 'carol' } });
    } finally {
      await direct.dropDatabase();
      await direct.close();
    }
  });
});
