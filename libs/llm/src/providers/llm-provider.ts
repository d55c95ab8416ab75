import { type AttemptSignal } from '../attempt-signal';
import { LlmAbortedError, LlmError } from '../llm.errors';
import { type JsonSchema, type LlmProviderName, type LlmUsage } from '../llm.types';

export type RemoteLlmProviderName = Exclude<LlmProviderName, 'offline'>;

export interface LlmCompleteOptions {
  temperature: number;
  /** The caller's signal; the provider adds its own deadline of `timeoutMs`. */
  signal?: AbortSignal;
  timeoutMs: number;
  /** Names the schema where the API wants a name (OpenAI); `[a-zA-Z0-9_-]{1,64}`. */
  schemaName: string;
  /**
   * Set on the repair attempt: the conversation continues with the model's previous answer and then
   * `feedback` (what was wrong with it) as the next user turn.
   */
  repair?: { previousAnswer: string; feedback: string };
}

export interface LlmCompletion {
  /** The model's text, meant to be JSON; may be empty (blocked, refused). */
  text: string;
  usage: LlmUsage;
}

/**
 * One remote model behind one API. `complete` sends a single request (no retries: the service owns them)
 * and either resolves with the model's text or rejects with an `LlmError`, never anything else.
 */
export interface LlmProvider {
  readonly name: RemoteLlmProviderName;
  readonly model: string;
  complete(
    system: string,
    user: string,
    schema: JsonSchema,
    options: LlmCompleteOptions,
  ): Promise<LlmCompletion>;
}

/** The `LlmError` for a request that got no HTTP answer: aborted by the caller, past its deadline, or network. */
export function transportFailure(
  provider: RemoteLlmProviderName,
  error: unknown,
  attempt: AttemptSignal,
  timeoutMs: number,
  secrets: readonly (string | undefined)[],
): LlmError {
  if (error instanceof LlmError) return error;
  if (attempt.callerAborted()) return new LlmAbortedError(provider, error);
  if (attempt.timedOut()) {
    return new LlmError(`timeout (${timeoutMs} ms)`, { kind: 'timeout', provider, secrets });
  }
  if (error instanceof SyntaxError) {
    return new LlmError(`malformed response: ${error.message}`, {
      kind: 'server',
      provider,
      secrets,
      cause: error,
    });
  }
  return new LlmError(`network error: ${describeCause(error)}`, {
    kind: 'network',
    provider,
    secrets,
    cause: error,
  });
}

/** `fetch failed (ECONNREFUSED)`-style text of a thrown error and its cause. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return detail ? `${error.message} (${detail})` : error.message;
}

/** Non-negative integer token count from an API field. */
export function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
