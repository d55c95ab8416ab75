import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type AppConfig, APP_CONFIG } from '@app/core';

import { ApiKeyRepository } from './api-key.repository';

/**
 * `lastUsedAt` without a write per request: uses are noted in memory and written in one batch every
 * AUTH_LAST_USED_FLUSH_MS (and on shutdown). Reads merge the pending value, so lists are never stale.
 */
@Injectable()
export class LastUsedTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedTracker.name);
  private pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.auth.lastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  touch(keyId: string, at: Date): void {
    this.pending.set(keyId, at);
  }

  latest(keyId: string, stored: Date | null): Date | null {
    const pending = this.pending.get(keyId);
    return pending && (!stored || pending > stored) ? pending : stored;
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.keys.recordLastUsed(batch);
    } catch (error) {
      // Keep the values for the next flush unless a newer use replaced them meanwhile.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn(`lastUsedAt flush failed, will retry: ${(error as Error).message}`);
    }
  }
}
