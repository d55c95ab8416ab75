import { type LlmProviderName } from '@app/core';

export type { LlmProviderName } from '@app/core';

/** Tokens one call (or all attempts of one call, summed) used. The offline provider uses none. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/**
 * A JSON Schema for the answer, kept to the subset both Gemini (`responseJsonSchema`) and OpenAI structured
 * outputs (`response_format.json_schema`) accept: `type`, `properties`, `required`, `items`, `enum`,
 * `description`, `additionalProperties: false`, `minItems`/`maxItems`, `nullable` types as `['string', 'null']`.
 * OpenAI's strict mode is used only when every object lists all its properties in `required` and sets
 * `additionalProperties: false` (see `isStrictSchema`).
 */
export type JsonSchema = Record<string, unknown>;

export type LlmValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface LlmJsonRequest<T> {
  /** What the call is for, e.g. `resume-draft`: logs and OpenAI's schema name. */
  task: string;
  /** Version of the prompt, stored with the result by the caller. */
  promptVersion: string;
  /** Instructions. */
  system: string;
  /** The data, already quoted/delimited by the caller (it is untrusted). */
  user: string;
  /** Schema of the answer. */
  schema: JsonSchema;
  /** Checks the parsed answer; its errors are sent back to the model once in a repair attempt. */
  validate: (value: unknown) => LlmValidation<T>;
  /** What the offline provider answers: deterministic, no network. Also the fallback when a provider fails. */
  offline: () => T;
  /** Overrides `config.llm.temperature`. */
  temperature?: number;
}

export interface LlmDegradation {
  /** Human-readable, without secrets, e.g. `gemini: 500 Internal Server Error after 4 attempts`. */
  reason: string;
  /** The provider that failed. */
  from: LlmProviderName;
}

export interface LlmJsonResult<T> {
  value: T;
  /** Who produced `value`: `offline` when degraded. */
  provider: LlmProviderName;
  model: string;
  /** Summed over every attempt, including failed ones (they are billed too). */
  usage: LlmUsage;
  /** Requests sent to the provider (0 offline). */
  attempts: number;
  /** `value` came from the repair attempt (the first answer was not valid). */
  repaired: boolean;
  /** Set when the configured provider failed and `value` is the offline answer. */
  degraded: LlmDegradation | null;
  durationMs: number;
}

export interface LlmCallOptions {
  /** Overrides the configured provider for this call. */
  provider?: LlmProviderName;
  /** Cancels the call (no fallback: the call rejects with `LlmAbortedError`). */
  signal?: AbortSignal;
}

export const ZERO_USAGE: Readonly<LlmUsage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
});

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
