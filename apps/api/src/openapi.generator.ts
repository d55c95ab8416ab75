import { buildOpenApiDocument, loadConfig, toYaml } from '@app/core';

import { createApiApp } from './bootstrap';

/** Builds the app module in preview mode (no database, no listening) and returns the contract as YAML. */
export async function generateOpenApiYaml(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const { app } = await createApiApp(config, { preview: true });
  try {
    return toYaml(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
