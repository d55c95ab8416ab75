/**
 * A local HTTP server that speaks the part of GitHub's REST API that profile ingestion reads, with the
 * behaviours a client must cope with: pagination through `Link` headers, ETags and `If-None-Match` → 304
 * (not counted against the rate limit), 404s with GitHub's error body, the primary rate limit
 * (`x-ratelimit-remaining: 0`, 403 or 429), the secondary rate limit (403 with `retry-after`), injected 5xx
 * and slow responses. It records every call so tests can assert how many upstream requests happened.
 *
 * It also answers GitHub's GraphQL endpoint for the `user(login:)` query of pinned repositories and
 * contribution counts (see fake-github.graphql.ts), at `POST /graphql` (where Octokit sends it for
 * api.github.com-style base URLs) and `POST /api/graphql` (where Octokit sends it for a GitHub Enterprise
 * `/api/v3` base URL). GraphQL requires an `Authorization` header (401 otherwise, as on GitHub), has its own
 * rate limit (`x-ratelimit-resource: graphql`, not the REST one), and takes injected faults with
 * `{ route: 'POST /graphql' }`.
 *
 *   const github = await new FakeGithubServer().start();
 *   github.addUser({ login: 'octocat', pinned: ['hello-world'], contributions: { commits: 120 } });
 *   github.addRepos('octocat', 350);
 *   // point Octokit at github.url ... then: github.count({ route: 'GET /users/{username}/repos' })
 *   await github.stop();
 */
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse, STATUS_CODES } from 'node:http';
import { LoopbackFake } from '../loopback-server';

import {
  type FakeGithubContributions,
  type FakeGithubRepo,
  type FakeGithubRepoSeed,
  type FakeGithubUser,
  type FakeGithubUserSeed,
  FakeGithubDataset,
} from './fake-github.dataset';
import {
  answerUserQuery,
  GRAPHQL_DOCS,
  type GraphqlRequestBody,
  parseUserQuery,
} from './fake-github.graphql';
import {
  DOCS,
  type GithubBasicError,
  type GithubRateLimit,
  notFound,
  toFullRepository,
  toLanguages,
  toMinimalRepository,
  toPublicUser,
  toRateLimitOverview,
  toReadmeContent,
  toTopics,
} from './fake-github.responses';

export type FakeGithubRoute =
  | 'GET /users/{username}'
  | 'GET /users/{username}/repos'
  | 'GET /repos/{owner}/{repo}'
  | 'GET /repos/{owner}/{repo}/languages'
  | 'GET /repos/{owner}/{repo}/readme'
  | 'GET /repos/{owner}/{repo}/topics'
  | 'GET /rate_limit'
  | 'POST /graphql'
  | 'unknown';

export interface FakeGithubCall {
  readonly method: string;
  readonly route: FakeGithubRoute;
  /** Path and query as received. */
  readonly path: string;
  /**
   * Lower-cased login the call is about: the user of user routes, the owner of repo routes, the `login`
   * of a GraphQL `user(login:)` query.
   */
  readonly username?: string;
  /** Lower-cased repository name of repo routes. */
  readonly repo?: string;
  readonly status: number;
  /** The request carried `If-None-Match`. */
  readonly conditional: boolean;
  /**
   * The call used up one request of the primary (REST) rate limit (304s, rate-limit and 5xx answers do
   * not; GraphQL has its own limit, see `graphqlRateLimit`).
   */
  readonly counted: boolean;
  readonly authenticated: boolean;
}

export interface FakeGithubCallFilter {
  route?: FakeGithubRoute;
  username?: string;
  repo?: string;
  status?: number;
}

/** Which requests an injected fault hits, and how many times (default once; `Infinity` for all). */
export interface FakeGithubFaultScope {
  route?: FakeGithubRoute;
  username?: string;
  times?: number;
}

export interface FakeGithubRateLimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  /** Epoch seconds when the window resets. */
  readonly reset: number;
}

export interface FakeGithubServerOptions {
  dataset?: FakeGithubDataset;
  /** Requests per hour of the primary rate limit (GitHub: 5000 with a token). */
  rateLimit?: number;
  /** Milliseconds since the epoch; rate-limit windows follow it. */
  now?: () => number;
}

