/**
 * What the fake Gemini and OpenAI-compatible servers share: a loopback HTTP server, a queue of scripted
 * replies (answers, raw text, HTTP errors with Retry-After, delays, dropped connections), a default
 * responder that answers from the parsed request, latency injection, and every request recorded with its
 * parsed body. Each subclass speaks its API's wire format (paths, auth, request and response shapes, errors).
 *
 *   const fake = await new FakeGeminiServer({ apiKey: 'k' }).start();
 *   fake.respondWith((req) => ({ summary: `about ${req.user.length} chars` }));
 *   fake.enqueue({ status: 429, retryAfter: 1 }).enqueue({ text: 'not json' });
 *   // ... point the client at fake.url ... then: fake.calls[0].request?.system
 *   await fake.stop();
 */
import { randomBytes } from 'node:crypto';
import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { LoopbackFake } from '../loopback-server';

/** One scripted reply. With none of `json`, `text`, `status`, `drop`, the default responder answers. */
export interface FakeLlmReply {
  /** The model answers with this value as JSON text. */
  json?: unknown;
  /** The model answers with exactly this text (e.g. `'not json'`). */
  text?: string;
  /** An HTTP error in the API's own format. */
  status?: number;
  /** The error's message (default: the API's usual one for the status). */
  message?: string;
  /**
   * Seconds the client is asked to wait (fractions allowed): `Retry-After` (rounded up to whole seconds),
   * plus Google's `RetryInfo.retryDelay` (Gemini) or `retry-after-ms` (OpenAI) with the exact value.
   */
  retryAfter?: number;
  /** Holds the reply this long first (on top of `latencyMs`); longer than the client's timeout → a timeout. */
  delayMs?: number;
  /** Closes the connection without an answer (a network error for the client). */
  drop?: boolean;
  /** The answer's finish reason (default `STOP` / `stop`). */
  finishReason?: string;
  /** Token counts to report instead of the estimate (characters / 4). */
  usage?: { input?: number; output?: number };
  /** Extra response headers (e.g. a bare `retry-after` on a 503). */
  headers?: OutgoingHttpHeaders;
}

/** A request, provider-neutral. */
export interface FakeLlmRequest {
  model: string;
  /** System instruction text ('' without one). */
  system: string;
  /** The conversation after the system instruction; `assistant` is Gemini's `model` role. */
  messages: { role: 'user' | 'assistant'; text: string }[];
  /** Text of the first user message: the data the caller sent. */
  user: string;
  /** Text of the last user message (the repair feedback on a repair attempt). */
  lastUser: string;
  /** The response schema sent, if any. */
  schema: unknown;
  /** Whether JSON output was asked for (Gemini `responseMimeType`, OpenAI `response_format`). */
  json: boolean;
  temperature: number | undefined;
}

export interface FakeLlmCall {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The API key the request carried (`x-goog-api-key` / `?key=`, or the Bearer token). */
  readonly apiKey: string | undefined;
  /** Parsed JSON body (null when not JSON). */
  readonly body: unknown;
  /** The body understood as a model request; undefined when it was rejected before that. */
  request: FakeLlmRequest | undefined;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
  /** Status answered; 0 while pending, or when the connection was dropped or the client went away. */
  status: number;
}

/** A request from its parts: `user` is the first user message (the data), `lastUser` the last (a repair). */
export function fakeLlmRequest(parts: {
  model: string;
  system: string;
  messages: FakeLlmRequest['messages'];
  schema: unknown;
  json: boolean;
  temperature: unknown;
}): FakeLlmRequest {
  const users = parts.messages.filter((m) => m.role === 'user');
  return {
    model: parts.model,
    system: parts.system,
    messages: parts.messages,
    user: users[0]?.text ?? '',
    lastUser: users.at(-1)?.text ?? '',
    schema: parts.schema,
    json: parts.json,
    temperature: typeof parts.temperature === 'number' ? parts.temperature : undefined,
  };
}

export type FakeLlmResponder = (request: FakeLlmRequest) => unknown;

export interface FakeLlmServerOptions {
  /** Latency added to every reply. */
  latencyMs?: number;
  /** Answers when nothing is queued (default: `{}`). */
  responder?: FakeLlmResponder;
}

/** What a subclass answers: status, JSON body, extra headers. */
export interface FakeLlmHttpReply {
  status: number;
  body: unknown;
  headers?: OutgoingHttpHeaders;
}

