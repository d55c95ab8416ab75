import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';

import { type components, type paths } from './generated/openapi.js';
import { type CursorPage, paginate } from './pagination.js';
import { ProblemError } from './problem.error.js';
import { delay, type RetryOptions, retryingFetch } from './retry.fetch.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';

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

/** fetch's network failures: `fetch failed` (refused, reset, DNS) and undici's `terminated` (a body cut off). */
export function isConnectionError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed|terminated/i.test(error.message);
}

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

  /** The generation's state: `api.GET`, whether or not this client throws on problems. */
  async function generationState(id: string, signal?: AbortSignal): Promise<Generation> {
    const { data, error, response } = await api.GET('/api/v1/generations/{id}', {
      params: { path: { id } },
      signal,
    });
    if (!data) throw await ProblemError.fromResponse(response, error);
    return data;
  }

  /**
   * The events, reconnecting after a dropped connection, a refused one (a restarting server) or a stream that
   * ended early (a proxy timeout, the server's 30-minute limit) with `Last-Event-ID`, backing off between
   * attempts; `reconnects` failures in a row without a new event give up. A problem answer (404, 401…) ends at
   * once. Errors of the caller's own `onEvent` (or of a consumer that stops early) are not connection drops.
   */
  async function* generationEvents(
    id: string,
    follow: FollowOptions = {},
  ): AsyncGenerator<GenerationEvent, void, undefined> {
    let after = follow.afterSeq ?? 0;
    const budget = follow.reconnects ?? 5;
    let failures = 0;
    let lastError: unknown;
    for (;;) {
      let progressed = false;
      try {
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
        const messages = readServerSentEvents(response.body);
        try {
          for (;;) {
            let next: IteratorResult<ServerSentEvent>;
            try {
              next = await messages.next();
            } catch (error) {
              // The connection dropped mid-stream: reconnect below.
              if (follow.signal?.aborted) throw error;
              lastError = error;
              break;
            }
            if (next.done) break;
            const event: GenerationEvent = {
              seq: Number(next.value.id),
              type: next.value.event,
              data: JSON.parse(next.value.data) as GenerationEvent['data'],
            };
            if (Number.isInteger(event.seq)) {
              if (event.seq <= after) continue; // already seen (a server resending after a reconnect)
              after = event.seq;
            }
            progressed = true;
            follow.onEvent?.(event);
            yield event;
            if (FINAL_EVENTS.has(event.type)) return;
          }
        } finally {
          await messages.return(undefined);
        }
      } catch (error) {
        if (error instanceof ProblemError || follow.signal?.aborted || !isConnectionError(error)) throw error;
        lastError = error; // refused or reset before the stream opened
      }
      // Ended without the final event. A finished generation has nothing more to send (its final event was
      // before `afterSeq`); otherwise resume after the last event seen.
      const state = await generationState(id, follow.signal);
      if (FINAL_EVENTS.has(state.status)) return;
      failures = progressed ? 0 : failures + 1;
      if (failures > budget) {
        throw new Error(`the event stream of generation ${id} kept ending before its final event`, {
          cause: lastError,
        });
      }
      await delay(Math.min(250 * 2 ** failures, 5_000), follow.signal);
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
      return generationState(id, follow.signal);
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