type Fault =
  | { kind: 'delay'; ms: number; scope: FakeGithubFaultScope; left: number }
  | { kind: 'server-error'; status: number; scope: FakeGithubFaultScope; left: number }
  | { kind: 'secondary'; status: number; retryAfter: number; scope: FakeGithubFaultScope; left: number };

interface Matched {
  route: FakeGithubRoute;
  username?: string;
  repo?: string;
  /** Set when the repos list was addressed by user id (`/user/{id}/repos`, as GitHub's Link headers do). */
  userId?: number;
  /** The JSON body of a GraphQL request; null when it is not JSON. */
  graphql?: GraphqlRequestBody | null;
}

interface Reply {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: OutgoingHttpHeaders;
  /** A successful body: gets an ETag, honours If-None-Match and counts against the rate limit. */
  cacheable: boolean;
  counted: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Largest request body read (GraphQL queries); a larger one is treated as not JSON (400). */
const MAX_BODY_BYTES = 64 * 1024;
const EXPOSE_HEADERS =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, ' +
  'X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, ' +
  'X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';

export class FakeGithubServer extends LoopbackFake {
  readonly dataset: FakeGithubDataset;
  private readonly now: () => number;
  private readonly limit: number;
  private readonly recorded: FakeGithubCall[] = [];
  private faults: Fault[] = [];
  private window: { remaining: number; reset: number };
  /** GraphQL's own rate limit (GitHub: 5000 points per hour; each query here costs 1). */
  private graphqlWindow: { remaining: number; reset: number };
  private primaryStatus: 403 | 429 = 403;
  private requestSeq = 0;

  constructor(options: FakeGithubServerOptions = {}) {
    super();
    this.dataset = options.dataset ?? new FakeGithubDataset();
    this.now = options.now ?? Date.now;
    this.limit = options.rateLimit ?? 5000;
    this.window = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
    this.graphqlWindow = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
  }

  // --- dataset shortcuts -------------------------------------------------------------------------------

  addUser(seed: FakeGithubUserSeed): FakeGithubUser {
    return this.dataset.addUser(seed);
  }

  addRepo(login: string, seed: FakeGithubRepoSeed): FakeGithubRepo {
    return this.dataset.addRepo(login, seed);
  }

  addRepos(login: string, seeds: number | readonly FakeGithubRepoSeed[]): FakeGithubRepo[] {
    return this.dataset.addRepos(login, seeds);
  }

  /** What GraphQL's `pinnedItems` lists for `login`, in pin order (at most 6; `name` or `owner/name`). */
  setPinned(login: string, pinned: readonly string[]): this {
    this.dataset.setPinned(login, pinned);
    return this;
  }

  /** What GraphQL's `contributionsCollection` counts for `login` (unset counts stay as they were). */
  setContributions(login: string, counts: Partial<FakeGithubContributions>): this {
    this.dataset.setContributions(login, counts);
    return this;
  }

  // --- faults ------------------------------------------------------------------------------------------

  /** Answers matching requests with a 5xx (default 502, once). */
  failWith(status = 502, scope: FakeGithubFaultScope = {}): this {
    if (status < 500 || status > 599) throw new Error('fake GitHub: failWith takes a 5xx status');
    this.faults.push({ kind: 'server-error', status, scope, left: scope.times ?? 1 });
    return this;
  }

  /** Holds matching requests `ms` before answering (default once). */
  delay(ms: number, scope: FakeGithubFaultScope = {}): this {
    this.faults.push({ kind: 'delay', ms, scope, left: scope.times ?? 1 });
    return this;
  }

  /** Answers matching requests as GitHub's secondary rate limit does: 403 (or 429) with `retry-after`. */
  secondaryRateLimit(
    options: { retryAfterSeconds?: number; status?: 403 | 429 } = {},
    scope: FakeGithubFaultScope = {},
  ): this {
    this.faults.push({
      kind: 'secondary',
      status: options.status ?? 403,
      retryAfter: options.retryAfterSeconds ?? 60,
      scope,
      left: scope.times ?? 1,
    });
    return this;
  }

  /** Uses up the primary rate limit: every counted request fails until the reset (default in one hour). */
  exhaustRateLimit(options: { resetInSeconds?: number; status?: 403 | 429 } = {}): this {
    return this.setRateLimit({
      remaining: 0,
      resetInSeconds: options.resetInSeconds,
      status: options.status,
    });
  }

