import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RestEndpointMethodTypes } from '@octokit/rest';
import { Clock, DomainError } from '@app/core';
import { GITHUB_USERNAME } from '@app/users/profile.validators';

import { GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { type GithubCachedResponse, GithubEtagStore } from './github-etag.store';
import {
  GithubErrorCode,
  githubRateLimited,
  githubRepoNotFound,
  githubUnavailable,
  githubUserNotFound,
  invalidGithubUsername,
} from './github.errors';
import { createGithubOctokit, type GithubOctokit, GithubTimeoutError } from './github-octokit.factory';
import {
  type GithubContributionCounts,
  type GithubProfileHighlights,
  type GithubRateLimitState,
  type GithubReadme,
  type GithubRepoSummary,
  type GithubUserProfile,
} from './github-profile.snapshot';
import { markdownToText, truncateUtf8 } from './markdown-text';

type UserData = RestEndpointMethodTypes['users']['getByUsername']['response']['data'];
type RepoListData = RestEndpointMethodTypes['repos']['listForUser']['response']['data'];
type LanguagesData = RestEndpointMethodTypes['repos']['listLanguages']['response']['data'];
type ReadmeData = RestEndpointMethodTypes['repos']['getReadme']['response']['data'];
type RateLimitData = RestEndpointMethodTypes['rateLimit']['get']['response']['data'];

/** A GET: a URL template (relative to the API URL) or an absolute URL from a `Link` header, and parameters. */
type GetRequest = { url: string } & Record<string, string | number>;
type Headers = Readonly<Record<string, string | number | undefined>>;

/** What identifies a repository's content: its last push and default branch (from the listing). */
export interface GithubRepoVersion {
  pushedAt: string | null;
  defaultBranch: string | null;
}

/**
 * Pinned repositories and contribution counts of one user, in one GraphQL query (cost: 1 point of
 * GraphQL's own hourly budget, not of the REST limit).
 */
export const PROFILE_HIGHLIGHTS_QUERY = `query ProfileHighlights($login: String!) {
  user(login: $login) {
    pinnedItems(first: 6, types: REPOSITORY) {
      nodes {
        ... on Repository {
          nameWithOwner
          name
        }
      }
    }
    contributionsCollection {
      totalCommitContributions
      totalPullRequestContributions
      totalPullRequestReviewContributions
      totalIssueContributions
      restrictedContributionsCount
      startedAt
      endedAt
    }
  }
}`;

/** The answer's `data` as the query above shapes it (checked field by field before use). */
interface HighlightsData {
  user: {
    pinnedItems?: { nodes?: ({ nameWithOwner?: unknown } | null)[] | null } | null;
    contributionsCollection?: Record<string, unknown> | null;
  } | null;
}

const PER_PAGE = 100;
/** 10 000 repositories: far beyond any real account, a guard against a server that never stops paging. */
const MAX_PAGES = 100;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The GitHub adapter: Octokit behind a small API of what ingestion needs. Every GET is conditional when an
 * ETag is known (a 304 costs no rate limit and reuses the stored value), every HTTP attempt has a timeout,
 * 5xx/timeouts/network errors and secondary rate limits are retried with backoff, and every failure leaves
 * as a DomainError (see github.errors.ts). Usernames are checked before any call.
 */
@Injectable()
export class GithubClient {
  private readonly logger = new Logger(GithubClient.name);
  private readonly octokit: GithubOctokit;
  /** GraphQL goes through its own instance (no throttling queue); only with a token. */
  private readonly graphqlOctokit?: GithubOctokit;
  private readonly apiUrl: URL;
  private lastRateLimit?: GithubRateLimitState;

  constructor(
    @Inject(GITHUB_CLIENT_OPTIONS) private readonly options: GithubClientOptions,
    private readonly etags: GithubEtagStore,
    private readonly clock: Clock,
  ) {
    this.octokit = createGithubOctokit(options, this.logger);
    if (options.token) this.graphqlOctokit = createGithubOctokit(options, this.logger, 'graphql');
    this.apiUrl = new URL(options.apiUrl.replace(/\/*$/, '/'));
  }

  /** The primary rate limit as the last GitHub answer reported it (undefined before the first call). */
  get rateLimit(): GithubRateLimitState | undefined {
    return this.lastRateLimit;
  }

  async getUser(username: string): Promise<GithubUserProfile> {
    assertUsername(username);
    const { value } = await this.get<UserData, GithubUserProfile>(
      { url: '/users/{username}', username },
      toUserProfile,
      () => githubUserNotFound(username),
    );
    return value;
  }

  /**
   * Every public repository `username` owns, all pages, forks included (marked), most recently pushed
   * first. Pages are read in name order, which does not shift while a user pushes.
   */
  async listOwnedRepos(username: string): Promise<GithubRepoSummary[]> {
    assertUsername(username);
    const byId = new Map<number, GithubRepoSummary>();
    let request: GetRequest = {
      url: '/users/{username}/repos',
      username,
      type: 'owner',
      sort: 'full_name',
      per_page: PER_PAGE,
    };
    for (let page = 1; ; page++) {
      const { value, link } = await this.get<RepoListData, GithubRepoSummary[]>(
        request,
        (data) => data.map(toRepoSummary),
        () => githubUserNotFound(username),
      );
      for (const repo of value) byId.set(repo.id, repo);
      const next = linkTarget(link, 'next');
      if (!next) break;
      if (page >= MAX_PAGES) {
        this.logger.warn(`stopped listing repositories of ${username} after ${MAX_PAGES} pages`);
        break;
      }
      request = { url: this.sameApi(next) };
    }
    return [...byId.values()].sort(
      (a, b) => (b.pushedAt ?? '').localeCompare(a.pushedAt ?? '') || a.fullName.localeCompare(b.fullName),
    );
  }

  /** Bytes of code per language. */
  async getLanguages(owner: string, repo: string): Promise<Record<string, number>> {
    assertRepository(owner, repo);
    const { value } = await this.get<LanguagesData, Record<string, number>>(
      { url: '/repos/{owner}/{repo}/languages', owner, repo },
      (data) => ({ ...data }),
      () => githubRepoNotFound(owner, repo),
    );
    return value;
  }

  /**
   * The README as plain text (Markdown stripped, cut to `readmeMaxBytes`), or null when there is none.
   * GitHub's 404 carries no ETag, so with `version` (the repository's last push and default branch, as
   * listed) a missing README is remembered for that push and not asked for again until the next one.
   */
  async getReadme(owner: string, repo: string, version?: GithubRepoVersion): Promise<GithubReadme | null> {
    assertRepository(owner, repo);
    const missingKey = version?.pushedAt
      ? `MISSING readme ${owner}/${repo} ${version.defaultBranch ?? ''} ${version.pushedAt}`.toLowerCase()
      : undefined;
    if (missingKey && (await this.recall(missingKey))) return null;
    try {
      const { value } = await this.get<ReadmeData, GithubReadme>(
        { url: '/repos/{owner}/{repo}/readme', owner, repo },
        (data) => this.toReadme(data),
        () => githubRepoNotFound(owner, repo),
      );
      return value;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === GithubErrorCode.RepoNotFound)) throw error;
      if (missingKey) {
        await this.remember(missingKey, { etag: '', value: null, storedAt: this.clock.now().getTime() });
      }
      return null;
    }
  }

  /** GraphQL is available: GitHub answers no anonymous GraphQL, so only when a token is configured. */
  get graphqlEnabled(): boolean {
    return this.graphqlOctokit !== undefined;
  }

  /**
   * Pinned repositories (`owner/name`, pin order) and last year's contribution counts, through GraphQL
   * (Octokit sends it to `{apiUrl}/graphql`, or `/api/graphql` for a GitHub Enterprise `/api/v3` URL).
   * Needs a token (`graphqlEnabled`). Failures leave as DomainErrors like REST ones: an unknown user (or an
   * organization: `user(login:)` resolves users only) is a 404.
   */
  async getProfileHighlights(username: string): Promise<GithubProfileHighlights> {
    assertUsername(username);
    if (!this.graphqlOctokit) throw new Error('GitHub GraphQL needs a token (check graphqlEnabled first)');
    let data: HighlightsData;
    try {
      data = await this.graphqlOctokit.graphql<HighlightsData>(PROFILE_HIGHLIGHTS_QUERY, { login: username });
    } catch (error) {
      throw this.graphqlError(error, username);
    }
    if (!data?.user) throw githubUserNotFound(username);
    const contributions = toContributionCounts(data.user.contributionsCollection);
    if (!contributions) {
      this.logger.warn('GitHub GraphQL answered without usable contribution counts');
      throw githubUnavailable('unexpected_response');
    }
    const pinned = (data.user.pinnedItems?.nodes ?? [])
      .map((node) => node?.nameWithOwner)
      .filter((name): name is string => typeof name === 'string' && /^[^/\s]+\/[^/\s]+$/.test(name));
    return { pinned, contributions };
  }

  /** GitHub's own account of the rate limit (this call does not count against it). */
  async getRateLimit(): Promise<GithubRateLimitState> {
    try {
      const response = await this.octokit.request<RateLimitData>({ method: 'GET', url: '/rate_limit' });
      const core = response.data.resources.core;
      this.lastRateLimit = {
        limit: core.limit,
        remaining: core.remaining,
        used: core.used,
        resetAt: new Date(core.reset * 1000).toISOString(),
      };
      return this.lastRateLimit;
    } catch (error) {
      throw this.toDomainError(error, () => githubUnavailable('unexpected_response', error));
    }
  }

  /**
   * One GET, conditional when an ETag for it is stored. On 200 the mapped value is stored with the new
   * ETag; on 304 the stored value is returned.
   */
  private async get<T, R>(
    request: GetRequest,
    map: (data: T) => R,
    notFound: () => DomainError,
  ): Promise<{ value: R; link?: string; notModified: boolean }> {
    const endpoint = this.octokit.request.endpoint({ method: 'GET', ...request });
    const key = `GET ${endpoint.url} ${String(endpoint.headers.accept ?? '')}`;
    const cached = await this.recall(key);
    try {
      const response = await this.octokit.request<T>({
        method: 'GET',
        ...request,
        headers: cached ? { 'if-none-match': cached.etag } : {},
      });
      this.noteRateLimit(response.headers);
      const value = map(response.data);
      const link = response.headers.link;
      if (response.headers.etag) {
        await this.remember(key, {
          etag: response.headers.etag,
          value,
          ...(link && { link }),
          storedAt: this.clock.now().getTime(),
        });
      }
      return { value, link, notModified: false };
    } catch (error) {
      this.noteRateLimit(responseHeaders(error));
      if (statusOf(error) === 304 && cached) {
        return { value: cached.value as R, link: cached.link, notModified: true };
      }
      throw this.toDomainError(error, notFound);
    }
  }

  private async recall(key: string): Promise<GithubCachedResponse | undefined> {
    try {
      return await this.etags.get(key);
    } catch (error) {
      this.logger.warn(`ETag store read failed, asking GitHub unconditionally: ${messageOf(error)}`);
      return undefined;
    }
  }

  private async remember(key: string, entry: GithubCachedResponse): Promise<void> {
    try {
      await this.etags.set(key, entry);
    } catch (error) {
      this.logger.warn(`ETag store write failed: ${messageOf(error)}`);
    }
  }

  /** A failed GraphQL call: errors in a 200 answer (`NOT_FOUND`, `RATE_LIMITED`, ...) or an HTTP failure. */
  private graphqlError(error: unknown, username: string): DomainError {
    const errors = (error as { errors?: unknown } | null)?.errors;
    if (!Array.isArray(errors)) return this.toDomainError(error, () => githubUserNotFound(username));
    const types = errors.map((e) => String((e as { type?: unknown } | null)?.type ?? ''));
    if (types.includes('NOT_FOUND')) return githubUserNotFound(username);
    if (types.includes('RATE_LIMITED')) {
      // A GraphqlResponseError carries the HTTP answer's headers itself.
      const headers = (error as { headers?: Headers }).headers ?? {};
      const now = this.clock.now().getTime();
      const reset = Number(headers['x-ratelimit-reset']);
      const resetAt = new Date(Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 60_000);
      this.logger.warn(`GitHub GraphQL rate limit used up until ${resetAt.toISOString()}`);
      return githubRateLimited(resetAt, Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)), 'primary');
    }
    this.logger.warn(`GitHub GraphQL answered with errors: ${messageOf(error)}`);
    return githubUnavailable('unexpected_response', error);
  }

  private toDomainError(error: unknown, notFound: () => DomainError): DomainError {
    if (error instanceof DomainError) return error;
    if (hasCause(error, GithubTimeoutError)) {
      this.logger.warn(`GitHub timed out after ${this.options.timeoutMs} ms (retries exhausted)`);
      return githubUnavailable('timeout', error);
    }
    const status = statusOf(error);
    const headers = responseHeaders(error);
    // 410 Gone and 451 (blocked for legal reasons) mean the same to us as 404: there is nothing to read.
    if (status === 404 || status === 410 || status === 451) return notFound();
    if (status === 403 || status === 429) {
      const now = this.clock.now().getTime();
      if (String(headers['x-ratelimit-remaining']) === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        const resetAt = new Date(Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 60_000);
        const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000));
        this.logger.warn(`GitHub primary rate limit used up until ${resetAt.toISOString()}`);
        return githubRateLimited(resetAt, retryAfter, 'primary');
      }
      if (headers['retry-after'] !== undefined || /secondary rate limit/i.test(messageOf(error))) {
        const retryAfter = Math.max(1, Math.ceil(Number(headers['retry-after']) || 60));
        this.logger.warn(`GitHub secondary rate limit: retry after ${retryAfter} s`);
        return githubRateLimited(new Date(now + retryAfter * 1000), retryAfter, 'secondary');
      }
    }
    const answered = (error as { response?: unknown } | null)?.response !== undefined;
    const reason =
      status !== undefined && status >= 500 && answered
        ? 'server_error'
        : !answered && (status === undefined || status === 500)
          ? 'network'
          : 'unexpected_response';
    this.logger.warn(`GitHub request failed (${reason}, status ${status ?? 'none'}): ${messageOf(error)}`);
    return githubUnavailable(reason, error);
  }

  private noteRateLimit(headers: Headers): void {
    const limit = Number(headers['x-ratelimit-limit']);
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Number(headers['x-ratelimit-reset']);
    if (![limit, remaining, reset].every(Number.isFinite) || headers['x-ratelimit-limit'] === undefined)
      return;
    this.lastRateLimit = {
      limit,
      remaining,
      used: Number(headers['x-ratelimit-used'] ?? limit - remaining),
      resetAt: new Date(reset * 1000).toISOString(),
    };
  }

  /** A `Link` target must stay on the configured API (the token must never go anywhere else). */
  private sameApi(target: string): string {
    let url: URL;
    try {
      url = new URL(target, this.apiUrl);
    } catch (error) {
      throw githubUnavailable('unexpected_response', error);
    }
    if (url.origin !== this.apiUrl.origin || !url.pathname.startsWith(this.apiUrl.pathname)) {
      this.logger.warn(`GitHub sent a Link to another host: ${url.origin}`);
      throw githubUnavailable('unexpected_response');
    }
    return url.toString();
  }

  private toReadme(data: ReadmeData): GithubReadme {
    const raw =
      data.encoding === 'base64'
        ? Buffer.from(data.content, 'base64').toString('utf8')
        : data.encoding === 'utf-8'
          ? data.content
          : '';
    // Stripping is linear, but there is no point stripping far more than can be kept.
    const limit = Math.max(this.options.readmeMaxBytes * 4, 64 * 1024);
    const bounded = raw.length > limit ? raw.slice(0, limit) : raw;
    const { text, truncated } = truncateUtf8(markdownToText(bounded), this.options.readmeMaxBytes);
    return {
      path: data.path,
      htmlUrl: data.html_url,
      text,
      truncated: truncated || bounded.length < raw.length,
    };
  }
}

