import { DomainError } from '@app/core';

/** Error codes of GitHub ingestion (stable; documented in problem responses). */
export enum GithubErrorCode {
  InvalidUsername = 'github_username_invalid',
  UserNotFound = 'github_user_not_found',
  RepoNotFound = 'github_repo_not_found',
  RateLimited = 'github_rate_limited',
  Unavailable = 'github_unavailable',
}

/** Where the invalid username came from, for the problem's `errors[]`. */
export interface UsernameLocation {
  in: 'body' | 'query' | 'params' | 'header';
  field: string;
}

const USERNAME_RULE = 'a GitHub username: 1-39 letters, digits or single inner hyphens';

/** 422 before any call to GitHub: the name cannot be a GitHub login. */
export const invalidGithubUsername = (
  username: string,
  location: UsernameLocation = { in: 'params', field: 'username' },
) =>
  new DomainError({
    status: 422,
    code: GithubErrorCode.InvalidUsername,
    detail: `"${username.slice(0, 60)}" is not ${USERNAME_RULE}.`,
    errors: [{ ...location, rule: 'githubUsername', message: `${location.field} must be ${USERNAME_RULE}` }],
  });

export const githubUserNotFound = (username: string) =>
  new DomainError({
    status: 404,
    code: GithubErrorCode.UserNotFound,
    detail: `GitHub has no user named ${username}.`,
    extensions: { username },
  });

export const githubRepoNotFound = (owner: string, repo: string) =>
  new DomainError({
    status: 404,
    code: GithubErrorCode.RepoNotFound,
    detail: `GitHub has no repository ${owner}/${repo}.`,
    extensions: { repository: `${owner}/${repo}` },
  });

/**
 * 503: GitHub's rate limit stops us until `resetAt`. `limit` says which one: the primary (hourly quota,
 * resets at `x-ratelimit-reset`) or the secondary (abuse protection, GitHub's `retry-after`).
 */
export const githubRateLimited = (resetAt: Date, retryAfterSeconds: number, limit: 'primary' | 'secondary') =>
  new DomainError({
    status: 503,
    code: GithubErrorCode.RateLimited,
    detail:
      limit === 'primary'
        ? `GitHub's API rate limit is used up until ${resetAt.toISOString()}; try again after that.`
        : `GitHub asked us to slow down; try again in ${retryAfterSeconds} seconds.`,
    extensions: { resetAt: resetAt.toISOString(), limit },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

export type GithubUnavailableReason = 'timeout' | 'server_error' | 'network' | 'unexpected_response';

const UNAVAILABLE_DETAIL: Record<GithubUnavailableReason, string> = {
  timeout: 'GitHub did not answer in time.',
  server_error: 'GitHub answered with a server error.',
  network: 'GitHub could not be reached.',
  unexpected_response: 'GitHub gave an answer we could not use.',
};

/** 502: GitHub is down, timing out or answering in a way we cannot use (after retries). */
export const githubUnavailable = (reason: GithubUnavailableReason, cause?: unknown) =>
  new DomainError({
    status: 502,
    code: GithubErrorCode.Unavailable,
    detail: `${UNAVAILABLE_DETAIL[reason]} Try again later.`,
    extensions: { reason },
    cause,
  });