  /**
   * Sets what is left of a rate limit until a reset `resetInSeconds` from now: the primary REST one, or
   * with `resource: 'graphql'` GraphQL's (used up, queries are answered with a `RATE_LIMITED` error).
   */
  setRateLimit(options: {
    remaining?: number;
    resetInSeconds?: number;
    status?: 403 | 429;
    resource?: 'core' | 'graphql';
  }): this {
    if (options.resource === 'graphql') {
      this.graphqlWindow = {
        remaining: options.remaining ?? this.graphqlWindow.remaining,
        reset: this.nowSeconds() + (options.resetInSeconds ?? 3600),
      };
      return this;
    }
    this.window = {
      remaining: options.remaining ?? this.window.remaining,
      reset: this.nowSeconds() + (options.resetInSeconds ?? 3600),
    };
    if (options.status) this.primaryStatus = options.status;
    return this;
  }

  clearFaults(): this {
    this.faults = [];
    return this;
  }

  /** Clears faults and recorded calls and refills the rate limits. The dataset stays. */
  reset(): this {
    this.clearFaults();
    this.recorded.length = 0;
    this.window = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
    this.graphqlWindow = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
    this.primaryStatus = 403;
    return this;
  }

  // --- counters ----------------------------------------------------------------------------------------

  get calls(): readonly FakeGithubCall[] {
    return this.recorded;
  }

  /** Recorded calls matching every given field (username and repo case-insensitively). */
  count(filter: FakeGithubCallFilter = {}): number {
    return this.recorded.filter(
      (c) =>
        (filter.route === undefined || c.route === filter.route) &&
        (filter.username === undefined || c.username === filter.username.toLowerCase()) &&
        (filter.repo === undefined || c.repo === filter.repo.toLowerCase()) &&
        (filter.status === undefined || c.status === filter.status),
    ).length;
  }

  resetCalls(): this {
    this.recorded.length = 0;
    return this;
  }

  /** The primary (REST, `core`) rate limit. */
  get rateLimit(): FakeGithubRateLimitState {
    this.refreshWindow();
    return this.core();
  }

  /** GraphQL's rate limit (each answered query costs 1 here; GitHub charges points by query cost). */
  get graphqlRateLimit(): FakeGithubRateLimitState {
    this.refreshWindow();
    return this.graphqlCore();
  }

  // --- request handling --------------------------------------------------------------------------------

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const matched = this.match(method, requestUrl.pathname);
    if (matched.route === 'POST /graphql') {
      matched.graphql = await readJson(req);
      matched.username = matched.graphql ? parseUserQuery(matched.graphql).login?.toLowerCase() : undefined;
    }
    const authenticated = typeof req.headers.authorization === 'string';
    const ifNoneMatch = req.headers['if-none-match'];

    const delay = this.takeFault('delay', matched);
    if (delay) {
      const gone = await this.wait(delay.ms, res);
      if (gone) {
        this.record(req, matched, 0, false, authenticated, ifNoneMatch !== undefined);
        return;
      }
    }

    const reply = this.reply(matched, requestUrl, req);
    let { status } = reply;
    const headers: OutgoingHttpHeaders = {
      ...this.commonHeaders(authenticated),
      ...reply.headers,
    };
    let payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    let counted = reply.counted;
    if (reply.cacheable) {
      const etag = `W/"${createHash('sha256').update(payload).digest('hex')}"`;
      headers.etag = etag;
      if (typeof ifNoneMatch === 'string' && etagMatches(ifNoneMatch, etag)) {
        status = 304;
        payload = '';
        counted = false;
        delete headers.link;
      }
    }
    if (counted) this.window.remaining = Math.max(0, this.window.remaining - 1);
    this.record(req, matched, status, counted, authenticated, ifNoneMatch !== undefined);

    Object.assign(
      headers,
      matched.route === 'POST /graphql' ? this.graphqlRateLimitHeaders() : this.rateLimitHeaders(),
    );
    if (status !== 304) {
      headers['content-type'] = reply.contentType ?? JSON_TYPE;
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (res.destroyed) return;
    res.writeHead(status, headers);
    res.end(status === 304 ? undefined : payload);
  }

