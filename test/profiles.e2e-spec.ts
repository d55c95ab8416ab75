/** `/api/v1/profiles`: stored candidate profiles built from GitHub (fake server), LinkedIn and JSON Resume. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGithubServer } from '@app/testing/fakes/github';

import { fullExportZip } from '../libs/evidence/src/linkedin/testing/linkedin-export.fixture';
import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';

interface Ref {
  kind: string;
  id: string;
}
interface Cited {
  evidence: Ref[];
}

/** Every citation in a profile response. */
function citations(profile: Record<string, unknown>): Ref[] {
  const identity = profile.identity as Record<string, Cited | Cited[]>;
  const lists = ['skills', 'projects', 'positions', 'education', 'certifications', 'languages'].map(
    (key) => profile[key] as Cited[],
  );
  const identityItems = Object.values(identity).flatMap((value) => (Array.isArray(value) ? value : [value]));
  return [...identityItems, ...lists.flat()].flatMap((item) => item.evidence);
}

describe('Candidate profiles', () => {
  const github = new FakeGithubServer();
  let t: TestApp;
  let ada: TestUser;
  let other: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    await github.start();
    t = await startTestApp({
      env: { GITHUB_API_URL: github.url, GITHUB_RETRY_DELAY_UNIT_MS: '1', GITHUB_TIMEOUT_MS: '2000' },
    });
    [ada, other, reader] = await Promise.all([
      createTestUser(t, { scopes: ['generate'] }),
      createTestUser(t, { scopes: ['generate'] }),
      createTestUser(t, { scopes: ['resumes:read'] }),
    ]);
    github.addUser({ login: 'ada-l', name: 'Ada King', bio: 'Backend engineer', location: 'London' });
    github.addRepo('ada-l', {
      name: 'ledger-lite',
      description: 'A double-entry ledger in Go with PostgreSQL storage',
      languages: { Go: 182_000, Shell: 2_100 },
      readme: '# ledger-lite\n\nRuns on **Kubernetes**; tested with Docker Compose.',
      topics: ['golang', 'postgres'],
      stars: 340,
    });
    github.addRepo('ada-l', { name: 'notes', languages: { TypeScript: 40_000 }, stars: 3 });
    github.addRepo('ada-l', { name: 'forked-lib', fork: true, languages: { Rust: 500_000 } });
  });
  afterAll(async () => {
    await t.close();
    await github.stop();
  });

  const as = (user: TestUser) => ({
    post: (path: string) => request(t.server).post(`/api/v1/profiles${path}`).set('x-api-key', user.key),
    get: (path: string) => request(t.server).get(`/api/v1/profiles${path}`).set('x-api-key', user.key),
    patch: (path: string) => request(t.server).patch(`/api/v1/profiles${path}`).set('x-api-key', user.key),
    put: (path: string) => request(t.server).put(`/api/v1/profiles${path}`).set('x-api-key', user.key),
    delete: (path: string) => request(t.server).delete(`/api/v1/profiles${path}`).set('x-api-key', user.key),
  });

  it('builds and stores a profile from GitHub and a JSON Resume, every citation resolving', async () => {
    const res = await as(ada)
      .post('')
      .send({ label: 'Main', github: { username: 'ada-l' }, jsonResume: adaJsonResume() })
      .expect(201);
    expect(res.body).toMatchObject({
      label: 'Main',
      name: 'Ada Lovelace',
      revision: 1,
      sources: { github: { username: 'ada-l', includeForks: false }, linkedin: null, jsonResume: {} },
    });
    expect(res.body.topSkills[0]).toBe('Go');
    const profile = res.body.profile;
    const go = profile.skills.find((skill: { canonical: string }) => skill.canonical === 'Go');
    expect(go.evidence[0]).toMatchObject({
      kind: 'github_languages',
      id: 'github_languages:ada-l/ledger-lite',
    });
    expect(profile.skills.some((skill: { canonical: string }) => skill.canonical === 'Rust')).toBe(false);
    const facts = new Set(profile.evidence.map((fact: Ref) => `${fact.kind} ${fact.id}`));
    const refs = citations(profile);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(facts.has(`${ref.kind} ${ref.id}`), ref.id).toBe(true);
    for (const item of [...profile.skills, ...profile.projects])
      expect(item.evidence.length).toBeGreaterThan(0);

    const stored = await as(ada).get(`/${res.body.id}`).expect(200);
    expect(stored.body).toEqual(res.body);
  });

  it('attaches a LinkedIn export, merging it by the documented rules', async () => {
    const created = await as(ada)
      .post('')
      .send({ github: { username: 'ada-l' }, jsonResume: adaJsonResume() })
      .expect(201);
    const res = await as(ada)
      .put(`/${created.body.id}/linkedin`)
      .attach('archive', fullExportZip(), { filename: 'export.zip', contentType: 'application/zip' })
      .expect(200);
    expect(res.body.revision).toBe(2);
    expect(res.body.sources.linkedin.files).toContain('Positions.csv');
    const { positions, conflicts, projects } = res.body.profile;
    expect(positions[0]).toMatchObject({
      company: 'Analytical Engines',
      title: 'Staff Backend Engineer',
      startDate: '2021-03-15',
      sources: ['json_resume', 'linkedin'],
    });
    expect(conflicts).toContainEqual(
      expect.objectContaining({
        field: 'positions[Analytical Engines].title',
        discarded: [{ source: 'linkedin', value: 'Senior Backend Engineer' }],
      }),
    );
    const ledger = projects.find((project: { id: string }) => project.id === 'github_repo:ada-l/ledger-lite');
    expect(ledger.sources).toEqual(['github', 'json_resume', 'linkedin']);

    // Without the JSON Resume, LinkedIn's values lead.
    const patched = await as(ada)
      .patch(`/${created.body.id}`)
      .send({ jsonResume: null, label: 'LinkedIn + GitHub' })
      .expect(200);
    expect(patched.body).toMatchObject({
      revision: 3,
      label: 'LinkedIn + GitHub',
      sources: { jsonResume: null },
    });
    expect(patched.body.profile.positions[0]).toMatchObject({
      title: 'Senior Backend Engineer',
      sources: ['linkedin'],
    });

    const detached = await as(ada).delete(`/${created.body.id}/linkedin`).expect(200);
    expect(detached.body.sources.linkedin).toBeNull();
    expect(detached.body.profile.positions).toEqual([]);
  });

  it('refreshes GitHub on request, and only then', async () => {
    const created = await as(ada)
      .post('')
      .send({ github: { username: 'ada-l' } })
      .expect(201);
    const stars = (body: { profile: { projects: { id: string; repo: { stars: number } }[] } }) =>
      body.profile.projects.find((project) => project.id === 'github_repo:ada-l/ledger-lite')?.repo.stars;
    expect(stars(created.body)).toBe(340);
    github.dataset.updateRepo('ada-l', 'ledger-lite', { stars: 400 });
    const again = await as(ada)
      .post('')
      .send({ github: { username: 'ada-l' } })
      .expect(201);
    expect(stars(again.body)).toBe(340); // from the GitHub cache
    const refreshed = await as(ada).post(`/${created.body.id}/refresh`).expect(200);
    expect(stars(refreshed.body)).toBe(400);
    expect(refreshed.body.revision).toBe(2);
  });

  it('lists own profiles newest first, a page at a time, without the profile bodies', async () => {
    const first = await as(ada).get('?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).not.toHaveProperty('profile');
    expect(first.body.nextCursor).toEqual(first.body.items[1].id);
    const second = await as(ada).get(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
    const slim = await as(ada).get(`/${ids[0]}?withoutEvidence=true`).expect(200);
    expect(slim.body.profile.evidence).toEqual([]);
  });

  it('keeps profiles to their owner and their scope', async () => {
    const created = await as(ada).post('').send({ jsonResume: adaJsonResume() }).expect(201);
    await as(other).get(`/${created.body.id}`).expect(404);
    await as(other).post(`/${created.body.id}/refresh`).expect(404);
    await as(other).delete(`/${created.body.id}`).expect(404);
    expect((await as(other).get('').expect(200)).body.items).toEqual([]);
    const forbidden = await as(reader).get('').expect(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    await as(ada).delete(`/${created.body.id}`).expect(204);
    const gone = await as(ada).get(`/${created.body.id}`).expect(404);
    expect(gone.body.code).toBe('profile_not_found');
  });

  it('refuses bad sources with problems naming what was wrong, storing nothing', async () => {
    const before = (await as(other).get('').expect(200)).body.items.length;
    const resume = adaJsonResume() as Record<string, unknown>;
    const badResume = { ...resume, work: [{ name: 'X', position: 'Y', startDate: 'last spring' }] };
    const invalid = await as(other).post('').send({ jsonResume: badResume }).expect(422);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.body.code).toBe('invalid_json_resume');
    expect(invalid.body.errors).toContainEqual(
      expect.objectContaining({ field: 'jsonResume.work.0.startDate' }),
    );

    github.resetCalls();
    const badName = await as(other)
      .post('')
      .send({ github: { username: '-bad--name-' } })
      .expect(422);
    expect(badName.body).toMatchObject({
      code: 'github_username_invalid',
      errors: [expect.objectContaining({ field: 'github.username' })],
    });
    expect(github.count()).toBe(0);

    const unknown = await as(other)
      .post('')
      .send({ github: { username: 'nobody-here' } })
      .expect(404);
    expect(unknown.body.code).toBe('github_user_not_found');

    const extra = await as(other).post('').send({ githubUser: 'ada-l' }).expect(400);
    expect(extra.body.errors[0].field).toBe('githubUser');
    expect((await as(other).get('').expect(200)).body.items).toHaveLength(before);
  });

  it('answers 400 to an empty update and 404 to an unknown id', async () => {
    const created = await as(other).post('').send({ label: 'Empty for now' }).expect(201);
    expect(created.body.profile.skills).toEqual([]);
    const empty = await as(other).patch(`/${created.body.id}`).send({}).expect(400);
    expect(empty.body.code).toBe('nothing_to_update');
    await as(other).get('/665f1c2e9b1d8a3f4c2e1a0b').expect(404);
    await as(other).get('/not-an-id').expect(404);
  });
});
