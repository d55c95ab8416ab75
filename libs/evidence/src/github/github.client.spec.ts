import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock, DomainError } from '@app/core';
import { FakeGithubServer } from '@app/testing/fakes/github';

import { DEFAULT_GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { type GithubCachedResponse, GithubEtagStore, InMemoryGithubEtagStore } from './github-etag.store';
import { GithubClient, linkTarget } from './github.client';

const README = [
  '# Demo [![CI](https://ci.example/b.svg)](https://ci.example)',
  '',
  'A **tool** for `parsing` resumes. See [docs](https://docs.example).',
  '',
  '```sh',
  'npm install demo',
  '```',
  '',
  'Ünïcödé — ok.',
].join('\n');

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('GithubClient against the fake GitHub', () => {
  const github = new FakeGithubServer();
  let store: InMemoryGithubEtagStore;
  const client = (overrides: Partial<GithubClientOptions> = {}): GithubClient => {
    store = new InMemoryGithubEtagStore();
    return new GithubClient(
      {
        ...DEFAULT_GITHUB_CLIENT_OPTIONS,
        apiUrl: github.url,
        token: 'test-token',
        timeoutMs: 300,
        retries: 2,
        retryDelayUnitMs: 1,
        readmeMaxBytes: 4096,
        ...overrides,
      },
      store,
      new Clock(),
    );
  };

  beforeAll(async () => {
    Logger.overrideLogger(['fatal', 'error', 'warn']);
    await github.start();
    github.addUser({
      login: 'many-repos',
      name: 'Many Repos',
      blog: '',
      bio: 'Writes code',
      company: '@acme',
      location: 'Berlin',
      hireable: true,
      followers: 12,
    });
    github.addRepos('many-repos', 350);
    github.addUser({ login: 'readme-user' });
    github.addRepos('readme-user', [
      { name: 'demo', readme: README, languages: { TypeScript: 10 }, license: 'other' },
      { name: 'big', readme: `# Big\n\n${'word '.repeat(5000)}` },
      { name: 'bare' },
    ]);
  });
  afterAll(() => github.stop());
  beforeEach(() => github.reset());

  it('maps the profile', async () => {
    const profile = await client().getUser('Many-Repos');
    expect(profile).toMatchObject({
      login: 'many-repos',
      name: 'Many Repos',
      website: null,
      bio: 'Writes code',
      company: '@acme',
      location: 'Berlin',
      hireable: true,
      followers: 12,
      publicRepos: 350,
      type: 'User',
      htmlUrl: 'https://github.com/many-repos',
    });
    expect(github.calls[0]).toMatchObject({ route: 'GET /users/{username}', authenticated: true });
  });

  it('reads every page of a 350-repo user, forks marked, newest push first', async () => {
    const repos = await client().listOwnedRepos('many-repos');
    expect(repos).toHaveLength(350);
    expect(new Set(repos.map((r) => r.id)).size).toBe(350);
    expect(repos.filter((r) => r.fork)).toHaveLength(35);
    expect(repos.filter((r) => r.archived)).toHaveLength(14);
    const pushed = repos.map((r) => r.pushedAt ?? '');
    expect(pushed).toEqual([...pushed].sort().reverse());
    expect(repos[0]).toMatchObject({ owner: 'many-repos', topics: expect.any(Array) });
    expect(github.count({ route: 'GET /users/{username}/repos', username: 'many-repos' })).toBe(4);
    expect(github.calls.map((c) => c.path)[0]).toContain('per_page=100');
  });

  it('decodes the README, strips Markdown and reports languages and licence', async () => {
    const c = client();
    const readme = await c.getReadme('readme-user', 'demo');
    expect(readme).toEqual({
      path: 'README.md',
      htmlUrl: 'https://github.com/readme-user/demo/blob/main/README.md',
      text: 'Demo\n\nA tool for parsing resumes. See docs.\n\nÜnïcödé — ok.',
      truncated: false,
    });
    expect(await c.getLanguages('readme-user', 'demo')).toEqual({ TypeScript: 10 });
    const [demo] = (await c.listOwnedRepos('readme-user')).filter((r) => r.name === 'demo');
    expect(demo.license).toEqual({ key: 'other', spdxId: null, name: 'Other' });
    expect(await c.getReadme('readme-user', 'bare')).toBeNull();
  });

  it('remembers a missing README per push instead of asking again', async () => {
    const c = client();
    const version = { pushedAt: '2024-01-01T00:00:00Z', defaultBranch: 'main' };
    expect(await c.getReadme('readme-user', 'bare', version)).toBeNull();
    expect(await c.getReadme('readme-user', 'bare', version)).toBeNull();
    expect(github.count({ route: 'GET /repos/{owner}/{repo}/readme' })).toBe(1);
    expect(
      await c.getReadme('readme-user', 'bare', { ...version, pushedAt: '2024-02-01T00:00:00Z' }),
    ).toBeNull();
    expect(github.count({ route: 'GET /repos/{owner}/{repo}/readme' })).toBe(2);
    expect(await c.getReadme('readme-user', 'bare')).toBeNull();
    expect(github.count({ route: 'GET /repos/{owner}/{repo}/readme' })).toBe(3);
  });

  it('truncates README text to readmeMaxBytes', async () => {
    const readme = await client({ readmeMaxBytes: 100 }).getReadme('readme-user', 'big');
    expect(readme?.truncated).toBe(true);
    expect(Buffer.byteLength(readme?.text ?? '')).toBeLessThanOrEqual(100);
    expect(readme?.text).toMatch(/^Big\n\nword word/);
    expect(readme?.text).not.toMatch(/\s$/);
  });

  it('revalidates with ETags: an unchanged refresh is all 304s and costs no rate limit', async () => {
    const c = client();
    const first = await c.listOwnedRepos('many-repos');
    const user = await c.getUser('many-repos');
    const used = github.rateLimit.used;
    expect(used).toBe(5);

    github.resetCalls();
    expect(await c.listOwnedRepos('many-repos')).toEqual(first);
    expect(await c.getUser('many-repos')).toEqual(user);
    expect(github.calls).toHaveLength(5);
    expect(github.calls.every((call) => call.status === 304 && call.conditional)).toBe(true);
    expect(github.rateLimit.used).toBe(used);
    expect(c.rateLimit).toMatchObject({ limit: 5000, remaining: 4995, used: 5 });

    github.dataset.updateUser('many-repos', { bio: 'Changed' });
    expect((await c.getUser('many-repos')).bio).toBe('Changed');
    expect(github.calls.at(-1)?.status).toBe(200);
  });

  it('asks unconditionally when the ETag store fails', async () => {
    class BrokenStore extends GithubEtagStore {
      async get(): Promise<GithubCachedResponse | undefined> {
        throw new Error('store down');
      }
      async set(): Promise<void> {
        throw new Error('store down');
      }
    }
    const c = new GithubClient(
      { ...DEFAULT_GITHUB_CLIENT_OPTIONS, apiUrl: github.url, retryDelayUnitMs: 1 },
      new BrokenStore(),
      new Clock(),
    );
    expect((await c.getUser('many-repos')).login).toBe('many-repos');
    expect(github.calls[0]).toMatchObject({ status: 200, conditional: false, authenticated: false });
  });

  describe('errors', () => {
    it('unknown user → 404 github_user_not_found', async () => {
      const error = await failure(client().getUser('nobody-at-all'));
      expect(error).toMatchObject({ status: 404, code: 'github_user_not_found' });
      const listing = await failure(client().listOwnedRepos('nobody-at-all'));
      expect(listing.code).toBe('github_user_not_found');
    });

    it('invalid username → 422 before any call', async () => {
      for (const name of [
        '-leading',
        'trailing-',
        'double--hyphen',
        'a'.repeat(40),
        'under_score',
        '',
        '../etc',
      ]) {
        const error = await failure(client().getUser(name));
        expect(error).toMatchObject({ status: 422, code: 'github_username_invalid' });
        expect(error.errors?.[0]).toMatchObject({ in: 'params', field: 'username', rule: 'githubUsername' });
      }
      await failure(client().listOwnedRepos('bad name'));
      await failure(client().getLanguages('-bad', 'repo'));
      expect((await failure(client().getReadme('ok', '..'))).code).toBe('github_repo_not_found');
      expect(github.calls).toHaveLength(0);
    });

    it('primary rate limit used up → 503 github_rate_limited with resetAt and Retry-After, no retries', async () => {
      github.exhaustRateLimit({ resetInSeconds: 600 });
      const error = await failure(client().getUser('many-repos'));
      expect(error).toMatchObject({ status: 503, code: 'github_rate_limited' });
      const resetAt = Date.parse(String(error.extensions.resetAt));
      expect(resetAt / 1000).toBe(github.rateLimit.reset);
      expect(error.extensions.limit).toBe('primary');
      const retryAfter = Number(error.headers['Retry-After']);
      expect(retryAfter).toBeGreaterThan(590);
      expect(retryAfter).toBeLessThanOrEqual(601);
      expect(github.calls).toHaveLength(1);
    });

    it('primary rate limit as 429 maps the same way', async () => {
      github.exhaustRateLimit({ resetInSeconds: 60, status: 429 });
      const error = await failure(client().getLanguages('readme-user', 'demo'));
      expect(error).toMatchObject({ status: 503, code: 'github_rate_limited' });
      expect(github.calls).toHaveLength(1);
    });

    it('secondary rate limit → waited out and retried, then succeeds', async () => {
      github.secondaryRateLimit({ retryAfterSeconds: 2 }, { times: 2 });
      expect((await client().getUser('many-repos')).login).toBe('many-repos');
      expect(github.calls.map((c) => c.status)).toEqual([403, 403, 200]);
    });

    it('secondary rate limit asking for a long wait → 503 at once with its Retry-After', async () => {
      github.secondaryRateLimit({ retryAfterSeconds: 120 }, { times: Infinity });
      const error = await failure(client().getUser('many-repos'));
      expect(error).toMatchObject({ status: 503, code: 'github_rate_limited' });
      expect(error.headers['Retry-After']).toBe('120');
      expect(error.extensions.limit).toBe('secondary');
      expect(github.calls).toHaveLength(1);
    });

    it('5xx → retried with backoff, then succeeds', async () => {
      github.failWith(502, { times: 2 });
      expect((await client().getUser('many-repos')).login).toBe('many-repos');
      expect(github.calls.map((c) => c.status)).toEqual([502, 502, 200]);
    });

    it('persistent 5xx → 502 github_unavailable after the retries', async () => {
      github.failWith(503, { times: Infinity });
      const error = await failure(client().listOwnedRepos('many-repos'));
      expect(error).toMatchObject({ status: 502, code: 'github_unavailable' });
      expect(error.extensions.reason).toBe('server_error');
      expect(github.calls).toHaveLength(3);
    });

    it('slower than the timeout → each attempt aborted, then 502 github_unavailable', async () => {
      github.delay(2000, { times: Infinity });
      const started = Date.now();
      const error = await failure(client({ timeoutMs: 100 }).getUser('many-repos'));
      expect(error).toMatchObject({ status: 502, code: 'github_unavailable' });
      expect(error.extensions.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1500);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(github.calls.map((c) => c.status)).toEqual([0, 0, 0]);
    });

    it('a slow answer within the timeout is fine', async () => {
      github.delay(50);
      expect((await client({ timeoutMs: 1000 }).getUser('many-repos')).login).toBe('many-repos');
    });

    it('nothing listening → 502 github_unavailable (network)', async () => {
      const gone = await new FakeGithubServer().start();
      const apiUrl = gone.url;
      await gone.stop();
      const error = await failure(client({ apiUrl }).getUser('many-repos'));
      expect(error).toMatchObject({ status: 502, code: 'github_unavailable' });
      expect(error.extensions.reason).toBe('network');
    });
  });

  describe('GraphQL: pinned repositories and contributions', () => {
    beforeAll(() => {
      github.addUser({
        login: 'pinning-user',
        pinned: ['main-app', 'Acme/shared-lib'],
        contributions: { commits: 321, pullRequests: 40, pullRequestReviews: 12, issues: 7, restricted: 99 },
      });
      github.addRepo('pinning-user', { name: 'Main-App' });
      github.addUser({ login: 'some-org', type: 'Organization' });
    });

    it('reads pinned repositories in pin order and last year’s counts with one authenticated query', async () => {
      const c = client();
      expect(c.graphqlEnabled).toBe(true);
      const highlights = await c.getProfileHighlights('pinning-user');
      expect(highlights).toEqual({
        pinned: ['pinning-user/Main-App', 'Acme/shared-lib'],
        contributions: {
          commits: 321,
          pullRequests: 40,
          pullRequestReviews: 12,
          issues: 7,
          restricted: 99,
          from: expect.stringMatching(ISO),
          to: expect.stringMatching(ISO),
        },
      });
      expect(Date.parse(highlights.contributions.to) - Date.parse(highlights.contributions.from)).toBe(
        365 * 86_400_000,
      );
      expect(github.calls).toEqual([
        expect.objectContaining({
          route: 'POST /graphql',
          path: '/graphql',
          authenticated: true,
          status: 200,
        }),
      ]);
      expect(github.rateLimit.used).toBe(0);
      // The REST rate limit the client reports is not overwritten by GraphQL's.
      expect(c.rateLimit).toBeUndefined();
    });

    it('goes to /api/graphql for a GitHub Enterprise /api/v3 base URL', async () => {
      const highlights = await client({ apiUrl: `${github.url}/api/v3` }).getProfileHighlights(
        'pinning-user',
      );
      expect(highlights.pinned).toHaveLength(2);
      expect(github.calls.map((call) => call.path)).toEqual(['/api/graphql']);
    });

    it('is not available without a token (GitHub has no anonymous GraphQL)', async () => {
      const c = client({ token: undefined });
      expect(c.graphqlEnabled).toBe(false);
      await expect(c.getProfileHighlights('pinning-user')).rejects.toThrow(/needs a token/);
      expect(github.calls).toHaveLength(0);
    });

    it('maps NOT_FOUND (an unknown user or an organization) to 404', async () => {
      for (const login of ['nobody-at-all', 'some-org']) {
        const error = await failure(client().getProfileHighlights(login));
        expect(error).toMatchObject({ status: 404, code: 'github_user_not_found' });
      }
      expect((await failure(client().getProfileHighlights('bad name'))).status).toBe(422);
    });

    it('retries a 5xx, and fails with 502 github_unavailable when it persists', async () => {
      github.failWith(502, { route: 'POST /graphql', times: 2 });
      expect((await client().getProfileHighlights('pinning-user')).pinned).toHaveLength(2);
      expect(github.calls.map((call) => call.status)).toEqual([502, 502, 200]);
      github.resetCalls().failWith(503, { route: 'POST /graphql', times: Infinity });
      const error = await failure(client().getProfileHighlights('pinning-user'));
      expect(error).toMatchObject({ status: 502, code: 'github_unavailable' });
      expect(github.calls).toHaveLength(3);
    });

    it('maps GraphQL’s own rate limit (RATE_LIMITED in a 200) to 503 github_rate_limited', async () => {
      github.setRateLimit({ resource: 'graphql', remaining: 0, resetInSeconds: 300 });
      const error = await failure(client().getProfileHighlights('pinning-user'));
      expect(error).toMatchObject({ status: 503, code: 'github_rate_limited' });
      expect(Number(error.headers['Retry-After'])).toBeGreaterThan(290);
      expect(github.calls).toHaveLength(1);
    });
  });

  it('reads GitHub’s own rate-limit account without spending it', async () => {
    const c = client();
    await c.getUser('many-repos');
    expect(await c.getRateLimit()).toMatchObject({ limit: 5000, remaining: 4999, used: 1 });
    expect(github.rateLimit.used).toBe(1);
  });
});

describe('GithubClient safety', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        link: '<https://elsewhere.example/user/1/repos?page=2>; rel="next"',
      });
      res.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('never follows a Link to another host (the token would go with it)', async () => {
    const c = new GithubClient(
      { ...DEFAULT_GITHUB_CLIENT_OPTIONS, apiUrl: url, token: 'secret', retryDelayUnitMs: 1 },
      new InMemoryGithubEtagStore(),
      new Clock(),
    );
    const error = await failure(c.listOwnedRepos('someone'));
    expect(error).toMatchObject({ status: 502, code: 'github_unavailable' });
  });
});

describe('linkTarget', () => {
  it('finds a relation in an RFC 8288 Link header', () => {
    const link =
      '<https://api.github.com/user/1/repos?page=1>; rel="prev", <https://api.github.com/user/1/repos?page=3>; rel="next", ' +
      '<https://api.github.com/user/1/repos?page=5>; rel="last"';
    expect(linkTarget(link, 'next')).toBe('https://api.github.com/user/1/repos?page=3');
    expect(linkTarget(link, 'last')).toBe('https://api.github.com/user/1/repos?page=5');
    expect(linkTarget(link, 'first')).toBeUndefined();
    expect(linkTarget('<https://x/a>; title="t"; rel="next prefetch"', 'next')).toBe('https://x/a');
    expect(linkTarget(undefined, 'next')).toBeUndefined();
  });
});