  private reply(matched: Matched, url: URL, req: IncomingMessage): Reply {
    const secondary = this.takeFault('secondary', matched);
    if (secondary) {
      return {
        status: secondary.status,
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
            `If you reach out to GitHub Support for help, please include the request ID ${this.requestId()}.`,
          documentation_url: DOCS.secondaryRateLimit,
          status: String(secondary.status),
        } satisfies GithubBasicError,
        headers: { 'retry-after': String(secondary.retryAfter) },
        cacheable: false,
        counted: false,
      };
    }
    const serverError = this.takeFault('server-error', matched);
    if (serverError) {
      return {
        status: serverError.status,
        body: { message: STATUS_CODES[serverError.status] ?? 'Server Error' },
        cacheable: false,
        counted: false,
      };
    }
    if (matched.route === 'POST /graphql') return this.graphql(matched, req);
    if (matched.route === 'GET /rate_limit') {
      // GitHub: reading the rate limit does not count against it.
      this.refreshWindow();
      return {
        status: 200,
        body: toRateLimitOverview(this.core(), this.now()),
        cacheable: true,
        counted: false,
      };
    }
    this.refreshWindow();
    if (this.window.remaining <= 0) {
      const who =
        typeof req.headers.authorization === 'string'
          ? 'user ID 1.'
          : `${req.socket.remoteAddress ?? '127.0.0.1'}. (But here's the good news: Authenticated requests ` +
            'get a higher rate limit. Check out the documentation for more details.)';
      return {
        status: this.primaryStatus,
        body: {
          message:
            `API rate limit exceeded for ${who} If you reach out to GitHub Support for help, please include ` +
            `the request ID ${this.requestId()}.`,
          documentation_url: DOCS.primaryRateLimit,
          status: String(this.primaryStatus),
        } satisfies GithubBasicError,
        cacheable: false,
        counted: false,
      };
    }
    return this.resource(matched, url, req);
  }

  /** The resource itself: 200 with a body, or GitHub's 404. Both count against the rate limit. */
  private resource(matched: Matched, url: URL, req: IncomingMessage): Reply {
    const missing = (doc: string): Reply => ({
      status: 404,
      body: notFound(doc),
      cacheable: false,
      counted: true,
    });
    const ok = (body: unknown, headers?: OutgoingHttpHeaders): Reply => ({
      status: 200,
      body,
      headers,
      cacheable: true,
      counted: true,
    });
    const api = this.url;
    switch (matched.route) {
      case 'GET /users/{username}': {
        const user = this.dataset.getUser(matched.username ?? '');
        if (!user) return missing(DOCS.getUser);
        return ok(toPublicUser(api, user, this.dataset.listRepos(user.login).length));
      }
      case 'GET /users/{username}/repos': {
        const user =
          matched.userId !== undefined
            ? this.dataset.getUserById(matched.userId)
            : this.dataset.getUser(matched.username ?? '');
        if (!user) return missing(DOCS.listUserRepos);
        const page = this.pageOfRepos(user, url);
        return ok(
          page.items.map((repo) => toMinimalRepository(api, user, repo)),
          page.link ? { link: page.link } : undefined,
        );
      }
      case 'GET /repos/{owner}/{repo}':
      case 'GET /repos/{owner}/{repo}/languages':
      case 'GET /repos/{owner}/{repo}/readme':
      case 'GET /repos/{owner}/{repo}/topics': {
        const owner = this.dataset.getUser(matched.username ?? '');
        const repo = owner && this.dataset.getRepo(owner.login, matched.repo ?? '');
        if (!owner || !repo) return missing(repoDoc(matched.route));
        if (matched.route === 'GET /repos/{owner}/{repo}') return ok(toFullRepository(api, owner, repo));
        if (matched.route === 'GET /repos/{owner}/{repo}/languages') return ok(toLanguages(repo));
        if (matched.route === 'GET /repos/{owner}/{repo}/topics') return ok(toTopics(repo));
        if (repo.readme === null) return missing(DOCS.readme);
        if (/application\/vnd\.github(?:\.v3)?\.raw\b/.test(String(req.headers.accept ?? ''))) {
          return {
            status: 200,
            raw: repo.readme,
            contentType: 'application/vnd.github.raw; charset=utf-8',
            cacheable: true,
            counted: true,
          };
        }
        return ok(toReadmeContent(api, owner, repo, repo.readme));
      }
      default:
        return missing(DOCS.root);
    }
  }

