import { type Server, createServer } from 'node:http';

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { type AppConfig, APP_CONFIG, QUEUES, withTimeout } from '@app/core';

/**
 * The worker serves no API, only its probes for the orchestrator, on PORT: `GET /health` (the process is
 * up) and `GET /health/ready` (the queue's Redis connection answers). A plain Node server: no framework
 * needed for two fixed JSON answers.
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
    this.server = createServer((request, response) => {
      void this.answer(request.method ?? 'GET', request.url ?? '/').then(({ status, body }) => {
        response.writeHead(status, {
          'content-type': status === 200 ? 'application/json' : 'application/problem+json',
        });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject).listen(this.config.http.port, this.config.http.host, resolve);
    });
    this.logger.info({ port: this.port }, 'worker health server listening');
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.config.http.port;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(
    method: string,
    url: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const path = url.split('?')[0];
    if (method !== 'GET' || (path !== '/health' && path !== '/health/ready')) {
      return {
        status: 404,
        body: { title: 'Not found', status: 404, code: 'route_not_found', instance: path },
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
      return {
        status: 503,
        body: {
          title: 'Dependency unavailable',
          status: 503,
          code: 'dependency_unavailable',
          detail: `Not ready: redis is down (${(error as Error).message}).`,
          instance: path,
        },
      };
    }
  }
}
