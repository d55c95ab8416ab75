import { type Logger as Pino } from 'pino';

import { ShutdownState } from './shutdown-state';

/** The part of `process` shutdown uses; tests pass their own to send a signal without killing the runner. */
export interface ShutdownHost {
  once(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface GracefulShutdownOptions {
  timeoutMs: number;
  /** Shared with the HTTP adapter so in-flight responses close their connections (HTTP apps only). */
  state?: ShutdownState;
  host?: ShutdownHost;
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (their responses close the
 * connection), then close MongoDB, Redis and queues and exit 0. Past `timeoutMs` the process exits 1
 * instead of hanging. Nest closes the HTTP server (`dispose`) before it runs the `onApplicationShutdown`
 * hooks that close MongoDB and Redis, so nothing in flight loses its connections; modules must therefore
 * close connections in `onApplicationShutdown`, never in `onModuleDestroy`.
 */
export function installGracefulShutdown(
  app: { close(): Promise<void> },
  logger: Pino,
  { timeoutMs, state = new ShutdownState(), host = process }: GracefulShutdownOptions,
): void {
  const shutdown = async (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    logger.info({ signal }, 'shutdown: draining in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown: timed out, exiting');
      host.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await app.close();
      clearTimeout(timer);
      logger.info('shutdown: complete');
      logger.flush();
      host.exit(0);
    } catch (error) {
      clearTimeout(timer);
      logger.error({ err: error }, 'shutdown: failed');
      host.exit(1);
    }
  };
  host.once('SIGTERM', (signal) => void shutdown(signal));
  host.once('SIGINT', (signal) => void shutdown(signal));
}
