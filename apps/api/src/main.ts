import 'reflect-metadata';

import { ConfigValidationError, installGracefulShutdown, loadConfig } from '@app/core';

import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { app, logger, shutdown } = await createApiApp(config);
  installGracefulShutdown(app, logger, { timeoutMs: config.http.shutdownTimeoutMs, state: shutdown });
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`;
  logger.info({ port, profile: config.profile }, `API listening on ${base}`);
  if (config.features.has('docs')) logger.info(`API docs: ${base}/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`llmployable api: ${error.message}\n`);
  } else {
    process.stderr.write(`llmployable api: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
