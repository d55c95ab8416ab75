import { Global, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock, DomainError } from '@app/core';
import { FakeGithubServer } from '@app/testing/fakes/github';

import { DEFAULT_GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { GithubClient } from './github.client';
import { GithubEtagStore, InMemoryGithubEtagStore } from './github-etag.store';
import { githubRepoNotFound, githubUnavailable } from './github.errors';
import { GithubIngestionService, mapWithLimit } from './github-ingestion.service';
import { type GithubProfileSnapshot, type GithubRepoSummary } from './github-profile.snapshot';
import { GithubModule } from './github.module';

const FIXED_NOW = new Date('2026-01-02T03:04:05.000Z');
class FixedClock extends Clock {
  override now(): Date {
    return FIXED_NOW;
  }
}

/** The app's ClockModule is global; this one pins the time. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: FixedClock }], exports: [Clock] })
class FixedClockModule {}

describe('GithubIngestionService against the fake GitHub', () => {
  const github = new FakeGithubServer();
  let ingestion: GithubIngestionService;
  const options = (): GithubClientOptions => ({
    ...DEFAULT_GITHUB_CLIENT_OPTIONS,
    apiUrl: github.url,
    token: 'test-token',
    timeoutMs: 1000,
    retryDelayUnitMs: 1,
    readmeMaxBytes: 64,
  });

  beforeAll(async () => {
    Logger.overrideLogger(['fatal', 'error', 'warn']);
    await github.start();
    github.addUser({ login: 'dev', name: 'Dev Eloper', blog: 'https://dev.example' });
    github.addRepos('dev', 350);
    github.addRepo('dev', {
      name: 'flagship',
      description: 'The main thing',
      topics: ['nestjs', 'api'],
      stars: 420,
      forks: 17,
      languages: { TypeScript: 90_000, CSS: 1_000 },
      homepage: 'https://flagship.example',
      license: 'apache-2.0',
      createdAt: '2021-05-01T10:00:00Z',
      pushedAt: '2025-12-24T18:00:00Z',
      readme: `# Flagship\n\n![badge](b.svg) Does **real** work. ${'More text. '.repeat(20)}`,
    });
    github.addRepo('dev', { name: 'old-thing', archived: true, pushedAt: '2020-01-01T00:00:00Z' });
    github.addRepo('dev', { name: 'their-fork', fork: true, readme: null });
    github.setPinned('dev', ['flagship', 'upstream/big-project']);
    github.setContributions('dev', { commits: 512, pullRequests: 64, pullRequestReviews: 32, issues: 8 });
    github.addUser({ login: 'an-org', type: 'Organization' });
    github.addRepos('an-org', 2);
  });
  afterAll(() => github.stop());
  beforeEach(() => {
    github.reset();
    // Through the module, as the app will wire it.
    return Test.createTestingModule({
      imports: [FixedClockModule, GithubModule.forRootAsync({ useFactory: options })],
    })
      .compile()
      .then((moduleRef) => {
        ingestion = moduleRef.get(GithubIngestionService);
      });
  });

  it('gathers profile and owned repositories, all pages, forks excluded, archived marked', async () => {
    const snapshot = await ingestion.ingest('dev');
    expect(snapshot).toMatchObject({
      source: 'github',
      login: 'dev',
      fetchedAt: FIXED_NOW.toISOString(),
      profile: { login: 'dev', name: 'Dev Eloper', website: 'https://dev.example', publicRepos: 353 },
      ownedRepoCount: 353,
      forksExcluded: 36,
      pinned: ['dev/flagship', 'upstream/big-project'],
      contributions: {
        commits: 512,
        pullRequests: 64,
        pullRequestReviews: 32,
        issues: 8,
        restricted: 0,
        from: expect.any(String),
        to: expect.any(String),
      },
    });
    expect(snapshot.repos).toHaveLength(317);
    expect(snapshot.repos.some((r) => r.fork)).toBe(false);
    expect(snapshot.repos.find((r) => r.name === 'old-thing')?.archived).toBe(true);
    expect(snapshot.repos[0]).toEqual({
      id: expect.any(Number),
      owner: 'dev',
      name: 'flagship',
      fullName: 'dev/flagship',
      htmlUrl: 'https://github.com/dev/flagship',
      description: 'The main thing',
      fork: false,
      archived: false,
      isTemplate: false,
      topics: ['nestjs', 'api'],
      stars: 420,
      forks: 17,
      watchers: 420,
      primaryLanguage: 'TypeScript',
      homepage: 'https://flagship.example',
      license: { key: 'apache-2.0', spdxId: 'Apache-2.0', name: 'Apache License 2.0' },
      defaultBranch: 'main',
      sizeKb: 0,
      createdAt: '2021-05-01T10:00:00Z',
      updatedAt: '2025-12-24T18:00:00Z',
      pushedAt: '2025-12-24T18:00:00Z',
      languages: { TypeScript: 90_000, CSS: 1_000 },
      readme: {
        path: 'README.md',
        htmlUrl: 'https://github.com/dev/flagship/blob/main/README.md',
        text: 'Flagship\n\nDoes real work. More text. More text. More text. More',
        truncated: true,
      },
    });
    // 1 profile + 4 pages + 2 per non-fork repo; nothing for the forks; 1 GraphQL query.
    expect(github.calls).toHaveLength(1 + 4 + 2 * 317 + 1);
    expect(github.count({ route: 'POST /graphql', username: 'dev' })).toBe(1);
    expect(github.count({ route: 'GET /repos/{owner}/{repo}/readme', repo: 'their-fork' })).toBe(0);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('includes forks on request', async () => {
    const snapshot = await ingestion.ingest('dev', { includeForks: true });
    expect(snapshot.repos).toHaveLength(353);
    expect(snapshot.forksExcluded).toBe(0);
    const fork = snapshot.repos.find((r) => r.name === 'their-fork');
    expect(fork).toMatchObject({ fork: true, readme: null });
  });

  it('refreshes with ETags: all 304s, no rate limit spent, same snapshot', async () => {
    const first = await ingestion.ingest('dev');
    const used = github.rateLimit.used;
    github.resetCalls();
    const again = await ingestion.ingest('dev');
    // The contribution window ends "now" on GitHub, so it moves between the two calls.
    const steady = (snapshot: GithubProfileSnapshot) => ({
      ...snapshot,
      contributions: snapshot.contributions && { ...snapshot.contributions, from: '', to: '' },
    });
    expect(steady(again)).toEqual(steady(first));
    expect(again.contributions?.commits).toBe(512);
    const rest = github.calls.filter((c) => c.route !== 'POST /graphql');
    expect(rest.length).toBeGreaterThan(600);
    expect(rest.filter((c) => c.status !== 304)).toEqual([]);
    expect(github.rateLimit.used).toBe(used);
    // GraphQL answers are not conditional; the query costs GraphQL's own budget, not the REST one.
    expect(github.count({ route: 'POST /graphql' })).toBe(1);
  });

  it('leaves pinned and contributions null, and goes on, when GraphQL fails', async () => {
    github.failWith(502, { route: 'POST /graphql', times: Infinity });
    const snapshot = await ingestion.ingest('dev');
    expect(snapshot).toMatchObject({ login: 'dev', pinned: null, contributions: null });
    expect(snapshot.repos).toHaveLength(317);
    expect(github.count({ route: 'POST /graphql', status: 502 })).toBe(3);
  });

  it('asks GraphQL nothing about an organization (`user(login:)` has none)', async () => {
    const snapshot = await ingestion.ingest('an-org');
    expect(snapshot).toMatchObject({ login: 'an-org', pinned: null, contributions: null });
    expect(snapshot.repos).toHaveLength(2);
    expect(github.count({ route: 'POST /graphql' })).toBe(0);
  });

  it('makes no GraphQL call without a token', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FixedClockModule,
        GithubModule.forRootAsync({ useFactory: () => ({ ...options(), token: undefined }) }),
      ],
    }).compile();
    const snapshot = await moduleRef.get(GithubIngestionService).ingest('dev');
    expect(snapshot).toMatchObject({ pinned: null, contributions: null });
    expect(snapshot.repos).toHaveLength(317);
    expect(github.count({ route: 'POST /graphql' })).toBe(0);
    expect(github.calls.every((c) => !c.authenticated)).toBe(true);
  });

  it('binds the in-memory ETag store when there is no Redis client', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [FixedClockModule, GithubModule.forRootAsync({ useFactory: options })],
    }).compile();
    expect(moduleRef.get(GithubEtagStore)).toBeInstanceOf(InMemoryGithubEtagStore);
  });

  it('fails as a whole with a rate-limit problem when the limit runs out midway', async () => {
    github.setRateLimit({ remaining: 50, resetInSeconds: 900 });
    const error = await ingestion.ingest('dev').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 503, code: 'github_rate_limited' });
    expect((error as DomainError).headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('rejects an invalid username before any call', async () => {
    await expect(ingestion.ingest('not a user!')).rejects.toMatchObject({
      status: 422,
      code: 'github_username_invalid',
    });
    expect(github.calls).toHaveLength(0);
  });

  it('maps an unknown user to 404', async () => {
    await expect(ingestion.ingest('ghost-user')).rejects.toMatchObject({
      status: 404,
      code: 'github_user_not_found',
    });
  });
});

describe('GithubIngestionService with a stubbed client', () => {
  const repo = (name: string): GithubRepoSummary => ({
    id: name.length,
    owner: 'dev',
    name,
    fullName: `dev/${name}`,
    htmlUrl: `https://github.com/dev/${name}`,
    description: null,
    fork: false,
    archived: false,
    isTemplate: false,
    topics: [],
    stars: 0,
    forks: 0,
    watchers: 0,
    primaryLanguage: null,
    homepage: null,
    license: null,
    defaultBranch: 'main',
    sizeKb: 0,
    createdAt: null,
    updatedAt: null,
    pushedAt: null,
  });
  const stub = (
    languages: (name: string) => Promise<Record<string, number>>,
    highlights?: () => Promise<unknown>,
  ) =>
    ({
      graphqlEnabled: highlights !== undefined,
      getProfileHighlights: highlights,
      getUser: async () => ({ login: 'dev', type: 'User' }),
      listOwnedRepos: async () => [repo('kept'), repo('deleted-meanwhile')],
      getLanguages: async (_owner: string, name: string) => languages(name),
      getReadme: async () => null,
    }) as unknown as GithubClient;

  it('drops a repository deleted between listing and details', async () => {
    const service = new GithubIngestionService(
      stub(async (name) => {
        if (name === 'deleted-meanwhile') throw githubRepoNotFound('dev', name);
        return { Go: 1 };
      }),
      new FixedClock(),
      DEFAULT_GITHUB_CLIENT_OPTIONS,
    );
    const snapshot = await service.ingest('dev');
    expect(snapshot.repos.map((r) => r.name)).toEqual(['kept']);
    expect(snapshot.ownedRepoCount).toBe(2);
    expect(snapshot).toMatchObject({ pinned: null, contributions: null });
  });

  it('survives any GraphQL failure, not only DomainErrors', async () => {
    const service = new GithubIngestionService(
      stub(
        async () => ({ Go: 1 }),
        async () => {
          throw new TypeError('cannot read properties of undefined');
        },
      ),
      new FixedClock(),
      DEFAULT_GITHUB_CLIENT_OPTIONS,
    );
    const snapshot = await service.ingest('dev');
    expect(snapshot).toMatchObject({ pinned: null, contributions: null });
    expect(snapshot.repos).toHaveLength(2);
  });

  it('passes other failures through', async () => {
    const service = new GithubIngestionService(
      stub(async () => {
        throw githubUnavailable('server_error');
      }),
      new FixedClock(),
      DEFAULT_GITHUB_CLIENT_OPTIONS,
    );
    await expect(service.ingest('dev')).rejects.toMatchObject({ status: 502, code: 'github_unavailable' });
  });
});

describe('mapWithLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      running -= 1;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('starts nothing new after a failure and throws it', async () => {
    const started: number[] = [];
    const error = await mapWithLimit([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('boom');
    expect(started).toEqual([1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([]);
  });
});
