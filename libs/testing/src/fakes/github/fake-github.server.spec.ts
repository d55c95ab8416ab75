import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { findRepoRoot } from '../../services/repo-root';
import { FakeGithubServer, etagMatches } from './fake-github.server';

interface Recording {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
}

const scenarios = join(findRepoRoot(__dirname), 'node_modules/@octokit/fixtures/scenarios/api.github.com');
const recording = (scenario: string): Recording[] =>
  JSON.parse(readFileSync(join(scenarios, scenario, 'normalized-fixture.json'), 'utf8')) as Recording[];

type Json = Record<string, unknown>;
const keys = (value: unknown): string[] => Object.keys(value as Json).sort();

/** Fields of the recorded `get-repository` answer that a stranger does not get for a user's public repo. */
const VIEWER_OR_ORG_ONLY = [
  'permissions',
  'temp_clone_token',
  'allow_squash_merge',
  'allow_merge_commit',
  'allow_rebase_merge',
  'allow_auto_merge',
  'delete_branch_on_merge',
  'allow_update_branch',
  'use_squash_pr_title_as_default',
  'organization',
];
/** Fields `full-repository` requires that the (older) recording predates. */
const NEWER_THAN_RECORDING = ['has_discussions'];

describe('FakeGithubServer', () => {
  const github = new FakeGithubServer();
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${github.url}${path}`, { headers: { accept: 'application/vnd.github+json', ...headers } });

  beforeAll(async () => {
    await github.start();
    github.addUser({
      login: 'Octo-Cat',
      name: 'Octo Cat',
      bio: 'I build things',
      blog: 'https://octo.example',
    });
    github.addRepos('Octo-Cat', 350);
    github.addRepo('Octo-Cat', {
      name: 'readme-demo',
      readme: '# Hello\n\nSome *Markdown* — with ünïcode.\n',
      languages: { TypeScript: 100, Go: 900 },
      topics: ['demo'],
      license: 'mit',
      homepage: 'https://demo.example',
      stars: 7,
    });
    github.addRepo('Octo-Cat', { name: 'no-readme' });
  });
  afterAll(() => github.stop());
  beforeEach(() => github.reset());

  describe('pagination', () => {
    it('pages a 352-repo user 100 at a time with GitHub-style Link headers', async () => {
      const first = await get('/users/octo-cat/repos?per_page=100&type=owner&sort=pushed');
      expect(first.status).toBe(200);
      const firstItems = (await first.json()) as Json[];
      expect(firstItems).toHaveLength(100);
      const link = first.headers.get('link') ?? '';
      const id = github.dataset.getUser('octo-cat')?.id;
      const base = `${github.url}/user/${id}/repos?per_page=100&type=owner&sort=pushed`;
      expect(link).toBe(`<${base}&page=2>; rel="next", <${base}&page=4>; rel="last"`);

      const seen = new Set(firstItems.map((r) => r.id));
      let next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      const rels: string[][] = [];
      while (next) {
        const page = await fetch(next);
        const pageLink = page.headers.get('link') ?? '';
        rels.push([...pageLink.matchAll(/rel="(\w+)"/g)].map((m) => m[1]));
        for (const repo of (await page.json()) as Json[]) seen.add(repo.id);
        next = /<([^>]+)>; rel="next"/.exec(pageLink)?.[1];
      }
      expect(seen.size).toBe(352);
      // The same rel order as GitHub's recorded pagination (paginate-issues scenario).
      const recorded = recording('paginate-issues').map((r) =>
        [...String(r.headers.link).matchAll(/rel="(\w+)"/g)].map((m) => m[1]),
      );
      expect(rels).toEqual([recorded[1], recorded[2], recorded[4]]);
      expect(github.count({ route: 'GET /users/{username}/repos', username: 'OCTO-CAT' })).toBe(4);
    });

    it('defaults to 30 per page, caps per_page at 100 and sends no Link for a single page', async () => {
      const byDefault = await get('/users/octo-cat/repos');
      expect(((await byDefault.json()) as unknown[]).length).toBe(30);
      const capped = await get('/users/octo-cat/repos?per_page=500');
      expect(((await capped.json()) as unknown[]).length).toBe(100);
      github.addUser({ login: 'solo' });
      github.addRepos('solo', 3);
      const single = await get('/users/solo/repos?per_page=100');
      expect(single.headers.get('link')).toBeNull();
      expect(((await single.json()) as unknown[]).length).toBe(3);
      const member = await get('/users/solo/repos?type=member');
      expect(await member.json()).toEqual([]);
    });

    it('sorts by full_name ascending by default and by pushed descending on request', async () => {
      const byName = (await (await get('/users/octo-cat/repos?per_page=3')).json()) as Json[];
      expect(byName.map((r) => r.name)).toEqual(['no-readme', 'Octo-Cat-repo-001', 'Octo-Cat-repo-002']);
      const byPushed = (await (await get('/users/octo-cat/repos?per_page=100&sort=pushed')).json()) as Json[];
      const pushed = byPushed.map((r) => String(r.pushed_at));
      expect(pushed).toEqual([...pushed].sort().reverse());
    });
  });

  describe('ETags', () => {
    it('answers a matching If-None-Match with 304, no body, and no rate-limit cost', async () => {
      const first = await get('/users/octo-cat');
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');

      const again = await get('/users/octo-cat', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('x-ratelimit-remaining')).toBe('4999');
      expect(github.rateLimit.used).toBe(1);
      expect(github.calls.map((c) => [c.status, c.conditional, c.counted])).toEqual([
        [200, false, true],
        [304, true, false],
      ]);
    });

    it('serves a new body and ETag once the data changed', async () => {
      const etag = (await get('/repos/octo-cat/readme-demo')).headers.get('etag') ?? '';
      github.dataset.updateRepo('octo-cat', 'readme-demo', { stars: 8 });
      const changed = await get('/repos/octo-cat/readme-demo', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(((await changed.json()) as Json).stargazers_count).toBe(8);
      expect(changed.headers.get('etag')).not.toBe(etag);
      github.dataset.updateRepo('octo-cat', 'readme-demo', { stars: 7 });
    });

    it('compares ETags weakly and accepts lists and *', () => {
      expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
      expect(etagMatches('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
      expect(etagMatches('*', 'W/"abc"')).toBe(true);
      expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    });
  });

  describe('resources', () => {
    it('serves a profile with public_repos counted from the dataset, case-insensitively', async () => {
      const user = (await (await get('/users/OCTO-cat')).json()) as Json;
      expect(user).toMatchObject({
        login: 'Octo-Cat',
        name: 'Octo Cat',
        bio: 'I build things',
        blog: 'https://octo.example',
        public_repos: 352,
        type: 'User',
        url: `${github.url}/users/Octo-Cat`,
      });
    });

    it('serves languages, topics and the README as base64 wrapped at 60 columns', async () => {
      expect(await (await get('/repos/octo-cat/readme-demo/languages')).json()).toEqual({
        Go: 900,
        TypeScript: 100,
      });
      expect(await (await get('/repos/octo-cat/readme-demo/topics')).json()).toEqual({ names: ['demo'] });
      const readme = (await (await get('/repos/octo-cat/readme-demo/readme')).json()) as Json;
      expect(readme).toMatchObject({
        type: 'file',
        encoding: 'base64',
        path: 'README.md',
        name: 'README.md',
      });
      const content = String(readme.content);
      expect(content.split('\n').every((line) => line.length <= 60)).toBe(true);
      expect(Buffer.from(content, 'base64').toString('utf8')).toBe(
        '# Hello\n\nSome *Markdown* — with ünïcode.\n',
      );
      expect(readme.sha).toMatch(/^[0-9a-f]{40}$/);

      const raw = await get('/repos/octo-cat/readme-demo/readme', { accept: 'application/vnd.github.raw' });
      expect(await raw.text()).toBe('# Hello\n\nSome *Markdown* — with ünïcode.\n');
    });

    it('reports the primary language, licence, homepage and fork/archived flags in list items', async () => {
      const all: Json[] = [];
      for (let page = 1; page <= 4; page++) {
        all.push(
          ...((await (await get(`/users/octo-cat/repos?per_page=100&page=${page}`)).json()) as Json[]),
        );
      }
      const demo = all.find((r) => r.name === 'readme-demo');
      expect(demo).toMatchObject({
        language: 'Go',
        topics: ['demo'],
        homepage: 'https://demo.example',
        stargazers_count: 7,
        license: { key: 'mit', spdx_id: 'MIT', name: 'MIT License' },
      });
      expect(all.filter((r) => r.fork === true)).toHaveLength(35);
      expect(all.filter((r) => r.archived === true)).toHaveLength(14);
    });

    it('answers unknown users, repos and missing READMEs with GitHub 404 bodies', async () => {
      for (const path of [
        '/users/nobody-here',
        '/users/nobody-here/repos',
        '/repos/octo-cat/missing',
        '/repos/octo-cat/missing/languages',
        '/repos/octo-cat/no-readme/readme',
        '/nothing/here',
      ]) {
        const response = await get(path);
        expect(response.status, path).toBe(404);
        const body = (await response.json()) as Json;
        expect(body).toMatchObject({ message: 'Not Found', status: '404' });
        expect(String(body.documentation_url)).toMatch(/^https:\/\/docs\.github\.com\/rest/);
      }
      const recorded = recording('branch-protection').find((r) => r.status === 404);
      const ours = (await (await get('/users/nobody-here')).json()) as Json;
      expect(keys(ours)).toEqual(expect.arrayContaining(keys(recorded?.response)));
      expect(github.count({ status: 404 })).toBe(7);
    });
  });

  describe('rate limits and faults', () => {
    it('fails counted requests once the primary limit is used up, until the reset', async () => {
      github.exhaustRateLimit({ resetInSeconds: 120 });
      const limited = await get('/users/octo-cat', { authorization: 'token t' });
      expect(limited.status).toBe(403);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      expect(reset - Date.now() / 1000).toBeGreaterThan(100);
      const body = (await limited.json()) as Json;
      expect(body.message).toMatch(/^API rate limit exceeded for user ID/);

      const overview = (await (await get('/rate_limit')).json()) as { rate: Json; resources: { core: Json } };
      expect(overview.rate).toMatchObject({ limit: 5000, remaining: 0, used: 5000, reset });
      expect(overview.resources.core).toEqual(overview.rate);

      github.exhaustRateLimit({ status: 429 });
      const unauthenticated = await get('/users/octo-cat');
      expect(unauthenticated.status).toBe(429);
      expect(((await unauthenticated.json()) as Json).message).toMatch(/Authenticated requests get a higher/);
    });

    it('refills the window when the reset time has passed', async () => {
      let now = Date.now();
      const clocked = await new FakeGithubServer({ now: () => now, rateLimit: 2 }).start();
      try {
        clocked.addUser({ login: 'u' });
        const call = () => fetch(`${clocked.url}/users/u`);
        expect((await call()).status).toBe(200);
        expect((await call()).status).toBe(200);
        expect((await call()).status).toBe(403);
        now += 3601_000;
        expect((await call()).status).toBe(200);
        expect(clocked.rateLimit).toMatchObject({ limit: 2, remaining: 1, used: 1 });
      } finally {
        await clocked.stop();
      }
    });

    it('answers a secondary rate limit with retry-after and GitHub message, without counting it', async () => {
      github.secondaryRateLimit({ retryAfterSeconds: 3 }, { route: 'GET /users/{username}' });
      const limited = await get('/users/octo-cat');
      expect(limited.status).toBe(403);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(((await limited.json()) as Json).message).toMatch(/You have exceeded a secondary rate limit/);
      expect((await get('/users/octo-cat')).status).toBe(200);
      expect(github.rateLimit.used).toBe(1);
    });

    it('injects 5xx a given number of times, scoped by route and username', async () => {
      github.failWith(502, { times: 2, username: 'octo-cat' });
      expect((await get('/users/solo-other')).status).toBe(404);
      expect((await get('/users/octo-cat')).status).toBe(502);
      expect((await get('/repos/octo-cat/readme-demo')).status).toBe(502);
      expect((await get('/users/octo-cat')).status).toBe(200);
      github.failWith(503, { route: 'GET /repos/{owner}/{repo}/readme', times: Infinity });
      expect((await get('/repos/octo-cat/readme-demo/readme')).status).toBe(503);
      expect((await get('/repos/octo-cat/readme-demo/readme')).status).toBe(503);
      expect((await get('/repos/octo-cat/readme-demo/languages')).status).toBe(200);
      expect(() => github.failWith(404)).toThrow(/5xx/);
    });

    it('delays responses and survives a client that gives up', async () => {
      github.delay(150, { times: 2 });
      const started = Date.now();
      expect((await get('/users/octo-cat')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await expect(
        fetch(`${github.url}/users/octo-cat`, { signal: AbortSignal.timeout(30) }),
      ).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(github.calls.at(-1)).toMatchObject({
        route: 'GET /users/{username}',
        status: 0,
        counted: false,
      });
      expect((await get('/users/octo-cat')).status).toBe(200);
    });
  });

  describe('GraphQL', () => {
    const QUERY = `query Highlights($login: String!) {
      user(login: $login) {
        pinnedItems(first: 6, types: REPOSITORY) { nodes { ... on Repository { nameWithOwner name } } }
        contributionsCollection {
          totalCommitContributions totalPullRequestContributions totalPullRequestReviewContributions
          totalIssueContributions restrictedContributionsCount startedAt endedAt
        }
      }
    }`;
    const post = (body: unknown, options: { path?: string; auth?: string | null } = {}) =>
      fetch(`${github.url}${options.path ?? '/graphql'}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.auth !== null && { authorization: options.auth ?? 'bearer test-token' }),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    beforeAll(() => {
      github.addUser({ login: 'Pinner', pinned: ['octo-cat/readme-demo'] });
      github.addRepo('Pinner', { name: 'Tool' });
      github
        .setPinned('pinner', ['tool', 'Octo-Cat/README-demo', 'someone-else/lib'])
        .setContributions('pinner', { commits: 412, pullRequests: 38, pullRequestReviews: 57 })
        .setContributions('pinner', { issues: 12 });
      github.addUser({ login: 'an-org', type: 'Organization' });
    });

    it('answers pinned repositories and contribution counts in GitHub’s shape, off the REST limit', async () => {
      const response = await post({ query: QUERY, variables: { login: 'PINNER' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-resource')).toBe('graphql');
      const body = (await response.json()) as Json;
      const now = Date.now();
      expect(body).toEqual({
        data: {
          user: {
            pinnedItems: {
              nodes: [
                { nameWithOwner: 'Pinner/Tool', name: 'Tool' },
                { nameWithOwner: 'Octo-Cat/readme-demo', name: 'readme-demo' },
                { nameWithOwner: 'someone-else/lib', name: 'lib' },
              ],
            },
            contributionsCollection: {
              totalCommitContributions: 412,
              totalPullRequestContributions: 38,
              totalPullRequestReviewContributions: 57,
              totalIssueContributions: 12,
              restrictedContributionsCount: 0,
              startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
              endedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
            },
          },
        },
      });
      const collection = (body.data as { user: { contributionsCollection: Json } }).user
        .contributionsCollection;
      expect(Math.abs(Date.parse(String(collection.endedAt)) - now)).toBeLessThan(5000);
      expect(Date.parse(String(collection.endedAt)) - Date.parse(String(collection.startedAt))).toBe(
        365 * 86_400_000,
      );
      expect(github.calls).toEqual([
        expect.objectContaining({
          method: 'POST',
          route: 'POST /graphql',
          username: 'pinner',
          status: 200,
          counted: false,
          authenticated: true,
        }),
      ]);
      expect(github.rateLimit.used).toBe(0);
      expect(github.graphqlRateLimit.used).toBe(1);
    });

    it('is served where Octokit sends it for a GitHub Enterprise /api/v3 base URL, and honours aliases', async () => {
      const response = await post(
        { query: '{ user(login: "pinner") { handle: login pinnedItems(first: 6) { totalCount } } }' },
        { path: '/api/graphql' },
      );
      expect(await response.json()).toEqual({
        data: { user: { handle: 'Pinner', pinnedItems: { totalCount: 3 } } },
      });
    });

    it('answers an unknown login (or an organization) with data.user null and a NOT_FOUND error', async () => {
      for (const login of ['nobody-here', 'an-org']) {
        const response = await post({ query: QUERY, variables: { login } });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          data: { user: null },
          errors: [
            {
              type: 'NOT_FOUND',
              path: ['user'],
              locations: [{ line: 2, column: 7 }],
              message: `Could not resolve to a User with the login of '${login}'.`,
            },
          ],
        });
      }
    });

    it('requires credentials, JSON and known fields', async () => {
      const anonymous = await post({ query: QUERY, variables: { login: 'pinner' } }, { auth: null });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({
        message: 'This endpoint requires you to be authenticated.',
        documentation_url: expect.stringContaining('docs.github.com/graphql'),
      });
      expect((await post('{not json')).status).toBe(400);
      const unknownField = (await (
        await post({ query: '{ user(login: "pinner") { login favouriteColour } }' })
      ).json()) as Json;
      expect(unknownField).toEqual({
        errors: [
          expect.objectContaining({
            extensions: { code: 'undefinedField', typeName: 'User', fieldName: 'favouriteColour' },
          }),
        ],
      });
      const noQuery = (await (await post({ variables: {} })).json()) as Json;
      expect(noQuery.errors).toHaveLength(1);
      expect(github.graphqlRateLimit.used).toBe(2);
    });

    it('takes injected faults and answers RATE_LIMITED once its own limit is used up', async () => {
      github.failWith(502, { route: 'POST /graphql', username: 'pinner' });
      expect((await post({ query: QUERY, variables: { login: 'octo-cat' } })).status).toBe(200);
      expect((await post({ query: QUERY, variables: { login: 'pinner' } })).status).toBe(502);
      expect((await post({ query: QUERY, variables: { login: 'pinner' } })).status).toBe(200);

      github.setRateLimit({ resource: 'graphql', remaining: 0, resetInSeconds: 60 });
      const limited = await post({ query: QUERY, variables: { login: 'pinner' } });
      expect(limited.status).toBe(200);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(((await limited.json()) as { errors: Json[] }).errors[0]).toMatchObject({
        type: 'RATE_LIMITED',
      });
      expect(github.rateLimit.remaining).toBe(5000);
    });

    it('checks what tests seed', () => {
      expect(() => github.setPinned('pinner', ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toThrow(/at most 6/);
      expect(() => github.setPinned('pinner', ['not a name'])).toThrow(/not a repository name/);
      expect(() => github.setContributions('pinner', { commits: -1 })).toThrow(/non-negative/);
    });
  });

  describe('shapes match the @octokit/fixtures recordings', () => {
    it('GET /repos/{owner}/{repo} has the recorded field set (minus viewer/org-only fields)', async () => {
      const recorded = recording('get-repository')[0].response as Json;
      const ours = (await (await get('/repos/octo-cat/readme-demo')).json()) as Json;
      const expected = keys(recorded).filter((k) => !VIEWER_OR_ORG_ONLY.includes(k));
      expect(keys(ours)).toEqual([...expected, ...NEWER_THAN_RECORDING].sort());
      expect(keys(ours.owner)).toEqual(keys(recorded.owner));
    });

    it('list items carry the recorded repository fields except the full-representation counts', async () => {
      const recorded = recording('get-repository')[0].response as Json;
      const [item] = (await (await get('/users/octo-cat/repos?per_page=1')).json()) as Json[];
      const expected = keys(recorded).filter(
        (k) => ![...VIEWER_OR_ORG_ONLY, 'network_count', 'subscribers_count'].includes(k),
      );
      expect(keys(item)).toEqual([...expected, ...NEWER_THAN_RECORDING].sort());
    });

    it('the README has the recorded contents fields plus content and encoding', async () => {
      const [listed] = recording('get-content')[0].response as Json[];
      const ours = (await (await get('/repos/octo-cat/readme-demo/readme')).json()) as Json;
      expect(keys(ours)).toEqual([...keys(listed), 'content', 'encoding'].sort());
      expect(keys(ours._links)).toEqual(keys(listed._links));
    });

    it('the profile has the account fields GitHub records for an owner and an organization', async () => {
      const owner = (recording('get-repository')[0].response as Json).owner;
      const org = recording('get-organization')[0].response as Json;
      const ours = keys(await (await get('/users/octo-cat')).json());
      expect(ours).toEqual(expect.arrayContaining(keys(owner)));
      const profileFields = [
        'public_repos',
        'public_gists',
        'followers',
        'following',
        'created_at',
        'updated_at',
      ];
      expect(keys(org)).toEqual(expect.arrayContaining(profileFields));
      expect(ours).toEqual(expect.arrayContaining(profileFields));
    });

    it('sends the recorded rate-limit, media-type and caching headers', async () => {
      const recorded = recording('get-repository')[0].headers;
      const response = await get('/repos/octo-cat/readme-demo');
      const names = [...response.headers.keys()];
      const wanted = Object.keys(recorded).filter((h) =>
        /^(x-ratelimit-|etag$|cache-control$|x-github-)/.test(h),
      );
      expect(names).toEqual(expect.arrayContaining(wanted));
      expect(response.headers.get('content-type')).toBe(recorded['content-type']);
      expect(response.headers.get('x-ratelimit-resource')).toBe('core');
    });
  });
});