/** Largest request body read. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export abstract class FakeLlmServer extends LoopbackFake {
  /** Added to every reply. */
  latencyMs: number;
  private responder: FakeLlmResponder;
  private readonly initialResponder: FakeLlmResponder;
  private readonly initialLatency: number;
  private readonly queue: FakeLlmReply[] = [];
  private readonly recorded: FakeLlmCall[] = [];

  constructor(options: FakeLlmServerOptions = {}) {
    super();
    this.initialLatency = options.latencyMs ?? 0;
    this.latencyMs = this.initialLatency;
    this.initialResponder = options.responder ?? (() => ({}));
    this.responder = this.initialResponder;
  }

  /** Queues `reply` for the next `times` requests that pass authentication and parsing. */
  enqueue(reply: FakeLlmReply, times = 1): this {
    for (let i = 0; i < times; i += 1) this.queue.push(reply);
    return this;
  }

  /** Replies still queued. */
  get pending(): number {
    return this.queue.length;
  }

  /** Answers requests that find the queue empty with `responder(request)` as the model's JSON. */
  respondWith(responder: FakeLlmResponder): this {
    this.responder = responder;
    return this;
  }

  get calls(): readonly FakeLlmCall[] {
    return this.recorded;
  }

  /** Recorded calls, optionally only those answered with `status`. */
  count(filter: { status?: number } = {}): number {
    return this.recorded.filter((c) => filter.status === undefined || c.status === filter.status).length;
  }

  resetCalls(): this {
    this.recorded.length = 0;
    return this;
  }

  /** Empties the queue and the recorded calls; restores the responder and latency given at construction. */
  reset(): this {
    this.queue.length = 0;
    this.recorded.length = 0;
    this.responder = this.initialResponder;
    this.latencyMs = this.initialLatency;
    return this;
  }

  // --- what a subclass defines ------------------------------------------------------------------------

  /** The model addressed by the path (Gemini) or undefined when the path is not the API's; '' = from body. */
  protected abstract route(method: string, url: URL): string | undefined;
  /** The key the request carries. */
  protected abstract apiKeyOf(req: IncomingMessage, url: URL): string | undefined;
  /** An error reply when the key is missing or wrong; undefined to let the request through. */
  protected abstract authenticate(apiKey: string | undefined): FakeLlmHttpReply | undefined;
  /** The request, or a 400 message. */
  protected abstract parse(body: unknown, pathModel: string): FakeLlmRequest | string;
  /** A successful completion carrying `text`. */
  protected abstract success(
    request: FakeLlmRequest,
    text: string,
    usage: { input: number; output: number },
    finishReason: string | undefined,
  ): FakeLlmHttpReply;
  /** An error in the API's format. */
  protected abstract failure(
    status: number,
    message: string | undefined,
    retryAfter?: number,
  ): FakeLlmHttpReply;

  // --- request handling --------------------------------------------------------------------------------

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const body = parseJson(raw);
    const apiKey = this.apiKeyOf(req, url);
    const call: FakeLlmCall = {
      method,
      path: req.url ?? '/',
      headers: req.headers,
      apiKey,
      body,
      request: undefined,
      receivedAt: Date.now(),
      status: 0,
    };
    this.recorded.push(call);

    const pathModel = this.route(method, url);
    if (pathModel === undefined)
      return this.send(res, call, this.failure(404, `No route for ${method} ${url.pathname}`));
    const denied = this.authenticate(apiKey);
    if (denied) return this.send(res, call, denied);
    if (body === null || raw === undefined) {
      return this.send(res, call, this.failure(400, 'The request body is not valid JSON.'));
    }
    const parsed = this.parse(body, pathModel);
    if (typeof parsed === 'string') return this.send(res, call, this.failure(400, parsed));
    call.request = parsed;

    const reply = this.queue.shift() ?? {};
    const delay = this.latencyMs + (reply.delayMs ?? 0);
    if (delay > 0 && (await this.wait(delay, res))) return;
    if (reply.drop) {
      res.socket?.destroy();
      return;
    }
    if (reply.status !== undefined) {
      return this.send(
        res,
        call,
        withHeaders(this.failure(reply.status, reply.message, reply.retryAfter), reply),
      );
    }
    let text: string;
    if (reply.text !== undefined) text = reply.text;
    else if (reply.json !== undefined) text = JSON.stringify(reply.json);
    else {
      try {
        text = JSON.stringify(this.responder(parsed) ?? null);
      } catch (error) {
        return this.send(res, call, this.failure(500, `fake responder failed: ${(error as Error).message}`));
      }
    }
    const prompt = [parsed.system, ...parsed.messages.map((m) => m.text)].join('\n');
    const usage = {
      input: reply.usage?.input ?? estimateTokens(prompt),
      output: reply.usage?.output ?? estimateTokens(text),
    };
    this.send(res, call, withHeaders(this.success(parsed, text, usage, reply.finishReason), reply));
  }

  private send(res: ServerResponse, call: FakeLlmCall, reply: FakeLlmHttpReply): void {
    if (res.destroyed) return;
    const payload = JSON.stringify(reply.body);
    call.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(payload),
      ...reply.headers,
    });
    res.end(payload);
  }
}

function withHeaders(reply: FakeLlmHttpReply, scripted: FakeLlmReply): FakeLlmHttpReply {
  return scripted.headers ? { ...reply, headers: { ...reply.headers, ...scripted.headers } } : reply;
}

/** About four characters a token, as for English text. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** A random id in the style `prefix-XXXXXXXX`. */
export function fakeId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
