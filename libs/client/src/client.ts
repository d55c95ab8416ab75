import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';

import { type components, type paths } from './generated/openapi.js';
import { type CursorPage, paginate } from './pagination.js';
import { ProblemError } from './problem.error.js';
import { type RetryOptions, retryingFetch } from './retry.fetch.js';
import { readServerSentEvents } from './server-sent-events.js';

export type Schemas = components['schemas'];
export type Generation = Schemas['GenerationDto'];

export interface LlmployableClientOptions {
  /** Where the API is, e.g. `https://api.llmployable.dev` or `http://127.0.0.1:3000` (no `/api/v1`). */
  baseUrl: string;
  /** An API key (`llm_…`), sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** Retries of 429/503 honouring Retry-After (default: 3 retries); `false` turns them off. */
  retry?: RetryOptions | false;
  /**
   * `true` (default): a non-2xx answer rejects with a {@link ProblemError}, so `data` is the success body.
   * `false`: openapi-fetch's own `{ data, error, response }` style.
   */
  throwOnError?: boolean;
  /** Extra headers on every request (e.g. a `User-Agent`). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

type GetPaths = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type JsonOk<P extends GetPaths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer Body } } } };
}
  ? Body
  : never;
/** The GET operations that return a cursor page (`items`, `nextCursor`). */
export type ListPath = {
  [P in GetPaths]: JsonOk<P> extends CursorPage<unknown> ? P : never;
}[GetPaths];
export type ListItem<P extends ListPath> = JsonOk<P> extends CursorPage<infer Item> ? Item : never;
type ListQuery<P extends ListPath> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? Omit<NonNullable<Q>, 'cursor'>
  : never;
type ListPathParams<P extends ListPath> = paths[P] extends { get: { parameters: { path: infer Params } } }
  ? Params
  : never;

export interface GenerationEvent {
  /** The event's sequence number (what `Last-Event-ID` resumes after). */
  seq: number;
  /** `queued`, `started`, `step`, `retrying`, `reused`, `blocked`, `succeeded`, `failed`, `cancelled`. */
  type: string;
  data: Record<string, unknown> & { at?: string };
}

export interface FollowOptions {
  /** Called with every event, in order. */
  onEvent?: (event: GenerationEvent) => void;
  /** Resume after this event (a reconnect). */
  afterSeq?: number;
  signal?: AbortSignal;
  /** Reconnects after the connection drops before the final event (default 5). */
  reconnects?: number;
}

const FINAL_EVENTS = new Set(['succeeded', 'failed', 'cancelled']);

/** The typed client: openapi-fetch's `GET`/`POST`/… over the contract, plus the helpers generation cannot give. */
export interface LlmployableClient extends Client<paths> {
  readonly baseUrl: string;
  /** Every item of a paginated list (`items` + `nextCursor`), following cursors page by page. */
  paginate<P extends ListPath>(
    path: P,
    options?: {
      query?: ListQuery<P>;
      path?: ListPathParams<P>;
      maxItems?: number;
    },
  ): AsyncGenerator<ListItem<P>, void, undefined>;
  /** A generation's Server-Sent Events up to and including the final one, reconnecting after drops. */
  generationEvents(id: string, options?: FollowOptions): AsyncGenerator<GenerationEvent, void, undefined>;
  /** Follows a generation's events to the end and returns its final state (whatever the status). */
  followGeneration(id: string, options?: FollowOptions): Promise<Generation>;
}

/** Turns every non-2xx answer into a rejected {@link ProblemError}. */
const problemsAsErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await ProblemError.fromResponse(response.clone());
    return undefined;
  },
};

export function createLlmployableClient(options: LlmployableClientOptions): LlmployableClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const fetch = options.retry === false ? base : retryingFetch(base, options.retry ?? {});
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const api = createFetchClient<paths>({ baseUrl, fetch, headers });
  if (options.throwOnError !== false) api.use(problemsAsErrors);

  async function* generationEvents(
    id: string,
    follow: FollowOptions = {},
  ): AsyncGenerator<GenerationEvent, void, undefined> {
    let after = follow.afterSeq ?? 0;
    let reconnects = follow.reconnects ?? 5;
    for (;;) {
      const request = new Request(`${baseUrl}/api/v1/generations/${encodeURIComponent(id)}/events`, {
        headers: {
          ...headers,
          accept: 'text/event-stream',
          ...(after ? { 'last-event-id': String(after) } : {}),
        },
        signal: follow.signal,
      });
      const response = await fetch(request);
      if (!response.ok || !response.body) throw await ProblemError.fromResponse(response);
      let final = false;
      try {
        for await (const message of readServerSentEvents(response.body)) {
          const event: GenerationEvent = {
            seq: Number(message.id),
            type: message.event,
            data: JSON.parse(message.data) as GenerationEvent['data'],
          };
          if (Number.isInteger(event.seq)) after = event.seq;
          follow.onEvent?.(event);
          yield event;
          if (FINAL_EVENTS.has(event.type)) final = true;
        }
      } catch (error) {
        // A dropped connection reconnects below; an abort by the caller ends here.
        if (follow.signal?.aborted) throw error;
        if (reconnects <= 0) throw error;
      }
      if (final) return;
      // The stream ended early (a server restart, a proxy timeout): resume after the last event seen.
      if (reconnects-- <= 0)
        throw new Error(`the event stream of generation ${id} ended before its final event`);
    }
  }

  const client = api as LlmployableClient;
  Object.assign(client, {
    baseUrl,
    paginate<P extends ListPath>(
      path: P,
      list: { query?: ListQuery<P>; path?: ListPathParams<P>; maxItems?: number } = {},
    ) {
      return paginate<ListItem<P>>(async (cursor) => {
        const get = api.GET as unknown as (
          path: string,
          init: { params: { query: Record<string, unknown>; path?: unknown } },
        ) => Promise<{ data?: CursorPage<ListItem<P>>; error?: unknown; response: Response }>;
        const { data, error, response } = await get(path, {
          params: { query: { ...(list.query ?? {}), ...(cursor ? { cursor } : {}) }, path: list.path },
        });
        if (!data) throw await ProblemError.fromResponse(response, error);
        return data;
      }, list);
    },
    generationEvents,
    async followGeneration(id: string, follow: FollowOptions = {}) {
      for await (const event of generationEvents(id, follow)) void event;
      const { data, error, response } = await api.GET('/api/v1/generations/{id}', {
        params: { path: { id } },
        signal: follow.signal,
      });
      if (!data) throw await ProblemError.fromResponse(response, error);
      return data;
    },
  });
  return client;
}

/** The data of an openapi-fetch result, or its problem thrown (for `throwOnError: false` clients). */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await result;
  if (!response.ok) throw await ProblemError.fromResponse(response, error);
  return data as T;
}
