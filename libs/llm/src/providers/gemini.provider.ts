/**
 * Gemini through `@google/genai` (the Gemini API, never Vertex): `POST {baseUrl}/v1beta/models/{model}:generateContent`
 * with the key in `x-goog-api-key`, the schema as `generationConfig.responseJsonSchema` and
 * `responseMimeType: application/json`. The SDK's own retries are off (no `retryOptions`); the service retries.
 */
import { ApiError, type Content, GoogleGenAI } from '@google/genai';

import { attemptSignal } from '../attempt-signal';
import { kindOfStatus, LlmError } from '../llm.errors';
import { type JsonSchema } from '../llm.types';
import { parseProtoDuration, parseRetryAfter } from '../retry-policy';
import {
  type LlmCompleteOptions,
  type LlmCompletion,
  type LlmProvider,
  tokens,
  transportFailure,
} from './llm-provider';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface GeminiProviderOptions {
  apiKey: string;
  model: string;
  /** Default: Google's endpoint. Always passed to the SDK, so `GOOGLE_GEMINI_BASE_URL` is never read. */
  baseUrl?: string;
}

/** Google's error envelope: `{ error: { code, message, status, details } }`. */
interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; retryDelay?: unknown }[];
  };
}

export class GeminiProvider implements LlmProvider {
  readonly name = 'gemini' as const;
  readonly model: string;
  private readonly client: GoogleGenAI;
  private readonly secrets: readonly string[];

  constructor(options: GeminiProviderOptions) {
    this.model = options.model;
    this.secrets = [options.apiKey];
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      // Explicit, so GOOGLE_GENAI_USE_VERTEXAI / GOOGLE_GEMINI_BASE_URL in the environment change nothing.
      vertexai: false,
      httpOptions: { baseUrl: options.baseUrl ?? GEMINI_DEFAULT_BASE_URL },
    });
  }

  async complete(
    system: string,
    user: string,
    schema: JsonSchema,
    options: LlmCompleteOptions,
  ): Promise<LlmCompletion> {
    const attempt = attemptSignal(options.timeoutMs, options.signal);
    // The SDK's ApiError has no headers; a fetch wrapper keeps the answer's Retry-After.
    let retryAfterHeader: string | null = null;
    const recordingFetch = async (...args: Parameters<typeof fetch>): Promise<Response> => {
      const response = await fetch(...args);
      retryAfterHeader = response.headers.get('retry-after');
      return response;
    };
    const contents: Content[] = [{ role: 'user', parts: [{ text: user }] }];
    if (options.repair) {
      contents.push(
        { role: 'model', parts: [{ text: options.repair.previousAnswer }] },
        { role: 'user', parts: [{ text: options.repair.feedback }] },
      );
    }
    try {
      const response = await this.client.models.generateContent({
        model: this.model,
        contents,
        config: {
          systemInstruction: system,
          responseMimeType: 'application/json',
          responseJsonSchema: schema,
          temperature: options.temperature,
          abortSignal: attempt.signal,
          httpOptions: { fetch: recordingFetch },
        },
      });
      const usage = response.usageMetadata;
      const inputTokens = tokens(usage?.promptTokenCount);
      // Thinking tokens are billed as output.
      const outputTokens = tokens(usage?.candidatesTokenCount) + tokens(usage?.thoughtsTokenCount);
      return {
        text: response.text ?? '',
        usage: {
          inputTokens,
          outputTokens,
          totalTokens: tokens(usage?.totalTokenCount) || inputTokens + outputTokens,
        },
      };
    } catch (error) {
      if (error instanceof ApiError) throw this.apiFailure(error, retryAfterHeader);
      throw transportFailure(this.name, error, attempt, options.timeoutMs, this.secrets);
    } finally {
      attempt.dispose();
    }
  }

  private apiFailure(error: ApiError, retryAfterHeader: string | null): LlmError {
    const body = parseErrorBody(error.message);
    const retryInfo = body?.error?.details?.find(
      (d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo',
    );
    const retryAfterMs = parseProtoDuration(retryInfo?.retryDelay) ?? parseRetryAfter(retryAfterHeader);
    const detail = [body?.error?.status, body?.error?.message ?? (body ? undefined : error.message)]
      .filter(Boolean)
      .join(': ');
    return new LlmError(`gemini ${error.status}${detail ? ` ${detail}` : ''}`, {
      kind: kindOfStatus(error.status),
      provider: this.name,
      status: error.status,
      retryAfterMs,
      secrets: this.secrets,
    });
  }
}

function parseErrorBody(message: string): GoogleErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    return parsed !== null && typeof parsed === 'object' ? (parsed as GoogleErrorBody) : undefined;
  } catch {
    return undefined;
  }
}
