/**
 * A local OpenAI-compatible Chat Completions API: `POST /v1/chat/completions` (and `/chat/completions`, for
 * base URLs without `/v1`), in OpenAI's format. With `apiKey` set, requests need `Authorization: Bearer <key>`
 * (401 `invalid_api_key` otherwise, echoing the wrong key as some compatible servers do); without it, any
 * or no key passes (a local server such as Ollama).
 *
 * Request: `model`, `messages[]` (`system` | `developer` | `user` | `assistant`, string or text-part content),
 * `response_format` (`json_schema` with `json_schema.{name, schema, strict}`, or `json_object`), `temperature`.
 * Response: `{ id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role:
 * 'assistant', content, refusal: null }, finish_reason }], usage: { prompt_tokens, completion_tokens,
 * total_tokens } }`. Errors: `{ error: { message, type, param, code } }`; a 429 with `retryAfter` sends
 * `retry-after` and `retry-after-ms`.
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

export interface FakeOpenAiServerOptions extends FakeLlmServerOptions {
  /** The Bearer token requests must carry; unset: no authentication. */
  apiKey?: string;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: {
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again later.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

export class FakeOpenAiServer extends FakeLlmServer {
  readonly apiKey: string | undefined;

  constructor(options: FakeOpenAiServerOptions = {}) {
    super(options);
    this.apiKey = options.apiKey;
  }

  /** Base URL to configure (`OPENAI_BASE_URL`): `{url}/v1`. */
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  protected route(method: string, url: URL): string | undefined {
    return method === 'POST' &&
      (url.pathname === '/v1/chat/completions' || url.pathname === '/chat/completions')
      ? ''
      : undefined;
  }

  protected apiKeyOf(req: IncomingMessage): string | undefined {
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return match?.[1].trim();
  }

  protected authenticate(apiKey: string | undefined): FakeLlmHttpReply | undefined {
    if (this.apiKey === undefined || apiKey === this.apiKey) return undefined;
    const message =
      apiKey === undefined
        ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
        : `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`;
    return {
      status: 401,
      body: {
        error: {
          message,
          type: 'invalid_request_error',
          param: null,
          code: apiKey === undefined ? null : 'invalid_api_key',
        },
      },
    };
  }

  protected parse(body: unknown): FakeLlmRequest | string {
    if (!isRecord(body)) return 'We could not parse the JSON body of your request.';
    if (typeof body.model !== 'string' || body.model === '') return 'you must provide a model parameter';
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return "[] is too short - 'messages'";
    }
    let system = '';
    const messages: FakeLlmRequest['messages'] = [];
    for (const [i, message] of body.messages.entries()) {
      if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
        return `Invalid value for 'messages[${i}].role'.`;
      }
      const text = contentText(message.content);
      if (text === undefined) return `Invalid type for 'messages[${i}].content'.`;
      if (message.role === 'system' || message.role === 'developer') system += (system ? '\n' : '') + text;
      else messages.push({ role: message.role as 'user' | 'assistant', text });
    }
    let schema: unknown;
    let json = false;
    const format = body.response_format;
    if (format !== undefined) {
      if (!isRecord(format)) return "Invalid type for 'response_format'.";
      if (format.type === 'json_schema') {
        const spec = format.json_schema;
        if (!isRecord(spec) || typeof spec.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
          return "Invalid 'response_format.json_schema.name': string does not match pattern '^[a-zA-Z0-9_-]+$'.";
        }
        if (!isRecord(spec.schema))
          return "Missing required parameter: 'response_format.json_schema.schema'.";
        schema = spec.schema;
        json = true;
      } else if (format.type === 'json_object') {
        json = true;
      } else if (format.type !== 'text') {
        return "Invalid value for 'response_format.type'.";
      }
    }
    return fakeLlmRequest({
      model: body.model,
      system,
      messages,
      schema,
      json,
      temperature: body.temperature,
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
        id: fakeId('chatcmpl-'),
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null },
            logprobs: null,
            finish_reason: finishReason ?? 'stop',
          },
        ],
        usage: {
          prompt_tokens: usage.input,
          completion_tokens: usage.output,
          total_tokens: usage.input + usage.output,
        },
        system_fingerprint: 'fp_fake',
      },
    };
  }

  protected failure(status: number, message: string | undefined, retryAfter?: number): FakeLlmHttpReply {
    const known = ERROR_TYPES[status] ?? {
      type: status >= 500 ? 'server_error' : 'invalid_request_error',
      code: null,
      message: `HTTP ${status}`,
    };
    const body = {
      error: { message: message ?? known.message, type: known.type, param: null, code: known.code },
    };
    if (retryAfter === undefined) return { status, body };
    return {
      status,
      body,
      headers: {
        'retry-after': String(Math.ceil(retryAfter)),
        'retry-after-ms': String(Math.round(retryAfter * 1000)),
      },
    };
  }
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (!Array.isArray(content)) return undefined;
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}
