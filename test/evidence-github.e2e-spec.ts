/** `GET /api/v1/evidence/github/{username}` against the fake GitHub server (GitHub's REST shapes). */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGithubServer } from '@app/testing/fakes/github';

describe('GitHub evidence preview', () => {
  const github = new FakeGithubServer();
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    await github.start();
    t = await startTestApp({
      env: { GITHUB_API_URL: github.url, GITHUB_RETRY_DELAY_UNIT_MS: '1', GITHUB_TIMEOUT_MS: '2000' },
    });
    user = await createTestUser(t, { scopes: ['generate'] });
    github.addUser({ login: 'octocat', name: 'The Octocat', bio: 'Builds things' });
    github.addRepo('octocat', {
      name: 'ledger',
      languages: { Go: 5000, Shell: 100 },
      readme: '# Ledger\n\nA **double-entry** ledger in [Go](https://go.dev).',
      topics: ['accounting'],
      stars: 42,
    });
    github.addRepo('octocat', { name: 'someone-elses-lib', fork: true });
    github.addUser({ login: 'prolific' });
    github.addRepos('prolific', 350);
  });
  beforeEach(() => github.clearFaults().setRateLimit({ remaining: 5000 }));
  afterAll(async () => {
    await t.close();
    await github.stop();
  });

  const preview = (username: string, query = '') =>
    request(t.server).get(`/api/v1/evidence/github/${username}${query}`).set('x-api-key', user.key);

  it('gives the profile and owned repositories with languages and README text, forks left out', async () => {
    const res = await preview('octocat').expect(200);
    expect(res.body).toMatchObject({
      source: 'github',
      login: 'octocat',
      profile: { login: 'octocat', name: 'The Octocat', bio: 'Builds things' },
      ownedRepoCount: 2,
      forksExcluded: 1,
      // No GITHUB_TOKEN here: GitHub has no anonymous GraphQL, so these are not fetched.
      pinned: null,
      contributions: null,
    });
    expect(github.count({ route: 'POST /graphql' })).toBe(0);
    expect(res.body.repos).toHaveLength(1);
    expect(res.body.repos[0]).toMatchObject({
      name: 'ledger',
      fork: false,
      stars: 42,
      topics: ['accounting'],
      languages: { Go: 5000, Shell: 100 },
      readme: { text: expect.stringContaining('A double-entry ledger in Go'), truncated: false },
    });
    // The CandidateProfile GitHub alone gives, every skill and project citing a GitHub fact.
    const candidate = res.body.candidateProfile;
    expect(candidate.identity.name).toMatchObject({ value: 'The Octocat', source: 'github' });
    expect(candidate.skills[0]).toMatchObject({
      canonical: 'Go',
      evidence: [
        expect.objectContaining({ kind: 'github_languages', id: 'github_languages:octocat/ledger' }),
      ],
    });
    expect(candidate.projects.map((project: { id: string }) => project.id)).toEqual([
      'github_repo:octocat/ledger',
    ]);
    const factIds = new Set(candidate.evidence.map((fact: { id: string }) => fact.id));
    for (const item of [...candidate.skills, ...candidate.projects]) {
      expect(item.evidence.length).toBeGreaterThan(0);
      for (const ref of item.evidence) expect(factIds.has(ref.id)).toBe(true);
    }
    const withForks = await preview('octocat', '?includeForks=true').expect(200);
    expect(withForks.body.repos.map((r: { name: string }) => r.name).sort()).toEqual([
      'ledger',
      'someone-elses-lib',
    ]);
  });

  it('reads every page of a user with 350 repositories', async () => {
    const res = await preview('prolific', '?includeForks=true').expect(200);
    expect(res.body.ownedRepoCount).toBe(350);
    expect(res.body.repos).toHaveLength(350);
  });

  it('answers problems users can act on', async () => {
    const unknown = await preview('nobody-here').expect(404);
    expect(unknown.body.code).toBe('github_user_not_found');

    github.resetCalls();
    const invalid = await preview('-bad--name-').expect(422);
    expect(invalid.body.code).toBe('github_username_invalid');
    expect(github.count()).toBe(0);

    github.exhaustRateLimit({ resetInSeconds: 120 });
    const limited = await preview('octocat', '?refresh=true').expect(503);
    expect(limited.body).toMatchObject({ code: 'github_rate_limited', resetAt: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('serves from the cache, says where from and how old, and refresh fetches again', async () => {
    github.addUser({ login: 'cached-user' });
    github.addRepos('cached-user', 3);
    const first = await preview('cached-user').expect(200);
    expect(first.body.cache).toMatchObject({ source: 'origin', ageSeconds: 0 });
    github.resetCalls();
    const second = await preview('cached-user').expect(200);
    expect(second.body.cache.source).toBe('redis');
    expect(second.body.cache.cachedAt).toBe(first.body.cache.cachedAt);
    expect(second.body.repos).toEqual(first.body.repos);
    expect(github.count()).toBe(0);
    const refreshed = await preview('cached-user', '?refresh=true').expect(200);
    expect(refreshed.body.cache.source).toBe('origin');
    expect(github.count({ route: 'GET /users/{username}' })).toBe(1);
  });

  it('a refresh that finds nothing new is answered with 304s and costs no rate limit', async () => {
    github.addUser({ login: 'steady' });
    github.addRepos('steady', 4);
    await preview('steady', '?refresh=true').expect(200);
    const before = github.rateLimit.remaining;
    github.resetCalls();
    const again = await preview('steady', '?refresh=true').expect(200);
    expect(again.body.cache.source).toBe('origin');
    expect(github.count()).toBeGreaterThan(0);
    expect(github.calls.every((call) => call.conditional && call.status === 304 && !call.counted)).toBe(true);
    expect(github.rateLimit.remaining).toBe(before);
  });

  it('coalesces 10 concurrent requests for one user into one GitHub fetch', async () => {
    github.addUser({ login: 'popular' });
    github.addRepos('popular', 5);
    github.resetCalls();
    const results = await Promise.all(Array.from({ length: 10 }, () => preview('popular')));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(github.count({ route: 'GET /users/{username}', username: 'popular' })).toBe(1);
    expect(github.count({ route: 'GET /users/{username}/repos', username: 'popular' })).toBe(1);
    expect(new Set(results.map((r) => r.body.fetchedAt)).size).toBe(1);
  });

  it('shares ETags through Redis: another instance’s refresh is all 304s and costs no rate limit', async () => {
    github.addUser({ login: 'shared-etags' });
    github.addRepos('shared-etags', 150);
    const first = await preview('shared-etags', '?refresh=true').expect(200);
    expect(first.body.cache.source).toBe('origin');
    const used = github.rateLimit.used;

    // A second API instance (another replica, or the worker): same Redis, its own process memory.
    const other = await startTestApp({
      env: { GITHUB_API_URL: github.url, GITHUB_RETRY_DELAY_UNIT_MS: '1', GITHUB_TIMEOUT_MS: '2000' },
    });
    try {
      const otherUser = await createTestUser(other, { scopes: ['generate'] });
      github.resetCalls();
      const again = await request(other.server)
        .get('/api/v1/evidence/github/shared-etags?refresh=true')
        .set('x-api-key', otherUser.key)
        .expect(200);
      expect(again.body.cache.source).toBe('origin');
      expect(again.body.repos).toEqual(first.body.repos);
      // 1 profile + 2 pages + 2 per non-fork repo, every one revalidated with the first instance's ETag.
      expect(github.count()).toBe(1 + 2 + 2 * 135);
      expect(github.calls.every((call) => call.conditional && call.status === 304 && !call.counted)).toBe(
        true,
      );
      expect(github.rateLimit.used).toBe(used);
    } finally {
      await other.close();
    }
  });

  it('needs the generate scope', async () => {
    const reader = await createTestUser(t, { scopes: ['resumes:read'] });
    await request(t.server).get('/api/v1/evidence/github/octocat').set('x-api-key', reader.key).expect(403);
  });
});

describe('GitHub evidence preview with a token (GraphQL)', () => {
  const github = new FakeGithubServer();
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    await github.start();
    t = await startTestApp({
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_TOKEN: 'ghp_test_token',
        GITHUB_RETRY_DELAY_UNIT_MS: '1',
        GITHUB_TIMEOUT_MS: '2000',
      },
    });
    user = await createTestUser(t, { scopes: ['generate'] });
    github.addUser({
      login: 'pinner',
      pinned: ['ledger', 'upstream/big-lib'],
      contributions: { commits: 1200, pullRequests: 85, pullRequestReviews: 140, issues: 30, restricted: 9 },
    });
    github.addRepo('pinner', { name: 'Ledger', languages: { Go: 5000 } });
    github.addUser({ login: 'flaky-graphql' });
    github.addRepos('flaky-graphql', 2);
  });
  afterAll(async () => {
    await t.close();
    await github.stop();
  });

  const preview = (username: string, query = '') =>
    request(t.server).get(`/api/v1/evidence/github/${username}${query}`).set('x-api-key', user.key);

  it('adds pinned repositories and last year’s contribution counts', async () => {
    const res = await preview('pinner').expect(200);
    expect(res.body).toMatchObject({
      login: 'pinner',
      pinned: ['pinner/Ledger', 'upstream/big-lib'],
      contributions: {
        commits: 1200,
        pullRequests: 85,
        pullRequestReviews: 140,
        issues: 30,
        restricted: 9,
        from: expect.any(String),
        to: expect.any(String),
      },
    });
    const { from, to } = res.body.contributions as { from: string; to: string };
    expect(Date.parse(to) - Date.parse(from)).toBe(365 * 86_400_000);
    expect(github.calls.find((call) => call.route === 'POST /graphql')).toMatchObject({
      username: 'pinner',
      authenticated: true,
      status: 200,
    });
  });

  it('still answers, with pinned and contributions null, when GraphQL fails', async () => {
    github.failWith(502, { route: 'POST /graphql', times: Infinity });
    try {
      const res = await preview('flaky-graphql').expect(200);
      expect(res.body).toMatchObject({ login: 'flaky-graphql', pinned: null, contributions: null });
      expect(res.body.repos).toHaveLength(2);
      expect(github.count({ route: 'POST /graphql', status: 502 })).toBe(3);
    } finally {
      github.clearFaults();
    }
  });
});
