import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { PinoLogger } from 'nestjs-pino';
import { type DestinationStream, type Logger as Pino } from 'pino';
import {
  type AppConfig,
  ProblemExceptionFilter,
  ProblemValidationPipe,
  ShutdownState,
  buildOpenApiDocument,
  createFastifyAdapter,
  createRootLogger,
  nestLoggerFor,
} from '@app/core';

import { AppModule, type AppModuleOptions } from './app.module';

export interface CreateApiAppOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  imports?: AppModuleOptions['imports'];
  /** Build the module graph without instantiating providers (no connections): for the OpenAPI script. */
  preview?: boolean;
}

export interface ApiApp {
  app: NestFastifyApplication;
  logger: Pino;
  shutdown: ShutdownState;
}

/** Creates the API exactly as production runs it (pipes, filter, CORS, docs), without listening. */
export async function createApiApp(config: AppConfig, options: CreateApiAppOptions = {}): Promise<ApiApp> {
  const logger = await createRootLogger(config, 'api', options.logDestination);
  const shutdown = new ShutdownState();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, logger, imports: options.imports }),
    createFastifyAdapter(config, logger, shutdown),
    { logger: nestLoggerFor(logger), preview: options.preview, abortOnError: false },
  );
  if (!options.preview) {
    app.useGlobalFilters(
      new ProblemExceptionFilter(await app.resolve(PinoLogger), config.http.bodyLimitBytes),
    );
  }
  // Uploads (LinkedIn exports): parsed lazily by the route that takes them, which sets its own size limit.
  await app.register(fastifyMultipart as never, { limits: { files: 1, fields: 10, parts: 11 } });
  app.useGlobalPipes(new ProblemValidationPipe());
  app.enableCors({
    origin: config.http.corsOrigins.includes('*') ? true : [...config.http.corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'X-API-Key',
      'Content-Type',
      'If-Match',
      'If-None-Match',
      'Idempotency-Key',
      'X-Request-Id',
    ],
    exposedHeaders: [
      'X-Request-Id',
      'ETag',
      'Location',
      'Retry-After',
      'Content-Disposition',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Idempotent-Replayed',
    ],
    maxAge: 600,
  });
  if (config.features.has('docs') && !options.preview) {
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs/openapi.json',
      yamlDocumentUrl: 'docs/openapi.yaml',
      customSiteTitle: 'LLMployable API',
    });
  }
  return { app, logger, shutdown };
}
