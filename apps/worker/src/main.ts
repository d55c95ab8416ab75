import 'reflect-metadata';

import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import { type Queue } from 'bullmq';
import {
  ConfigValidationError,
  QUEUES,
  createRootLogger,
  installGracefulShutdown,
  loadConfig,
  nestLoggerFor,
} from '@app/core';

import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = await createRootLogger(config, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, logger }), {
    logger: nestLoggerFor(logger),
  });
  installGracefulShutdown(app, logger, { timeoutMs: config.http.shutdownTimeoutMs });
  const queue = app.get<Queue>(getQueueToken(QUEUES.generation));
  await queue.waitUntilReady();
  logger.info({ queues: Object.values(QUEUES) }, 'worker ready');
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigValidationError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`llmployable worker: ${message}\n`);
  process.exit(1);
});
