import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Logger as Pino } from 'pino';

import { type AppConfig } from '../config/app-config';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { SECURITY_HEADERS } from './security-headers';
import { type ShutdownState } from './shutdown-state';

/**
 * Builds the Fastify adapter: Fastify's own pino logger (shared with nestjs-pino, so one logger and the
 * request id on every line), one log line per request, request ids, body limit, proxy trust, and one
 * cheap hook: request id + static security headers on every response, and 503 while draining.
 */
export function createFastifyAdapter(
  config: AppConfig,
  logger: Pino,
  shutdown: ShutdownState,
): FastifyAdapter {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS).header(REQUEST_ID_HEADER, request.id);
    if (shutdown.draining) {
      void reply
        .status(503)
        .headers({
          connection: 'close',
          'retry-after': '1',
          'content-type': 'application/problem+json; charset=utf-8',
        })
        .send(shutdown.problemFor(request.url, request.id));
      return;
    }
    done();
  });
  // While draining, responses to in-flight requests close their keep-alive connection, so the server can finish.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (shutdown.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  return adapter;
}

/** One log line per request, when it completes (Fastify's default is two), labelled with `requestId`. */
class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const status = reply.statusCode;
    const level = status >= 500 || error ? 'error' : status >= 400 ? 'warn' : 'info';
    request.log[level](
      {
        method: request.method,
        url: request.url,
        statusCode: status,
        responseTimeMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  }
}
