import { Inject, Injectable } from '@nestjs/common';
import {
  type AppConfig,
  APP_CONFIG,
  ApiKeyVerifier,
  Clock,
  type CursorPage,
  DomainError,
  type Principal,
  type Scope,
  hasScopes,
  toCursorPage,
} from '@app/core';

import { ApiKeyCache } from './api-key-cache';
import { type ApiKeyRecord, ApiKeyRepository, DuplicatePrefixError } from './api-key.repository';
import { generateApiKey, hashApiKey, prefixOf, sameHash } from './api-key-secret';
import {
  type ApiKeyDto,
  type CreateApiKeyDto,
  type CreatedApiKeyDto,
  type ListApiKeysQueryDto,
} from './dto/api-key.dto';
import { LastUsedTracker } from './last-used.tracker';
import { type UserRecord, UserRepository } from './user.repository';
import { UsersErrorCode, apiKeyNotFound, scopeNotGrantable, userNotFound } from './users.errors';

const MAX_ACTIVE_KEYS = 50;
const MAX_EXPIRY_MS = 2 * 366 * 24 * 3600 * 1000;

/**
 * API keys: issued, listed, revoked and rotated for their owner, and verified on every request. The
 * secret exists only in the create/rotate response; the database holds its SHA-256 hash and prefix.
 */
@Injectable()
export class ApiKeysService extends ApiKeyVerifier {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly cache: ApiKeyCache,
    private readonly lastUsed: LastUsedTracker,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async verify(presentedKey: string): Promise<Principal | null> {
    const hash = hashApiKey(presentedKey);
    const now = this.clock.now();
    let principal = this.cache.get(hash, now.getTime()) ?? null;
    if (!principal) {
      const generation = this.cache.generation;
      const key = await this.keys.findByPrefix(prefixOf(presentedKey));
      if (!key || !sameHash(key.hash, hash) || statusOf(key, now) !== 'active') return null;
      const user = await this.users.findById(key.userId);
      if (!user || user.deactivatedAt) return null;
      principal = {
        userId: user.id,
        role: user.role,
        keyId: key.id,
        keyPrefix: key.prefix,
        // A key's admin scope works only while its user is an admin.
        scopes: key.scopes.filter((scope) => scope !== 'admin' || user.role === 'admin'),
      };
      this.cache.set(hash, principal, key.expiresAt, now.getTime(), generation);
    }
    this.lastUsed.touch(principal.keyId, now);
    return principal;
  }

  /** A key for the caller (`ownerId === caller.userId`) or, by an admin, for another user. */
  async create(caller: Principal, ownerId: string, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const owner = await this.users.findById(ownerId);
    if (!owner || (owner.id !== caller.userId && !hasScopes(caller.scopes, ['admin']))) throw userNotFound();
    this.assertGrantable(caller, owner, input.scopes);
    const now = this.clock.now();
    const expiresAt = this.parseExpiry(input.expiresAt, now);
    if ((await this.keys.countActive(owner.id, now)) >= MAX_ACTIVE_KEYS) {
      throw new DomainError({
        status: 409,
        code: UsersErrorCode.TooManyKeys,
        detail: `A user may hold at most ${MAX_ACTIVE_KEYS} active API keys; revoke one first.`,
      });
    }
    return this.withFreshSecret(async (secret) => {
      const key = await this.keys.create({
        userId: owner.id,
        name: input.name,
        prefix: secret.prefix,
        hash: secret.hash,
        scopes: input.scopes,
        expiresAt,
      });
      return { ...this.toDto(key, now), key: secret.key };
    });
  }

  async list(ownerId: string, query: ListApiKeysQueryDto): Promise<CursorPage<ApiKeyDto>> {
    if (!(await this.users.findById(ownerId))) throw userNotFound();
    const now = this.clock.now();
    const rows = await this.keys.list(ownerId, query, now);
    return toCursorPage(
      rows.map((key) => this.toDto(key, now)),
      query.limit,
    );
  }

  async get(ownerId: string, id: string): Promise<ApiKeyDto> {
    const key = await this.keys.findById(ownerId, id);
    if (!key) throw apiKeyNotFound();
    return this.toDto(key, this.clock.now());
  }