  /**
   * `POST /graphql`: 401 without credentials (GitHub answers no anonymous GraphQL), 400 for a body that is
   * not JSON, 403 once GraphQL's own limit is used up, else HTTP 200 with `{ data }` or `{ data, errors }`.
   */
  private graphql(matched: Matched, req: IncomingMessage): Reply {
    const headers = { 'x-github-media-type': 'github.v4; format=json' };
    const error = (status: number, message: string, documentationUrl: string): Reply => ({
      status,
      body: { message, documentation_url: documentationUrl, status: String(status) },
      headers,
      cacheable: false,
      counted: false,
    });
    if (typeof req.headers.authorization !== 'string' || req.headers.authorization.trim() === '') {
      return error(401, 'This endpoint requires you to be authenticated.', GRAPHQL_DOCS.authentication);
    }
    if (matched.graphql === null) return error(400, 'Problems parsing JSON', GRAPHQL_DOCS.root);
    this.refreshWindow();
    if (this.graphqlWindow.remaining <= 0) {
      return {
        status: 200,
        body: {
          errors: [
            {
              type: 'RATE_LIMITED',
              message: 'API rate limit exceeded for user ID 1.',
            },
          ],
        },
        headers,
        cacheable: false,
        counted: false,
      };
    }
    this.graphqlWindow.remaining -= 1;
    return {
      status: 200,
      body: answerUserQuery(this.dataset, matched.graphql ?? {}, this.now()),
      headers,
      cacheable: false,
      counted: false,
    };
  }

