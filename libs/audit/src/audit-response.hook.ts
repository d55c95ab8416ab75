import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';

import { notedResultId, noteResultId } from './audit-annotation';
import { AUDITED_METHODS, buildAuditEntry, resultIdOf } from './audit-entry.builder';
import { AuditRouteRegistry } from './audit-route.registry';
import { AuditWriterService } from './audit-writer.service';

/** Response bodies larger than this are not parsed for the id of the resource they return. */
const MAX_ID_SCAN_BYTES = 64 * 1024;

/**
 * Records an audit entry for every mutating request once its response has been sent (Fastify's
 * `onResponse` hook), with the status that was actually sent and Fastify's own timing. It sees requests
 * rejected before their handler (by a guard, a body parser or the rate limiter), so failed attempts are
 * audited too; requests to no route at all (404 before routing) are not. The route's decorators come from
 * `AuditRouteRegistry` (read once at start-up), the resource id from the response body (`onSend`). One
 * cheap check per request: reads return at once.
 */
@Injectable()
export class AuditResponseHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriterService,
    private readonly routes: AuditRouteRegistry,
    @InjectPinoLogger(AuditResponseHook.name) private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') {
      // A standalone application context (a CLI, a test module) has no HTTP server to audit.
      return;
    }
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (request, reply, payload, done) => {
      this.noteResultId(request, reply, payload);
      done(null, payload);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.onResponse(request, reply);
      done();
    });
  }

  /** A successful mutation's JSON body names the resource it made or changed (`id`): note it for the entry. */
  private noteResultId(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    if (!AUDITED_METHODS.has(request.method) || reply.statusCode >= 300) return;
    if (typeof payload !== 'string' || payload.length > MAX_ID_SCAN_BYTES || !payload.startsWith('{')) return;
    try {
      const id = resultIdOf(JSON.parse(payload));
      if (id !== undefined) noteResultId(request, id);
    } catch {
      // not JSON after all: no id
    }
  }

  /** Never throws: auditing must not disturb the request that was just answered. */
  onResponse(request: FastifyRequest, reply: FastifyReply): void {
    if (!AUDITED_METHODS.has(request.method)) return;
    try {
      const route = request.routeOptions.url;
      if (!route) return;
      const declared = this.routes.lookup(request.method, route);
      if (declared?.skip) return;
      const resultId = notedResultId(request);
      const annotation = declared || resultId ? { skip: false, ...declared, resultId } : undefined;
      const userAgent = request.headers['user-agent'];
      const contentLength = request.headers['content-length'];
      const entry = buildAuditEntry({
        method: request.method,
        route,
        url: request.url,
        params: request.params,
        status: reply.statusCode,
        durationMs: reply.elapsedTime,
        ip: request.ip,
        userAgent: typeof userAgent === 'string' ? userAgent : undefined,
        requestId: String(request.id),
        principal: request.principal,
        annotation,
        body: request.body,
        contentLength: typeof contentLength === 'string' ? contentLength : undefined,
        now: new Date(),
      });
      // An idempotent replay repeats an earlier answer: recorded, and marked as such.
      if (reply.getHeader('idempotent-replayed')) entry.action = `${entry.action} (replay)`;
      this.writer.record(entry);
    } catch (error) {
      this.logger.error({ err: error }, 'audit: could not record a request');
    }
  }
}
