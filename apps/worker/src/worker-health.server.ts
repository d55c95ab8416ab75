import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import {
  type AppConfig,
  APP_CONFIG,
  CoreErrorCode,
  PROBLEM_CONTENT_TYPE_HEADER,
  QUEUES,
  REQUEST_ID_HEADER,
  SECURITY_HEADERS,
  buildProblem,
  requestIdFor,
  withTimeout,
} from '@app/core';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The worker serves no API, only its probes for the orchestrator, on PORT: `GET /health` (the process is
 * up) and `GET /health/ready` (the queue's Redis answers). A plain Node server (two fixed answers need no
 * framework) that follows the API's conventions: request ids, security headers, problem+json errors.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.generation) private readonly queue: Queue,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(WorkerHealthServer.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((request, response) => void this.respond(request, response));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject).listen(this.config.http.port, this.config.http.host, resolve);
    });
    this.logger.info({ port: this.config.http.port }, 'worker health server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = requestIdFor(request);
    const path = (request.url ?? '/').split('?')[0];
    const { status, body } = await this.answer(request.method ?? 'GET', path, requestId);
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      [REQUEST_ID_HEADER]: requestId,
      'content-type': status === 200 ? 'application/json; charset=utf-8' : PROBLEM_CONTENT_TYPE_HEADER,
    });
    response.end(JSON.stringify(body));
  }

  private async answer(method: string, path: string, requestId: string): Promise<Answer> {
    if (method !== 'GET' || (path !== '/health' && path !== '/health/ready')) {
      const detail = 'The worker serves only GET /health and GET /health/ready.';
      return {
        status: 404,
        body: buildProblem({
          status: 404,
          code: CoreErrorCode.RouteNotFound,
          detail,
          instance: path,
          requestId,
        }),
      };
    }
    if (path === '/health') return { status: 200, body: { status: 'ok', uptimeSeconds: process.uptime() } };
    try {
      await withTimeout(
        this.queue.getJobCounts('waiting'),
        this.config.health.checkTimeoutMs,
        'queue health check',
      );
      return { status: 200, body: { status: 'ok', dependencies: { redis: { status: 'up' } } } };
    } catch (error) {
      this.logger.warn({ err: error, requestId }, 'worker not ready: the queue does not answer');
      const detail = 'Not ready: redis is down.';
      return {
        status: 503,
        body: {
          ...buildProblem({
            status: 503,
            code: CoreErrorCode.DependencyUnavailable,
            detail,
            instance: path,
            requestId,
          }),
          dependencies: { redis: { status: 'down' } },
        },
      };
    }
  }
}