  /** One page of `GET /users/{username}/repos` with GitHub's query semantics and `Link` header. */
  private pageOfRepos(user: FakeGithubUser, url: URL): { items: FakeGithubRepo[]; link?: string } {
    const q = url.searchParams;
    const perPage = clampInt(q.get('per_page'), 30, 1, 100);
    const page = clampInt(q.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
    const type = q.get('type') ?? 'owner';
    const sort = q.get('sort') ?? 'full_name';
    const direction = q.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const all = type === 'member' ? [] : [...this.dataset.listRepos(user.login)];
    const key = (r: FakeGithubRepo): string =>
      sort === 'created'
        ? r.createdAt
        : sort === 'updated'
          ? r.updatedAt
          : sort === 'pushed'
            ? r.pushedAt
            : `${r.ownerLogin}/${r.name}`.toLowerCase();
    all.sort((a, b) => {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id;
      return direction === 'desc' ? -order : order;
    });
    const items = all.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    if (last === 1) return { items };
    // GitHub's links address the user by id and keep the query, with `page` last.
    const target = (p: number): string => {
      const params = new URLSearchParams(q);
      params.delete('page');
      params.append('page', String(p));
      return `<${this.url}/user/${user.id}/repos?${params.toString()}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${target(Math.min(page - 1, last))}; rel="prev"`);
    if (page < last) links.push(`${target(page + 1)}; rel="next"`, `${target(last)}; rel="last"`);
    if (page > 1) links.push(`${target(1)}; rel="first"`);
    return { items, link: links.join(', ') };
  }

  private match(method: string, pathname: string): Matched {
    if (method === 'POST' && (pathname === '/graphql' || pathname === '/api/graphql')) {
      return { route: 'POST /graphql' };
    }
    if (method !== 'GET') return { route: 'unknown' };
    const parts = pathname.split('/').slice(1).map(safeDecode);
    if (parts.some((p) => p === undefined || p === '')) return { route: 'unknown' };
    const [a, b, c, d] = parts as string[];
    const lower = (s: string): string => s.toLowerCase();
    if (parts.length === 1 && a === 'rate_limit') return { route: 'GET /rate_limit' };
    if (a === 'users' && parts.length === 2) return { route: 'GET /users/{username}', username: lower(b) };
    if (a === 'users' && parts.length === 3 && c === 'repos') {
      return { route: 'GET /users/{username}/repos', username: lower(b) };
    }
    if (a === 'user' && parts.length === 3 && c === 'repos' && /^\d+$/.test(b)) {
      return { route: 'GET /users/{username}/repos', userId: Number(b) };
    }
    if (a === 'repos' && parts.length === 3) {
      return { route: 'GET /repos/{owner}/{repo}', username: lower(b), repo: lower(c) };
    }
    if (a === 'repos' && parts.length === 4) {
      const sub = { languages: 'languages', readme: 'readme', topics: 'topics' }[d];
      if (sub) {
        return {
          route: `GET /repos/{owner}/{repo}/${sub}` as FakeGithubRoute,
          username: lower(b),
          repo: lower(c),
        };
      }
    }
    return { route: 'unknown' };
  }

  private takeFault<K extends Fault['kind']>(
    kind: K,
    matched: Matched,
  ): Extract<Fault, { kind: K }> | undefined {
    const username =
      matched.userId !== undefined ? this.dataset.getUserById(matched.userId)?.login : matched.username;
    const fault = this.faults.find(
      (f) =>
        f.kind === kind &&
        f.left > 0 &&
        (f.scope.route === undefined || f.scope.route === matched.route) &&
        (f.scope.username === undefined || f.scope.username.toLowerCase() === username?.toLowerCase()),
    );
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault as Extract<Fault, { kind: K }>;
  }

  private record(
    req: IncomingMessage,
    matched: Matched,
    status: number,
    counted: boolean,
    authenticated: boolean,
    conditional: boolean,
  ): void {
    const username =
      matched.userId !== undefined
        ? this.dataset.getUserById(matched.userId)?.login.toLowerCase()
        : matched.username;
    this.recorded.push({
      method: req.method ?? 'GET',
      route: matched.route,
      path: req.url ?? '/',
      ...(username !== undefined && { username }),
      ...(matched.repo !== undefined && { repo: matched.repo }),
      status,
      conditional,
      counted,
      authenticated,
    });
  }

  private commonHeaders(authenticated: boolean): OutgoingHttpHeaders {
    return {
      date: new Date(this.now()).toUTCString(),
      'cache-control': authenticated ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': this.requestId(),
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSE_HEADERS,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'deny',
      'content-security-policy': "default-src 'none'",
    };
  }

  private rateLimitHeaders(): OutgoingHttpHeaders {
    const core = this.core();
    return {
      'x-ratelimit-limit': String(core.limit),
      'x-ratelimit-remaining': String(core.remaining),
      'x-ratelimit-reset': String(core.reset),
      'x-ratelimit-used': String(core.used),
      'x-ratelimit-resource': 'core',
    };
  }

  private graphqlRateLimitHeaders(): OutgoingHttpHeaders {
    const graphql = this.graphqlCore();
    return {
      'x-ratelimit-limit': String(graphql.limit),
      'x-ratelimit-remaining': String(graphql.remaining),
      'x-ratelimit-reset': String(graphql.reset),
      'x-ratelimit-used': String(graphql.used),
      'x-ratelimit-resource': 'graphql',
    };
  }

  private core(): GithubRateLimit {
    return {
      limit: this.limit,
      remaining: this.window.remaining,
      reset: this.window.reset,
      used: this.limit - this.window.remaining,
    };
  }

  private graphqlCore(): GithubRateLimit {
    return {
      limit: this.limit,
      remaining: this.graphqlWindow.remaining,
      reset: this.graphqlWindow.reset,
      used: this.limit - this.graphqlWindow.remaining,
    };
  }

  private refreshWindow(): void {
    if (this.nowSeconds() >= this.window.reset) {
      this.window = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
    }
    if (this.nowSeconds() >= this.graphqlWindow.reset) {
      this.graphqlWindow = { remaining: this.limit, reset: this.nowSeconds() + 3600 };
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private requestId(): string {
    this.requestSeq += 1;
    return `${randomBytes(2).toString('hex').toUpperCase()}:${this.requestSeq.toString(16).toUpperCase()}`;
  }
}

function repoDoc(route: FakeGithubRoute): string {
  if (route === 'GET /repos/{owner}/{repo}/languages') return DOCS.languages;
  if (route === 'GET /repos/{owner}/{repo}/readme') return DOCS.readme;
  if (route === 'GET /repos/{owner}/{repo}/topics') return DOCS.topics;
  return DOCS.getRepo;
}

/** Weak comparison (RFC 9110 §13.1.2): `W/` is ignored; `*` matches anything. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/** The request body parsed as JSON; null when it is not JSON or larger than `MAX_BODY_BYTES`. */
async function readJson(req: IncomingMessage): Promise<GraphqlRequestBody | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as GraphqlRequestBody)
      : null;
  } catch {
    return null;
  }
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const value = raw === null ? NaN : Number.parseInt(raw, 10);
  if (!Number.isFinite(value) || value < min) return fallback;
  return Math.min(value, max);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
