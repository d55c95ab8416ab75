import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { type AppConfig, APP_CONFIG, type Principal, REDIS_CLIENT } from '@app/core';

interface Entry {
  principal: Principal;
  until: number;
}

type Eviction = { keyId: string } | { userId: string };

const MAX_ENTRIES = 10_000;

/**
 * Verified keys remembered in-process (by the hash of the presented key), so a warm request costs no
 * database round trip. Revocation, rotation, deactivation and role changes evict entries at once here and,
 * through Redis pub/sub, on every other instance; the TTL bounds staleness if that message is lost.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, Entry>();
  private evictions = 0;
  private readonly channel: string;
  private subscriber?: RedisClientType;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClientType,
  ) {
    this.channel = `${config.redis.keyPrefix}:auth:evict`;
  }

  onModuleInit(): void {
    if (this.config.auth.cacheTtlMs === 0) return;
    const subscriber = this.redis.duplicate() as RedisClientType;
    subscriber.on('error', () => undefined); // the shared client already logs Redis outages
    this.subscriber = subscriber;
    subscriber
      .connect()
      .then(() => subscriber.subscribe(this.channel, (message) => this.applyEviction(message)))
      .catch((error: Error) => this.logger.warn(`auth eviction subscription failed: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber?.isOpen) await this.subscriber.close();
  }

  get(hash: string, now: number): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  /**
   * Bumped by every eviction, local or broadcast. A verification notes it before reading the database
   * and passes it to `set`: if an eviction happened meanwhile (a revoke racing the read), the possibly
   * stale result is not cached.
   */
  get generation(): number {
    return this.evictions;
  }

  set(
    hash: string,
    principal: Principal,
    keyExpiresAt: Date | null,
    now: number,
    readAtGeneration: number,
  ): void {
    if (this.config.auth.cacheTtlMs === 0 || readAtGeneration !== this.evictions) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const until = Math.min(now + this.config.auth.cacheTtlMs, keyExpiresAt?.getTime() ?? Infinity);
    this.entries.set(hash, { principal, until });
  }

  /** Forgets a key (or every key of a user) here and on every other instance. */
  async evict(target: Eviction): Promise<void> {
    this.evictLocally(target);
    try {
      await this.redis.publish(this.channel, JSON.stringify(target));
    } catch (error) {
      this.logger.warn(
        `could not broadcast an auth eviction (other instances expire it within the TTL): ${String(error)}`,
      );
    }
  }

  private applyEviction(message: string): void {
    try {
      this.evictLocally(JSON.parse(message) as Eviction);
    } catch {
      this.logger.warn('ignored a malformed auth eviction message');
    }
  }

  private evictLocally(target: Eviction): void {
    this.evictions++;
    for (const [hash, { principal }] of this.entries) {
      if ('keyId' in target ? principal.keyId === target.keyId : principal.userId === target.userId) {
        this.entries.delete(hash);
      }
    }
  }
}
