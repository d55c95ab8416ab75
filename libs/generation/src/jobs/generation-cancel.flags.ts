import { Inject, Injectable } from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { type AppConfig, APP_CONFIG, REDIS_CLIENT } from '@app/core';

const TTL_SECONDS = 24 * 3600;

/**
 * Cancellation requests, in Redis: the API sets the flag; the runner (in whichever process has the job) checks
 * it between steps and while waiting on the LLM, and applies the cancellation itself — the runner stays the
 * only writer of a running generation.
 */
@Injectable()
export class GenerationCancelFlags {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClientType,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(generationId: string): string {
    return `${this.config.redis.keyPrefix}:generation:cancel:${generationId}`;
  }

  async request(generationId: string): Promise<void> {
    await this.redis.set(this.key(generationId), '1', { EX: TTL_SECONDS });
  }

  async isRequested(generationId: string): Promise<boolean> {
    try {
      return (await this.redis.get(this.key(generationId))) === '1';
    } catch {
      return false;
    }
  }
}
