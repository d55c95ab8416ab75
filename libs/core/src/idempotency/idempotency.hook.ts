import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { type RedisClientType } from '@keyv/redis';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';

import { ApiKeyVerifier } from '../auth/api-key-verifier';
import { presentedKey } from '../auth/api-key.guard';
import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PROBLEM_CONTENT_TYPE_HEADER, buildProblem } from '../errors/problem';
import { REDIS_CLIENT } from '../redis/redis-client.module';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyErrorCode,
  type StoredResponse,
  idempotencyStorageKey,
  isNoStore,
  isStorableStatus,
  sealedResponse,
  isValidIdempotencyKey,
  requestFingerprint,
  storedBody,
  toStoredResponse,
} from './idempotency';
import { IdempotencyStore } from './idempotency.store';

/** At most one "Redis is unavailable" warning per this many ms (an outage would otherwise log per request). */
const WARN_EVERY_MS = 10_000;

interface Held {
  readonly key: string;
  readonly lock: string;
}

/**
 * `Idempotency-Key` on POST requests, through two Fastify hooks (no Nest interceptor: requests without
 * the header cost one method check and one header lookup).
 *
 * `preHandler` runs before Nest's guards, so it authenticates the presented API key itself through the
 * same `ApiKeyVerifier` the guard uses (an in-process cache hit on a warm key). No valid key → nothing to
 * do: the guard answers 401. Records are scoped per API key (`keyId`), so a stored response is only ever
 * replayed to the very key that received it, and only while that key is still valid: no scope check is
 * skipped that the original request had not passed. Then: a bad header → 400; a first request takes the
 * key (SET NX, short TTL) and runs; a retry of a finished request is answered from Redis with
 * `Idempotent-Replayed: true`; a different request under the same key → 422; a retry while the first
 * still runs → 409.
 *
 * `onSend` (for the request holding the key) keeps the response for 24 h when the guard let it through
 * (`request.principal` set: public routes are never tracked) and its status is worth replaying, else
 * releases the key. It awaits Redis, so a retry after the response always finds the stored one.
 *
 * Redis unavailable → the request runs without idempotency and a warning is logged.
 */
@Injectable()
export class IdempotencyHook implements OnModuleInit {
  private readonly store: IdempotencyStore;
  private readonly held = new WeakMap<FastifyRequest, Held>();
  private verifier: ApiKeyVerifier | undefined;
  private lastWarnAt = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) client: RedisClientType,
    @InjectPinoLogger(IdempotencyHook.name) private readonly logger: PinoLogger,
  ) {
    this.store = new IdempotencyStore(client);
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return; // a standalone context: no HTTP
    try {
      this.verifier = this.moduleRef.get(ApiKeyVerifier, { strict: false });
    } catch {
      this.logger.warn('idempotency: no ApiKeyVerifier in the application; Idempotency-Key is ignored');
      return;
    }
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', (request, reply, done) => {
      // Multipart bodies are read by their route, after this hook: their content cannot be fingerprinted here,
      // so uploads are not tracked (a retry runs again).
      const multipart = request.headers['content-type']?.startsWith('multipart/') === true;
      if (request.method !== 'POST' || request.headers[IDEMPOTENCY_KEY_HEADER] === undefined || multipart) {
        done();
        return;
      }
      this.begin(request, reply).then(
        (answered) => {
          if (!answered) done();
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'idempotency: unexpected failure; request runs without it');
          done();
        },
      );
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const held = request.method === 'POST' ? this.held.get(request) : undefined;
      if (!held) {
        done(null, payload);
        return;
      }
      this.held.delete(request);
      void this.complete(request, reply, payload, held).then(() => done(null, payload));
    });
  }

  /** True when the request was answered here (400, 409, 422 or a replay). */
  async begin(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const presented = presentedKey(request);
    if (!presented || !this.verifier) return false;
    const principal = await this.verifier.verify(presented).catch(() => null);
    if (!principal) return false; // not authenticated: the guard answers
    const idempotencyKey = request.headers[IDEMPOTENCY_KEY_HEADER];
    // Answers given here are attributed to the verified key (request log, audit entry). Requests that go
    // on are left to the guard, which sets the principal itself (and none on public routes).
    const answerAs = () => (request.principal = principal);
    if (!isValidIdempotencyKey(idempotencyKey)) {
      answerAs();
      this.problem(request, reply, 400, IdempotencyErrorCode.InvalidKey, {
        detail: 'The Idempotency-Key header must be 1-255 visible ASCII characters (no spaces), sent once.',
      });
      return true;
    }
    if (!this.store.ready) {
      this.warnUnavailable('Redis is not connected');
      return false;
    }
    const key = idempotencyStorageKey(this.config.redis.keyPrefix, principal.keyId, idempotencyKey);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    let outcome;
    try {
      outcome = await this.store.begin(key, fingerprint);
    } catch (error) {
      this.warnUnavailable((error as Error).message);
      return false;
    }
    switch (outcome.kind) {
      case 'acquired':
        this.held.set(request, { key, lock: outcome.lock });
        return false;
      case 'replay':
        answerAs();
        this.replay(request, reply, outcome.response);
        return true;
      case 'mismatch':
        answerAs();
        this.problem(request, reply, 422, IdempotencyErrorCode.KeyReused, {
          title: 'Idempotency key reused',
          detail: 'This Idempotency-Key was already used for a different request (method, path or body).',
        });
        return true;
      case 'in_progress':
        answerAs();
        this.problem(request, reply, 409, IdempotencyErrorCode.InProgress, {
          title: 'Request in progress',
          detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
          headers: { 'retry-after': '1' },
        });
        return true;
    }
  }

  private async complete(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    held: Held,
  ): Promise<void> {
    const status = reply.statusCode;
    const headers = reply.getHeaders();
    const storable = request.principal !== undefined && isStorableStatus(status);
    // A `no-store` success (e.g. a new API key's secret) is kept only as "already done"; a `no-store`
    // error is not kept at all (a retry runs again).
    const response = !storable
      ? undefined
      : !isNoStore(headers)
        ? toStoredResponse(status, headers, payload)
        : status < 300
          ? sealedResponse(status, payload, request.url, String(request.id))
          : undefined;
    try {
      await this.store.complete(held.key, held.lock, response);
    } catch (error) {
      this.warnUnavailable((error as Error).message);
    }
  }

  private replay(request: FastifyRequest, reply: FastifyReply, response: StoredResponse): void {
    void reply
      .code(response.status)
      .headers(response.headers)
      .header(IDEMPOTENT_REPLAYED_HEADER, 'true')
      .send(storedBody(response));
  }

  private problem(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    code: IdempotencyErrorCode,
    options: { detail: string; title?: string; headers?: Record<string, string> },
  ): void {
    void reply
      .code(status)
      .headers(options.headers ?? {})
      .header('content-type', PROBLEM_CONTENT_TYPE_HEADER)
      .send(
        buildProblem({
          status,
          code,
          title: options.title,
          detail: options.detail,
          instance: request.url,
          requestId: String(request.id),
        }),
      );
  }

  private warnUnavailable(reason: string): void {
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.logger.warn(
      { reason },
      'idempotency: Redis unavailable; requests run without Idempotency-Key protection',
    );
  }
}
