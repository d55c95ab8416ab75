import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';

import { annotationOf } from './audit-annotation';
import { AUDITED_METHODS, buildAuditEntry } from './audit-entry.builder';
import { AuditWriterService } from './audit-writer.service';

/**
 * Records an audit entry for every mutating request once its response has been sent (Fastify's
 * `onResponse` hook), with the status that was actually sent and Fastify's own timing. It sees requests the
 * interceptor never saw (rejected by a guard, a body parser or the rate limiter), so failed attempts are
 * audited too; requests to no route at all (404 before routing) are not. One cheap check per request:
 * reads return at once.
 */
@Injectable()
export class AuditResponseHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriterService,
    @InjectPinoLogger(AuditResponseHook.name) private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') {
      // A standalone application context (a CLI, a test module) has no HTTP server to audit.
      return;
    }
    adapter.getInstance<FastifyInstance>().addHook('onResponse', (request, reply, done) => {
      this.onResponse(request, reply);
      done();
    });
  }

  /** Never throws: auditing must not disturb the request that was just answered. */
  onResponse(request: FastifyRequest, reply: FastifyReply): void {
    if (!AUDITED_METHODS.has(request.method)) return;
    try {
      const annotation = annotationOf(request);
      const route = request.routeOptions.url;
      if (annotation?.skip || !route) return;
      const userAgent = request.headers['user-agent'];
      const contentLength = request.headers['content-length'];
      this.writer.record(
        buildAuditEntry({
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
        }),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'audit: could not record a request');
    }
  }
}
