/**
 * What can go wrong talking to a provider, as one error class with a `kind`. The service decides from the
 * kind alone: transient kinds are retried with backoff, the others fall back to the offline answer at once,
 * and `aborted` (the caller cancelled) propagates.
 */
import { STATUS_CODES } from 'node:http';

import { type LlmProviderName } from './llm.types';

export type LlmFailureKind =
  /** The attempt ran past `config.llm.timeoutMs`. */
  | 'timeout'
  /** No HTTP answer: connection refused or reset, DNS, TLS. */
  | 'network'
  /** 429. */
  | 'rate-limited'
  /** 5xx, or a 2xx whose envelope is not what the API documents. */
  | 'server'
  /** 401/403: a wrong, missing or unauthorised key. */
  | 'auth'
  /** Any other 4xx: the request itself is wrong (schema, model name, ...). */
  | 'bad-request'
  /** The provider cannot be used as configured (e.g. no API key). */
  | 'not-configured'
  /** The caller's signal aborted the call. */
  | 'aborted';

const TRANSIENT: ReadonlySet<LlmFailureKind> = new Set(['timeout', 'network', 'rate-limited', 'server']);

export interface LlmErrorDetails {
  kind: LlmFailureKind;
  provider: LlmProviderName;
  /** HTTP status when there was an answer. */
  status?: number;
  /** How long the provider asked to wait (Retry-After, `retry-after-ms`, Google's RetryInfo). */
  retryAfterMs?: number;
  /** Secrets to remove from the message (the API key). */
  secrets?: readonly (string | undefined)[];
  cause?: unknown;
}

export class LlmError extends Error {
  readonly kind: LlmFailureKind;
  readonly provider: LlmProviderName;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: LlmErrorDetails) {
    super(
      redact(message, details.secrets ?? []),
      details.cause === undefined ? {} : { cause: details.cause },
    );
    this.name = 'LlmError';
    this.kind = details.kind;
    this.provider = details.provider;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Worth another attempt after a backoff. */
  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }

  /** Short and secret-free, for `degraded.reason`: `500 Internal Server Error`, `timed out after 60000 ms`. */
  get summary(): string {
    if (this.status !== undefined) return `${this.status} ${STATUS_CODES[this.status] ?? 'HTTP error'}`;
    return this.message;
  }
}

/** The caller cancelled the call. */
export class LlmAbortedError extends LlmError {
  constructor(provider: LlmProviderName, cause?: unknown) {
    super('LLM call aborted', { kind: 'aborted', provider, cause });
    this.name = 'LlmAbortedError';
  }
}

/** Replaces every occurrence of each secret (at least 4 characters long) with `[REDACTED]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

/** Kind of an HTTP error status. */
export function kindOfStatus(status: number): LlmFailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500) return 'server';
  return 'bad-request';
}
