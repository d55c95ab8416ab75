import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { type AppConfig, APP_CONFIG, withTimeout } from '@app/core';

import { type AuditEntryInput, AuditLogRepository, type NewAuditEntry } from './audit-log.repository';

/** The buffer holds at most this many batches; past that the oldest entries are dropped. */
export const AUDIT_BUFFER_BATCHES = 10;
/** Retries after failed flushes back off exponentially from the flush interval up to this. */
export const AUDIT_MAX_BACKOFF_MS = 30_000;
/** At shutdown, the last flush gets at most this long (and half the shutdown timeout at most). */
const SHUTDOWN_FLUSH_BUDGET_MS = 5_000;
/** Dropped entries are reported at most this often. */
const DROP_WARNING_INTERVAL_MS = 5_000;

/**
 * Buffers audit entries in memory and writes them in batches: every `audit.flushIntervalMs`, or as soon
 * as `audit.batchSize` entries are waiting. Recording never waits and never throws, so a slow or down
 * database costs a request nothing. A failed write keeps its entries and is retried with exponential
 * backoff; the buffer is bounded (`AUDIT_BUFFER_BATCHES` × batch size) and drops its oldest entries, with a
 * warning, past that. Whatever is still buffered is written at application shutdown, which Nest runs
 * after the HTTP server has drained and before the MongoDB connection closes.
 */
@Injectable()
export class AuditWriterService implements OnModuleInit, OnApplicationShutdown {
  private readonly batchSize: number;
  private readonly bufferLimit: number;
  private readonly intervalMs: number;
  private readonly shutdownBudgetMs: number;
  private buffer: NewAuditEntry[] = [];
  private inFlight = 0;
  private flushing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private failedAttempts = 0;
  private retryAt = 0;
  private droppedUnreported = 0;
  private lastDropWarningAt = 0;

  constructor(
    private readonly repository: AuditLogRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectPinoLogger(AuditWriterService.name) private readonly logger: PinoLogger,
  ) {
    this.batchSize = config.audit.batchSize;
    this.bufferLimit = config.audit.batchSize * AUDIT_BUFFER_BATCHES;
    this.intervalMs = config.audit.flushIntervalMs;
    this.shutdownBudgetMs = Math.min(SHUTDOWN_FLUSH_BUDGET_MS, config.http.shutdownTimeoutMs / 2);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.reportDrops(false);
      void this.flush();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Entries waiting to be written (buffered or in a write that has not finished). */
  get pending(): number {
    return this.buffer.length + this.inFlight;
  }

  /** Queues an entry. Never throws and never waits: the caller is a request on its way out. */
  record(entry: AuditEntryInput): void {
    try {
      this.buffer.push({ id: this.repository.newId(), ...entry });
      this.enforceBound();
      if (this.buffer.length >= this.batchSize) void this.flush();
    } catch (error) {
      this.logger.error({ err: error }, 'audit: could not buffer an entry');
    }
  }

  /**
   * Writes what is buffered, batch by batch, until the buffer is empty or a write fails. Resolves (never
   * rejects) when done; joins a flush already running; does nothing while a retry is not yet due.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0 || Date.now() < this.retryAt) return Promise.resolve();
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.reportDrops(true);
    const deadline = Date.now() + this.shutdownBudgetMs;
    try {
      for (let attempt = 1; this.pending > 0 && Date.now() < deadline; attempt++) {
        this.retryAt = 0;
        await withTimeout(this.flush(), Math.max(1, deadline - Date.now()), 'audit flush');
        if (this.buffer.length > 0) await sleep(Math.min(100 * attempt, Math.max(0, deadline - Date.now())));
      }
    } catch {
      // Timed out: reported below with whatever is still unwritten.
    }
    if (this.pending > 0) {
      this.logger.error({ lost: this.pending }, 'audit: entries could not be written before shutdown');
    }
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      this.inFlight = batch.length;
      try {
        const { rejected } = await this.repository.insertMany(batch);
        if (rejected > 0) {
          this.logger.error(
            { rejected, batch: batch.length },
            'audit: the database rejected entries; dropped',
          );
        }
      } catch (error) {
        this.buffer.unshift(...batch);
        this.enforceBound();
        this.failedAttempts += 1;
        const retryInMs = Math.min(AUDIT_MAX_BACKOFF_MS, this.intervalMs * 2 ** (this.failedAttempts - 1));
        this.retryAt = Date.now() + retryInMs;
        this.logger.warn(
          { err: error, attempt: this.failedAttempts, buffered: this.buffer.length, retryInMs },
          'audit: writing entries failed; keeping them and retrying',
        );
        return;
      } finally {
        this.inFlight = 0;
      }
      if (this.failedAttempts > 0) {
        this.logger.info({ failedAttempts: this.failedAttempts }, 'audit: writing entries recovered');
        this.failedAttempts = 0;
        this.retryAt = 0;
      }
    }
  }

  /** Drops the oldest entries past the bound; warns at once, then at most every few seconds. */
  private enforceBound(): void {
    const excess = this.buffer.length - this.bufferLimit;
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.droppedUnreported += excess;
    this.reportDrops(false);
  }

  private reportDrops(force: boolean): void {
    const now = Date.now();
    if (this.droppedUnreported === 0) return;
    if (!force && now - this.lastDropWarningAt < DROP_WARNING_INTERVAL_MS) return;
    this.logger.warn(
      { dropped: this.droppedUnreported, bufferLimit: this.bufferLimit },
      'audit: buffer full; dropped the oldest entries',
    );
    this.droppedUnreported = 0;
    this.lastDropWarningAt = now;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