  /**
   * Revoking is immediate (every instance forgets the key) and idempotent. A key may revoke or rotate
   * only keys whose scopes it holds itself: managing a stronger key is how a weak one would escalate.
   */
  async revoke(caller: Principal, ownerId: string, id: string): Promise<ApiKeyDto> {
    await this.findManageable(caller, ownerId, id);
    const now = this.clock.now();
    const key = await this.keys.revoke(ownerId, id, now);
    if (!key) throw apiKeyNotFound();
    await this.cache.evict({ keyId: key.id });
    return this.toDto(key, now);
  }

  /** New secret (and prefix) for the same key; the old secret stops working at once. */
  async rotate(caller: Principal, ownerId: string, id: string): Promise<CreatedApiKeyDto> {
    const existing = await this.findManageable(caller, ownerId, id);
    const now = this.clock.now();
    if (statusOf(existing, now) !== 'active') {
      throw new DomainError({
        status: 409,
        code: UsersErrorCode.ApiKeyRevoked,
        detail: `This API key is ${statusOf(existing, now)}; create a new one instead.`,
      });
    }
    return this.withFreshSecret(async (secret) => {
      const key = await this.keys.replaceSecret(
        ownerId,
        id,
        { prefix: secret.prefix, hash: secret.hash },
        now,
      );
      if (!key) throw apiKeyNotFound();
      await this.cache.evict({ keyId: key.id });
      return { ...this.toDto(key, now), key: secret.key };
    });
  }

  /** Makes every cached key of a user be verified again (deactivation, role change). */
  async forgetUser(userId: string): Promise<void> {
    await this.cache.evict({ userId });
  }

  private async findManageable(caller: Principal, ownerId: string, id: string): Promise<ApiKeyRecord> {
    const key = await this.keys.findById(ownerId, id);
    if (!key) throw apiKeyNotFound();
    const stronger = key.scopes.filter((scope) => !hasScopes(caller.scopes, [scope]));
    if (stronger.length > 0) throw scopeNotGrantable(stronger);
    return key;
  }

  private assertGrantable(caller: Principal, owner: UserRecord, scopes: readonly Scope[]): void {
    const notGrantable = scopes.filter(
      (scope) => (scope === 'admin' && owner.role !== 'admin') || !hasScopes(caller.scopes, [scope]),
    );
    if (notGrantable.length > 0) throw scopeNotGrantable(notGrantable);
  }

  private parseExpiry(expiresAt: string | undefined, now: Date): Date | null {
    if (!expiresAt) return null;
    const at = new Date(expiresAt);
    if (at.getTime() <= now.getTime() || at.getTime() - now.getTime() > MAX_EXPIRY_MS) {
      throw new DomainError({
        status: 400,
        code: UsersErrorCode.InvalidExpiry,
        detail: 'expiresAt must be in the future and at most 2 years ahead.',
        errors: [
          {
            in: 'body',
            field: 'expiresAt',
            rule: 'futureDate',
            message: 'expiresAt must be in the future, within 2 years',
          },
        ],
      });
    }
    return at;
  }

  /** Runs `use` with a new secret, retrying on the (2^-32) chance its prefix is already taken. */
  private async withFreshSecret<T>(
    use: (secret: ReturnType<typeof generateApiKey>) => Promise<T>,
  ): Promise<T> {
    const environment =
      this.config.profile === 'production' || this.config.profile === 'staging' ? 'live' : 'test';
    for (let attempt = 1; ; attempt++) {
      try {
        return await use(generateApiKey(environment));
      } catch (error) {
        if (!(error instanceof DuplicatePrefixError) || attempt >= 3) throw error;
      }
    }
  }

  private toDto(key: ApiKeyRecord, now: Date): ApiKeyDto {
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      status: statusOf(key, now),
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: iso(this.lastUsed.latest(key.id, key.lastUsedAt)),
      expiresAt: iso(key.expiresAt),
      revokedAt: iso(key.revokedAt),
      rotatedAt: iso(key.rotatedAt),
    };
  }
}

function statusOf(key: ApiKeyRecord, now: Date): ApiKeyDto['status'] {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
