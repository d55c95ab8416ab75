/**
 * The files in examples/ (what `npm run demo` runs on) work against the whole app: the fictional GitHub profile
 * loads into the fake GitHub server and builds a profile, the LinkedIn export attaches (and its CSVs are the
 * ones in the zip), each job description analyses to real requirements, and an offline generation for each
 * job succeeds with visibly different scores and tailoring.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkedInArchiveReader } from '@app/evidence/linkedin';
import { type ResumeDocument } from '@app/resumes/document';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import {
  FakeGithubServer,
  type FakeGithubRepoSeed,
  type FakeGithubUserSeed,
} from '@app/testing/fakes/github';

const EXAMPLES = join(__dirname, '..', 'examples');
const LINKEDIN_DIR = join(EXAMPLES, 'linkedin');
const JOBS = readdirSync(join(EXAMPLES, 'jobs'))
  .filter((name) => name.endsWith('.md'))
  .sort();

interface GithubExample {
  about: string;
  user: FakeGithubUserSeed;
  repos: FakeGithubRepoSeed[];
}
const githubExamples: GithubExample[] = readdirSync(join(EXAMPLES, 'github'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(EXAMPLES, 'github', name), 'utf8')) as GithubExample);

interface Generation {
  id: string;
  status: string;
  match: { score: number; terms: { canonical: string; status: string; importance: string }[] } | null;
  factCheck: { verdict: string } | null;
  result: { resumeId: string; version: number; pdfUrl: string } | null;
  error: { code: string; detail: string } | null;
}

describe('examples/', () => {
  const github = new FakeGithubServer();
  const [example] = githubExamples;
  let t: TestApp;
  let user: TestUser;
  let profileId: string;

  beforeAll(async () => {
    await github.start();
    for (const seed of githubExamples) {
      github.addUser(seed.user);
      github.addRepos(seed.user.login, seed.repos);
    }
    t = await startTestApp({ env: { GITHUB_API_URL: github.url, LLM_PROVIDER: 'offline' } });
    user = await createTestUser(t, { scopes: ['generate', 'resumes:read'] });
  });
  afterAll(async () => {
    await t?.close();
    await github.stop();
  });

  const as = () => ({
    get: (path: string) => request(t.server).get(path).set('x-api-key', user.key),
    post: (path: string) => request(t.server).post(path).set('x-api-key', user.key),
    put: (path: string) => request(t.server).put(path).set('x-api-key', user.key),
  });

  it('has one fictional GitHub profile, with 6-10 repositories, forks among them', () => {
    expect(githubExamples).toHaveLength(1);
    expect(example.about).toMatch(/fictional/i);
    expect(example.repos.length).toBeGreaterThanOrEqual(6);
    expect(example.repos.length).toBeLessThanOrEqual(10);
    expect(example.repos.filter((repo) => repo.fork).length).toBeGreaterThanOrEqual(1);
    expect(JOBS.length).toBeGreaterThanOrEqual(2);
  });

  it('builds a profile from the example GitHub profile, then attaches the LinkedIn export', async () => {
    const login = example.user.login;
    const owned = example.repos.filter((repo) => !repo.fork);
    const created = await as()
      .post('/api/v1/profiles')
      .send({ github: { username: login }, label: 'examples' })
      .expect(201);
    profileId = created.body.id;
    const fromGithub = created.body.profile;
    expect(fromGithub.projects.map((p: { id: string }) => p.id).sort()).toEqual(
      owned.map((repo) => `github_repo:${login}/${repo.name}`).sort(),
    );
    const skills = fromGithub.skills.map((skill: { canonical: string }) => skill.canonical);
    expect(skills).toEqual(expect.arrayContaining(['TypeScript', 'Go', 'React', 'PostgreSQL', 'Kubernetes']));

    const archive = readFileSync(join(LINKEDIN_DIR, 'linkedin-export.zip'));
    const attached = await as()
      .put(`/api/v1/profiles/${profileId}/linkedin`)
      .attach('archive', archive, { filename: 'linkedin-export.zip', contentType: 'application/zip' })
      .expect(200);
    expect(attached.body.sources.linkedin.files.sort()).toEqual(csvFiles());
    const { identity, positions, education } = attached.body.profile;
    expect(identity.name.value).toBe(example.user.name);
    expect(positions.map((p: { company: string }) => p.company)).toEqual([
      'Brightloom Health',
      'Parcelwise',
      'Northgate Digital',
    ]);
    expect(education).toHaveLength(1);
  });

  it('zips exactly the CSV files beside it (rebuild the zip when a CSV changes), all read without a warning', async () => {
    const archive = readFileSync(join(LINKEDIN_DIR, 'linkedin-export.zip'));
    const preview = await as()
      .post('/api/v1/evidence/linkedin')
      .attach('archive', archive, { filename: 'linkedin-export.zip', contentType: 'application/zip' })
      .expect(200);
    expect(preview.body.warnings).toEqual([]);
    expect(preview.body).toMatchObject({
      positions: { length: 3 },
      education: { length: 1 },
      certifications: { length: 2 },
      languages: { length: 2 },
      projects: { length: 2 },
    });
    const { files } = await new LinkedInArchiveReader().read(archive);
    expect(files.map((file) => file.entryName).sort()).toEqual(csvFiles());
    for (const file of files) {
      expect(file.content.toString('utf8'), file.entryName).toBe(
        readFileSync(join(LINKEDIN_DIR, file.entryName), 'utf8'),
      );
    }
  });

  it.each(JOBS)('analyses %s to a non-trivial set of skills', async (job) => {
    const res = await as()
      .post('/api/v1/job-analyses')
      .send({ description: readFileSync(join(EXAMPLES, 'jobs', job), 'utf8') })
      .expect(201);
    const skills = res.body.analysis.skills as { canonical: string; importance: string }[];
    expect(skills.length).toBeGreaterThanOrEqual(10);
    expect(skills.filter((skill) => skill.importance === 'must').length).toBeGreaterThanOrEqual(5);
    expect(skills.filter((skill) => skill.importance === 'nice').length).toBeGreaterThanOrEqual(3);
    expect(res.body.analysis.seniority.level).toBe('senior');
  });

  it('generates a resume for each job offline, with different scores and tailoring', async () => {
    expect(profileId).toBeDefined();
    const generations = new Map<string, Generation>();
    for (const job of JOBS) {
      const res = await as()
        .post('/api/v1/generations')
        .send({
          candidate: { profileId },
          job: { description: readFileSync(join(EXAMPLES, 'jobs', job), 'utf8') },
          reuse: false,
        })
        .expect(202);
      generations.set(basename(job, '.md'), await finished(res.body.id));
    }
    for (const [job, generation] of generations) {
      expect(generation.status, `${job}: ${JSON.stringify(generation.error)}`).toBe('succeeded');
      expect(generation.factCheck?.verdict).toBe('pass');
    }
    const scores = [...generations.values()].map((generation) => generation.match?.score ?? 0);
    expect(new Set(scores).size).toBe(scores.length);

    const platform = generations.get('platform-engineer-go');
    const product = generations.get('product-engineer-typescript');
    // The evidence backs the TypeScript product role better than the Go platform role, visibly.
    expect((product?.match?.score ?? 0) - (platform?.match?.score ?? 0)).toBeGreaterThanOrEqual(10);
    const matched = (generation?: Generation) =>
      generation?.match?.terms.filter((term) => term.status === 'matched').map((term) => term.canonical);
    expect(matched(platform)).toEqual(expect.arrayContaining(['Go', 'Kubernetes', 'Terraform']));
    expect(matched(product)).toEqual(expect.arrayContaining(['TypeScript', 'React', 'Next.js']));

    // Tailoring: each resume puts its job's skills and projects first.
    const [platformDoc, productDoc] = await Promise.all([document(platform), document(product)]);
    const skillOrder = (doc: ResumeDocument) => doc.skills.flatMap((group) => group.items.map((i) => i.name));
    const before = (doc: ResumeDocument, a: string, b: string) =>
      skillOrder(doc).indexOf(a) < skillOrder(doc).indexOf(b);
    expect(before(platformDoc, 'Go', 'TypeScript')).toBe(true);
    expect(before(productDoc, 'TypeScript', 'Go')).toBe(true);
    expect(platformDoc.projects?.[0]?.name).not.toBe(productDoc.projects?.[0]?.name);

    const pdf = await as()
      .get(product?.result?.pdfUrl ?? '')
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  async function finished(id: string): Promise<Generation> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await as().get(`/api/v1/generations/${id}`).expect(200);
      if (['succeeded', 'failed', 'cancelled'].includes(res.body.status)) return res.body as Generation;
      if (Date.now() > deadline) throw new Error(`generation ${id} still ${res.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function document(generation?: Generation): Promise<ResumeDocument> {
    const { resumeId, version } = generation?.result ?? {};
    const res = await as().get(`/api/v1/resumes/${resumeId}/versions/${version}`).expect(200);
    return res.body.document as ResumeDocument;
  }
});

function csvFiles(): string[] {
  return readdirSync(LINKEDIN_DIR)
    .filter((name) => name.endsWith('.csv'))
    .sort();
}
