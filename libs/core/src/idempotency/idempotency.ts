/**
 * The pure parts of `Idempotency-Key` handling (IETF draft "The Idempotency-Key HTTP Header Field",
 * Stripe's behaviour): key validation, the request fingerprint, which responses are kept, and the shape
 * of what is kept in Redis. No I/O here.
 */
import { createHash } from 'node:crypto';

import { PROBLEM_CONTENT_TYPE_HEADER, buildProblem } from '../errors/problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** A completed request's response is replayed for this long. */
export const IDEMPOTENCY_RESPONSE_TTL_SECONDS = 24 * 60 * 60;
/** How long a request in flight holds its key; past it (a crashed instance) a retry may run again. */
export const IDEMPOTENCY_LOCK_TTL_MS = 60_000;
/** Larger responses are not kept (a retry then runs again). */
export const IDEMPOTENCY_MAX_BODY_BYTES = 1024 * 1024;

/** The response headers a replay repeats (besides the body and status); never per-request ones. */
export const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'last-modified', 'content-disposition'];

export enum IdempotencyErrorCode {
  InvalidKey = 'invalid_idempotency_key',
  KeyReused = 'idempotency_key_reused',
  InProgress = 'idempotency_key_in_progress',
  NotReplayable = 'idempotency_response_not_replayable',
}

/** 1-255 visible ASCII characters (0x21-0x7E): no spaces, no control characters, nothing else. */
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_SHAPE.test(value);
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * What makes two requests "the same request": SHA-256 of the method, the URL (path and query) and the
 * body. A parsed JSON body is hashed as re-serialised (a retry of the same bytes gives the same text).
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method.toUpperCase()}\n${url}\n`);
  if (typeof body === 'string' || Buffer.isBuffer(body)) hash.update(body);
  else if (body !== undefined && body !== null) hash.update(JSON.stringify(body));
  return hash.digest('hex');
}

/**
 * The Redis key of one caller's Idempotency-Key: scoped by the API key that sent it (so two callers never
 * collide), the client's key hashed (bounded length, nothing of the client's choosing in key names).
 */
export function idempotencyStorageKey(prefix: string, keyId: string, idempotencyKey: string): string {
  return `${prefix}:idem:${keyId}:${sha256(idempotencyKey)}`;
}

/**
 * Kept and replayed: successes, and the request's own faults a retry would only repeat (400, 413, 415,
 * 422). Not kept: 401/403/404/409/429 (they depend on state that may change) and 5xx (our failure: a
 * retry should run again).
 */
export function isStorableStatus(status: number): boolean {
  return (status >= 200 && status < 300) || [400, 413, 415, 422].includes(status);
}

export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly encoding: 'utf8' | 'base64';
}

export type IdempotencyRecord =
  | { readonly state: 'pending'; readonly fingerprint: string; readonly token: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly response: StoredResponse };

/**
 * A response that must never be stored (`Cache-Control: no-store`, e.g. one holding an API key secret that
 * is shown once) is replaced by a 409 problem saying the request already succeeded, naming what it created.
 */
export function sealedResponse(
  status: number,
  payload: unknown,
  instance: string,
  requestId: string,
): StoredResponse {
  let resourceId: unknown;
  try {
    resourceId = typeof payload === 'string' ? (JSON.parse(payload) as { id?: unknown }).id : undefined;
  } catch {
    resourceId = undefined;
  }
  const body = buildProblem({
    status: 409,
    code: IdempotencyErrorCode.NotReplayable,
    title: 'Already done',
    detail:
      `The request with this Idempotency-Key already succeeded (${status}); its response held a secret that is ` +
      'shown only once, so it is not kept. Read the resource it created or changed instead.',
    instance,
    requestId,
    extensions: typeof resourceId === 'string' ? { resourceId } : {},
  });
  return {
    status: 409,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE_HEADER },
    body: JSON.stringify(body),
    encoding: 'utf8',
  };
}

/** Whether a response forbids storing it (`Cache-Control: no-store`). */
export function isNoStore(headers: Readonly<Record<string, unknown>>): boolean {
  const value = headers['cache-control'];
  return typeof value === 'string' && /(^|,)\s*no-store\s*(,|$)/i.test(value);
}

/** A response as kept for replay, or undefined when it cannot be kept (a stream, or too large). */
export function toStoredResponse(
  status: number,
  headers: Readonly<Record<string, unknown>>,
  payload: unknown,
  maxBodyBytes = IDEMPOTENCY_MAX_BODY_BYTES,
): StoredResponse | undefined {
  let body: string;
  let encoding: StoredResponse['encoding'] = 'utf8';
  if (payload === undefined || payload === null) body = '';
  else if (typeof payload === 'string') {
    if (Buffer.byteLength(payload) > maxBodyBytes) return undefined;
    body = payload;
  } else if (Buffer.isBuffer(payload)) {
    if (payload.length > maxBodyBytes) return undefined;
    body = payload.toString('base64');
    encoding = 'base64';
  } else return undefined;
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' || typeof value === 'number') kept[name] = String(value);
  }
  return { status, headers: kept, body, encoding };
}

/** The body of a stored response as it is sent again. */
export function storedBody(response: StoredResponse): string | Buffer {
  return response.encoding === 'base64' ? Buffer.from(response.body, 'base64') : response.body;
}

/** A record read back from Redis, or undefined when there is none or it is not one of ours. */
export function parseIdempotencyRecord(raw: string | null | undefined): IdempotencyRecord | undefined {
  if (!raw) return undefined;
  try {
    const record = JSON.parse(raw) as Partial<IdempotencyRecord> | null;
    if (!record || typeof record.fingerprint !== 'string') return undefined;
    if (record.state === 'pending' && typeof record.token === 'string') return record as IdempotencyRecord;
    if (record.state === 'done' && typeof record.response?.status === 'number') {
      return record as IdempotencyRecord;
    }
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
