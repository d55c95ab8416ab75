import { join } from 'node:path';

import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger, type LoggerOptions, type StreamEntry } from 'pino';
import pinoRoll from 'pino-roll';

import { type AppConfig } from '../config/app-config';

/** Header and field paths that never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.token',
];

function loggerOptions(config: AppConfig, service: string): LoggerOptions {
  return {
    level: config.log.level,
    base: { service, env: config.profile },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/**
 * The process's one pino logger: JSON to stdout (or to `destination` when given, as tests do), secrets
 * redacted. With LOG_DIR set it also writes daily-rotated files (14 kept, 50 MB each at most), errors in
 * a file of their own; same line format everywhere.
 */
export async function createRootLogger(
  config: AppConfig,
  service: string,
  destination?: DestinationStream,
): Promise<Logger> {
  const options = loggerOptions(config, service);
  if (destination) return pino(options, destination);
  if (!config.log.dir) return pino(options);
  const rolling = {
    frequency: 'daily' as const,
    size: '50m',
    mkdir: true,
    limit: { count: 14 },
    dateFormat: 'yyyy-MM-dd',
  };
  const streams: StreamEntry[] = [
    { level: config.log.level as pino.Level, stream: pino.destination(1) },
    {
      level: config.log.level as pino.Level,
      stream: await pinoRoll({ ...rolling, file: join(config.log.dir, service) }),
    },
    {
      level: 'error',
      stream: await pinoRoll({ ...rolling, file: join(config.log.dir, `${service}-error`) }),
    },
  ];
  return pino(options, pino.multistream(streams));
}

/**
 * Nest's own logger (boot messages, module errors) writing through the root logger from the first line,
 * so even a failed boot logs JSON rather than Nest's coloured console format.
 */
export function nestLoggerFor(logger: Logger): NestPinoLogger {
  return new NestPinoLogger(new PinoLogger({ pinoHttp: { logger } }), {});
}