/** 422 before any call when the name cannot be a GitHub login. */
export function assertUsername(username: unknown): asserts username is string {
  if (typeof username !== 'string' || !GITHUB_USERNAME.test(username)) {
    throw invalidGithubUsername(String(username));
  }
}

function assertRepository(owner: string, repo: string): void {
  assertUsername(owner);
  // A name GitHub would not accept cannot exist there.
  if (!REPO_NAME.test(repo) || repo === '.' || repo === '..') throw githubRepoNotFound(owner, repo);
}

function toUserProfile(user: UserData): GithubUserProfile {
  return {
    login: user.login,
    id: Number(user.id),
    type: user.type,
    name: user.name ?? null,
    bio: user.bio ?? null,
    company: user.company ?? null,
    website: emptyToNull(user.blog),
    location: user.location ?? null,
    email: user.email ?? null,
    hireable: user.hireable ?? null,
    twitterUsername: user.twitter_username ?? null,
    avatarUrl: user.avatar_url,
    htmlUrl: user.html_url,
    publicRepos: user.public_repos,
    followers: user.followers,
    following: user.following,
    createdAt: user.created_at,
    updatedAt: user.updated_at,
  };
}

function toRepoSummary(repo: RepoListData[number]): GithubRepoSummary {
  const spdx = repo.license?.spdx_id;
  return {
    id: Number(repo.id),
    owner: repo.owner.login,
    name: repo.name,
    fullName: repo.full_name,
    htmlUrl: repo.html_url,
    description: repo.description ?? null,
    fork: repo.fork,
    archived: repo.archived ?? false,
    isTemplate: repo.is_template ?? false,
    topics: [...(repo.topics ?? [])],
    stars: repo.stargazers_count ?? 0,
    forks: repo.forks_count ?? 0,
    watchers: repo.watchers_count ?? 0,
    primaryLanguage: repo.language ?? null,
    homepage: emptyToNull(repo.homepage),
    license: repo.license?.key
      ? {
          key: repo.license.key,
          spdxId: spdx && spdx !== 'NOASSERTION' ? spdx : null,
          name: repo.license.name ?? repo.license.key,
        }
      : null,
    defaultBranch: repo.default_branch ?? null,
    sizeKb: repo.size ?? 0,
    createdAt: repo.created_at ?? null,
    updatedAt: repo.updated_at ?? null,
    pushedAt: repo.pushed_at ?? null,
  };
}

