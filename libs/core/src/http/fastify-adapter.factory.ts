import { randomUUID } from 'node:crypto';
import { type Socket } from 'node:net';

import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Logger as Pino } from 'pino';

import { type AppConfig } from '../config/app-config';
import { CoreErrorCode, STATUS_CODES } from '../errors/error-codes';
import { PROBLEM_CONTENT_TYPE_HEADER, buildProblem } from '../errors/problem';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { SECURITY_HEADERS } from './security-headers';
import { type ShutdownState } from './shutdown-state';

/**
 * Builds the Fastify adapter: Fastify's own pino logger (shared with nestjs-pino, so one logger and the
 * request id on every line), one log line per request, request ids, body limit, proxy trust, and one
 * cheap hook that gives every reply (including CORS preflights) the request id and security headers.
 * Errors Fastify or Node raise before any route runs (malformed URLs, bad HTTP) are answered as
 * problem+json too.
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
    forceCloseConnections: 'idle',
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      answerFrameworkError(error, request, reply),
    clientErrorHandler: (error, socket) => answerClientError(error, socket, logger),
  });
  adapter.getInstance().addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS).header(REQUEST_ID_HEADER, request.id);
    if (shutdown.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  return adapter;
}

/** Errors Fastify raises while routing, before Nest sees the request (e.g. `/api/v1/%zz`). */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .headers({
      ...SECURITY_HEADERS,
      [REQUEST_ID_HEADER]: request.id,
      'content-type': PROBLEM_CONTENT_TYPE_HEADER,
    })
    .send(
      buildProblem({
        status,
        code: STATUS_CODES[status] ?? CoreErrorCode.BadRequest,
        detail:
          error.code === 'FST_ERR_BAD_URL'
            ? 'The request URL is malformed.'
            : 'The request could not be routed.',
        instance: request.url,
        requestId: String(request.id),
      }),
    );
}

/** Malformed HTTP that Node rejects before Fastify (bad framing, oversized headers): answered and closed. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, logger: Pino): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify(
    buildProblem({
      status,
      code: STATUS_CODES[status] ?? CoreErrorCode.BadRequest,
      detail: status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP.',
      instance: '/',
      requestId,
    }),
  );
  const headers = {
    ...SECURITY_HEADERS,
    [REQUEST_ID_HEADER]: requestId,
    'content-type': PROBLEM_CONTENT_TYPE_HEADER,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  logger.warn({ requestId, code: error.code, statusCode: status }, 'malformed request rejected');
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n${head}` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
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
        // The path only: a query string may carry things that do not belong in logs.
        url: request.url.split('?')[0],
        statusCode: status,
        responseTimeMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  }
}
