import { join } from 'node:path';

import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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

/**
 * The process's one pino logger: JSON to stdout (or to `destination` when given, as tests do), secrets
 * redacted. With LOG_DIR set it also writes daily-rotated files, errors in a file of their own.
 */
export function createRootLogger(
  config: AppConfig,
  service: string,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level: config.log.level,
    base: { service, env: config.profile },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  if (!config.log.dir) return pino(options);
  const rolling = {
    frequency: 'daily',
    size: '50m',
    mkdir: true,
    limit: { count: 14 },
    dateFormat: 'yyyy-MM-dd',
  };
  const targets: pino.TransportTargetOptions[] = [
    { target: 'pino/file', level: config.log.level, options: { destination: 1 } },
    {
      target: 'pino-roll',
      level: config.log.level,
      options: { ...rolling, file: join(config.log.dir, service) },
    },
    {
      target: 'pino-roll',
      level: 'error',
      options: { ...rolling, file: join(config.log.dir, `${service}-error`) },
    },
  ];
  // Transports format in a worker thread, so the level formatter (not allowed with transports) is dropped.
  const { formatters: _formatters, ...transportOptions } = options;
  return pino({ ...transportOptions, formatters: undefined }, pino.transport({ targets }));
}