const COUNT_FIELDS = {
  commits: 'totalCommitContributions',
  pullRequests: 'totalPullRequestContributions',
  pullRequestReviews: 'totalPullRequestReviewContributions',
  issues: 'totalIssueContributions',
  restricted: 'restrictedContributionsCount',
} as const;

/** GraphQL's `contributionsCollection` as counts; undefined when a field is missing or not what it should be. */
function toContributionCounts(
  collection: Record<string, unknown> | null | undefined,
): GithubContributionCounts | undefined {
  if (!collection) return undefined;
  const counts: Partial<Record<keyof typeof COUNT_FIELDS, number>> = {};
  for (const [key, field] of Object.entries(COUNT_FIELDS) as [keyof typeof COUNT_FIELDS, string][]) {
    const value = collection[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
    counts[key] = value;
  }
  const from = isoDate(collection.startedAt);
  const to = isoDate(collection.endedAt);
  if (!from || !to) return undefined;
  return { ...(counts as Record<keyof typeof COUNT_FIELDS, number>), from, to };
}

/** A GraphQL `DateTime` as ISO 8601 (UTC, milliseconds); undefined when it is not a date. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const emptyToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

/** The target of the first link with relation `rel` in an RFC 8288 `Link` header. */
export function linkTarget(link: string | undefined, rel: string): string | undefined {
  for (const match of (link ?? '').matchAll(/<([^>]*)>((?:\s*;\s*[^,;]+)*)/g)) {
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2])?.[1].trim().split(/\s+/) ?? [];
    if (rels.includes(rel)) return match[1];
  }
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function responseHeaders(error: unknown): Headers {
  return (error as { response?: { headers?: Headers } } | null)?.response?.headers ?? {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasCause(error: unknown, type: new (...args: never[]) => Error): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return true;
  }
  return false;
}
