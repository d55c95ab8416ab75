import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';

import { AuditService } from './audit.service';

/** How often old entries are purged (also once at start). */
export const AUDIT_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Enforces `audit.retentionDays`: deletes older entries once at start and then hourly. No TTL index does
 * it (FerretDB has none). Every API instance runs it; the delete is idempotent, so overlaps are harmless.
 */
@Injectable()
export class AuditPurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly audit: AuditService,
    @InjectPinoLogger(AuditPurgeJob.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), AUDIT_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One purge; resolves (never rejects) when done, and joins a purge already running. */
  run(): Promise<void> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purge(): Promise<void> {
    try {
      const deleted = await this.audit.purgeExpired(new Date());
      this.logger.info({ deleted }, 'audit: purged entries past retention');
    } catch (error) {
      this.logger.warn({ err: error }, 'audit: purge failed; will try again at the next interval');
    }
  }
}
