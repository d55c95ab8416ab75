/**
 * Any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, LM Studio...) over plain `fetch`:
 * `POST {baseUrl}/chat/completions` with `response_format: { type: 'json_schema', json_schema: { name, schema,
 * strict } }`, and `Authorization: Bearer` only when a key is configured (local servers need none).
 */
import { attemptSignal } from '../attempt-signal';
import { isStrictSchema } from '../json-output';
import { kindOfStatus, LlmError } from '../llm.errors';
import { type JsonSchema } from '../llm.types';
import { parseRetryAfter, parseRetryAfterMs } from '../retry-policy';
import {
  type LlmCompleteOptions,
  type LlmCompletion,
  type LlmProvider,
  tokens,
  transportFailure,
} from './llm-provider';

export interface OpenAiCompatibleProviderOptions {
  apiKey?: string;
  model: string;
  /** Up to and including the version, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string;
}

interface ChatCompletion {
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

interface OpenAiErrorBody {
  error?: { message?: string; type?: string; code?: string | number | null };
}

/** Largest error body read (for its message). */
const MAX_ERROR_BODY_CHARS = 8 * 1024;

export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name = 'openai-compatible' as const;
  readonly model: string;
  private readonly endpoint: string;
  private readonly apiKey: string | undefined;
  private readonly secrets: readonly (string | undefined)[];

  constructor(options: OpenAiCompatibleProviderOptions) {
    this.model = options.model;
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.apiKey = options.apiKey;
    this.secrets = [options.apiKey];
  }

  async complete(
    system: string,
    user: string,
    schema: JsonSchema,
    options: LlmCompleteOptions,
  ): Promise<LlmCompletion> {
    const messages = [
      { role: 'system', content: system },
      { role: 'user', content: user },
      ...(options.repair
        ? [
            { role: 'assistant', content: options.repair.previousAnswer },
            { role: 'user', content: options.repair.feedback },
          ]
        : []),
    ];
    const body = {
      model: this.model,
      messages,
      temperature: options.temperature,
      response_format: {
        type: 'json_schema',
        json_schema: { name: options.schemaName, schema, strict: isStrictSchema(schema) },
      },
    };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;

    const attempt = attemptSignal(options.timeoutMs, options.signal);
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: attempt.signal,
      });
      if (!response.ok) throw await this.httpFailure(response);
      let completion: ChatCompletion;
      try {
        completion = (await response.json()) as ChatCompletion;
      } catch (error) {
        if (attempt.timedOut() || attempt.callerAborted()) throw error;
        throw this.malformed('the response body is not JSON');
      }
      const choice = completion?.choices?.[0];
      if (!choice?.message) throw this.malformed('the response has no choices[0].message');
      const usage = completion.usage;
      const inputTokens = tokens(usage?.prompt_tokens);
      const outputTokens = tokens(usage?.completion_tokens);
      return {
        // A refusal has no content: an empty answer, which the service treats as invalid output.
        text: typeof choice.message.content === 'string' ? choice.message.content : '',
        usage: {
          inputTokens,
          outputTokens,
          totalTokens: tokens(usage?.total_tokens) || inputTokens + outputTokens,
        },
      };
    } catch (error) {
      throw transportFailure(this.name, error, attempt, options.timeoutMs, this.secrets);
    } finally {
      attempt.dispose();
    }
  }

  private async httpFailure(response: Response): Promise<LlmError> {
    const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS);
    let message: string | undefined;
    let code: string | undefined;
    try {
      const parsed = JSON.parse(text) as OpenAiErrorBody;
      message = parsed?.error?.message;
      code =
        parsed?.error?.code === null || parsed?.error?.code === undefined
          ? undefined
          : String(parsed.error.code);
    } catch {
      message = text.trim() || undefined;
    }
    const retryAfterMs =
      parseRetryAfterMs(response.headers.get('retry-after-ms')) ??
      parseRetryAfter(response.headers.get('retry-after'));
    const detail = [code, message].filter(Boolean).join(': ');
    return new LlmError(`openai-compatible ${response.status}${detail ? ` ${detail}` : ''}`, {
      kind: kindOfStatus(response.status),
      provider: this.name,
      status: response.status,
      retryAfterMs,
      secrets: this.secrets,
    });
  }

  private malformed(what: string): LlmError {
    return new LlmError(`malformed response: ${what}`, { kind: 'server', provider: this.name });
  }
}
