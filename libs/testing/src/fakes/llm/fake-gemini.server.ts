/**
 * A local Gemini API (`generativelanguage.googleapis.com`) for `generateContent`, in its real REST format,
 * at the path `@google/genai` uses with a custom `httpOptions.baseUrl`:
 * `POST {baseUrl}/v1beta/models/{model}:generateContent` (also `v1`/`v1alpha`), with the key in the
 * `x-goog-api-key` header (or `?key=`). Without a key it answers 403 `PERMISSION_DENIED`, with a wrong one
 * 400 `INVALID_ARGUMENT` / `API_KEY_INVALID`, as Google does.
 *
 * Request: `contents[]` (`role` user|model, `parts[].text`), `systemInstruction.parts[].text`,
 * `generationConfig.{responseMimeType, responseSchema | responseJsonSchema, temperature}`.
 * Response: `{ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index }],
 * usageMetadata: { promptTokenCount, candidatesTokenCount, totalTokenCount }, modelVersion, responseId }`.
 * Errors: `{ error: { code, message, status, details? } }`; a 429 with `retryAfter` carries a
 * `google.rpc.RetryInfo` detail and a `Retry-After` header.
 */
import { type IncomingMessage } from 'node:http';

import {
  FakeLlmServer,
  type FakeLlmHttpReply,
  type FakeLlmRequest,
  type FakeLlmServerOptions,
  fakeId,
  fakeLlmRequest,
  isRecord,
} from './fake-llm.server';

export interface FakeGeminiServerOptions extends FakeLlmServerOptions {
  /** The key requests must carry (default `fake-gemini-key`). */
  apiKey?: string;
}

/** Google's canonical status names (google.rpc.Code) by HTTP status. */
const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  403: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  429: 'You exceeded your current quota, please check your plan and billing details.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline expired before operation could complete.',
};

const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):generateContent$/;

export class FakeGeminiServer extends FakeLlmServer {
  readonly apiKey: string;

  constructor(options: FakeGeminiServerOptions = {}) {
    super(options);
    this.apiKey = options.apiKey ?? 'fake-gemini-key';
  }

  protected route(method: string, url: URL): string | undefined {
    if (method !== 'POST') return undefined;
    const match = ROUTE.exec(url.pathname);
    return match ? decodeURIComponent(match[2]) : undefined;
  }

  protected apiKeyOf(req: IncomingMessage, url: URL): string | undefined {
    const header = req.headers['x-goog-api-key'];
    return (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('key') ?? undefined;
  }

  protected authenticate(apiKey: string | undefined): FakeLlmHttpReply | undefined {
    if (apiKey === undefined || apiKey === '') return this.failure(403, undefined);
    if (apiKey === this.apiKey) return undefined;
    return {
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
              metadata: { service: 'generativelanguage.googleapis.com' },
            },
          ],
        },
      },
    };
  }

  protected parse(body: unknown, pathModel: string): FakeLlmRequest | string {
    if (!isRecord(body)) return 'Invalid JSON payload received.';
    const contents = body.contents;
    if (!Array.isArray(contents) || contents.length === 0) {
      return '* GenerateContentRequest.contents: contents is not specified';
    }
    const messages: FakeLlmRequest['messages'] = [];
    for (const [i, content] of contents.entries()) {
      if (!isRecord(content) || !Array.isArray(content.parts) || content.parts.length === 0) {
        return `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`;
      }
      const role = content.role ?? 'user';
      if (role !== 'user' && role !== 'model') {
        return `Please use a valid role: user, model. (got contents[${i}].role "${String(role)}")`;
      }
      messages.push({ role: role === 'model' ? 'assistant' : 'user', text: partsText(content.parts) });
    }
    const config = isRecord(body.generationConfig) ? body.generationConfig : {};
    if (config.responseSchema !== undefined && config.responseJsonSchema !== undefined) {
      return 'responseSchema and responseJsonSchema cannot both be set.';
    }
    const schema = config.responseJsonSchema ?? config.responseSchema;
    const json = config.responseMimeType === 'application/json';
    if (schema !== undefined && !json) {
      return 'responseMimeType must be application/json when a response schema is set.';
    }
    const system =
      isRecord(body.systemInstruction) && Array.isArray(body.systemInstruction.parts)
        ? partsText(body.systemInstruction.parts)
        : '';
    return fakeLlmRequest({
      model: pathModel,
      system,
      messages,
      schema,
      json,
      temperature: config.temperature,
    });
  }

  protected success(
    request: FakeLlmRequest,
    text: string,
    usage: { input: number; output: number },
    finishReason: string | undefined,
  ): FakeLlmHttpReply {
    return {
      status: 200,
      body: {
        candidates: [
          {
            content: { role: 'model', parts: [{ text }] },
            finishReason: finishReason ?? 'STOP',
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: usage.input,
          candidatesTokenCount: usage.output,
          totalTokenCount: usage.input + usage.output,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
        },
        modelVersion: request.model,
        responseId: fakeId(''),
      },
    };
  }

  protected failure(status: number, message: string | undefined, retryAfter?: number): FakeLlmHttpReply {
    const error: Record<string, unknown> = {
      code: status,
      message: message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`,
      status: GOOGLE_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
    };
    if (retryAfter === undefined) return { status, body: { error } };
    error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }];
    return { status, body: { error }, headers: { 'retry-after': String(Math.ceil(retryAfter)) } };
  }
}

function partsText(parts: unknown[]): string {
  return parts.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
}
