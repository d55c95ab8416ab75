/**
 * `@llmployable/client` against the live API (real MongoDB-compatible server, Redis, pdflatex; fake GitHub):
 * one test per operation group of the contract, then the hand-written helpers — retry of 429 honouring
 * Retry-After, cursor pagination, problem+json errors as ProblemError, and following a generation's SSE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGithubServer } from '@app/testing/fakes/github';
import { GENERATION_STEPS } from '../libs/generation/src/generation.schema';

import {
  collect,
  createLlmployableClient,
  type GenerationEvent,
  type LlmployableClient,
  ProblemError,
  unwrap,
} from '../libs/client/src';
import { fullExportZip } from '../libs/evidence/src/linkedin/testing/linkedin-export.fixture';
import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';
import { sampleDocument } from './support/resume-fixtures';

/** Ada's JSON Resume (the contract types it as a free-form object). */
const ADA = adaJsonResume() as unknown as Record<string, unknown>;

const JOB =
  'Senior Backend Engineer at Ledgerline\n\nRequirements:\n- 5+ years of backend development in Go\n' +
  '- PostgreSQL and Kafka in production\n- Kubernetes\n\nNice to have:\n- TypeScript\n- Terraform\n';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** A fetch that records every status it saw (the client's `fetch` option), around the real one. */
function recordingFetch() {
  const seen: { method: string; path: string; status: number }[] = [];
  const fetch = async (request: Request) => {
    const response = await globalThis.fetch(request);
    seen.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
    return response;
  };
  return { seen, fetch };
}

describe('@llmployable/client against the live API', () => {
  const github = new FakeGithubServer();
  let t: TestApp;
  let baseUrl: string;
  let admin: TestUser;
  let user: TestUser;
  let api: LlmployableClient;
  let adminApi: LlmployableClient;

  beforeAll(async () => {
    await github.start();
    github.addUser({ login: 'ada-client', name: 'Ada King', bio: 'Backend engineer', location: 'London' });
    github.addRepo('ada-client', {
      name: 'ledger-lite',
      description: 'A double-entry ledger in Go',
      languages: { Go: 52_000, Shell: 800 },
      topics: ['ledger', 'postgresql'],
      readme: '# ledger-lite\n\nA double-entry ledger in Go with PostgreSQL storage and Kafka events.\n',
      stars: 40,
    });
    t = await startTestApp({
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_RETRY_DELAY_UNIT_MS: '1',
        LLM_PROVIDER: 'offline',
        GENERATION_CONCURRENCY: '2',
      },
    });
    baseUrl = await listen(t);
    [admin, user] = await Promise.all([createTestUser(t, { role: 'admin' }), createTestUser(t)]);
    api = createLlmployableClient({ baseUrl, apiKey: user.key });
    adminApi = createLlmployableClient({ baseUrl, apiKey: admin.key });
  });
  afterAll(async () => {
    await t?.close();
    await github.stop();
  });

  describe('one operation group at a time', () => {
    it('health: liveness, readiness and the dependency report', async () => {
      const { data: live } = await api.GET('/health');
      expect(live?.status).toBe('ok');
      const { data: ready } = await api.GET('/health/ready');
      expect(ready?.status).toBe('ok');
      const { data: detailed } = await api.GET('/api/v1/health');
      expect(detailed?.status).toBe('ok');
    });

    it('users and me: an admin creates a user; the user reads themself and their key', async () => {
      const { data: created } = await adminApi.POST('/api/v1/users', {
        body: { email: `client-${Date.now()}@example.com`, name: 'Client Test' },
      });
      expect(created?.email).toMatch(/^client-/);
      const listed = await collect(adminApi.paginate('/api/v1/users', { query: { limit: 2 } }));
      expect(listed.map((u) => u.id)).toContain(created!.id);
      const { data: me } = await api.GET('/api/v1/users/me');
      expect(me?.id).toBe(user.id);
      const { data: key } = await api.GET('/api/v1/users/me/key');
      expect(key).toMatchObject({ keyId: user.keyId, prefix: user.keyPrefix, role: 'user' });
    });

    it('api-keys: create (the secret once), list, use, revoke — a revoked key is a 401 ProblemError', async () => {
      const { data: created } = await api.POST('/api/v1/api-keys', {
        body: { name: 'read only', scopes: ['resumes:read'] },
      });
      expect(created?.key).toMatch(/\S{20,}/);
      const keys = await collect(api.paginate('/api/v1/api-keys'));
      expect(keys.find((k) => k.id === created!.id)).toMatchObject({
        status: 'active',
        scopes: ['resumes:read'],
      });
      const readOnly = createLlmployableClient({ baseUrl, apiKey: created!.key });
      await expect(readOnly.GET('/api/v1/resumes')).resolves.toMatchObject({ data: { items: [] } });
      const { data: revoked } = await api.POST('/api/v1/api-keys/{id}/revoke', {
        params: { path: { id: created!.id } },
      });
      expect(revoked?.status).toBe('revoked');
      const error = await readOnly.GET('/api/v1/resumes').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('resumes: create, edit with If-Match, versions, diff, download a rendered PDF', async () => {
      const { data: resume } = await api.POST('/api/v1/resumes', {
        body: { title: 'Backend — Acme', document: sampleDocument() as never },
      });
      const document = structuredClone(resume!.document);
      document.basics.label = 'Staff Backend Engineer';
      const { data: updated } = await api.PATCH('/api/v1/resumes/{id}', {
        params: { path: { id: resume!.id }, header: { 'If-Match': resume!.etag } },
        body: { document },
      });
      expect(updated?.currentVersion).toBe(2);
      const versions = await collect(
        api.paginate('/api/v1/resumes/{id}/versions', { path: { id: resume!.id } }),
      );
      expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
      const { data: diff } = await api.GET('/api/v1/resumes/{id}/versions/{a}/diff/{b}', {
        params: { path: { id: resume!.id, a: 1, b: 2 } },
      });
      expect(diff?.unified).toContain('Staff Backend Engineer');
      const { data: pdf } = await api.GET('/api/v1/resumes/{id}/versions/{v}/artifacts/{kind}', {
        params: { path: { id: resume!.id, v: 2, kind: 'pdf' } },
        parseAs: 'arrayBuffer',
      });
      expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
      const stale = await api
        .PATCH('/api/v1/resumes/{id}', {
          params: { path: { id: resume!.id }, header: { 'If-Match': resume!.etag } },
          body: { title: 'stale edit' },
        })
        .catch((e: unknown) => e);
      expect(stale).toMatchObject({ status: 412 });
    });

    it('templates: the list and a preview PNG', async () => {
      const { data: templates } = await api.GET('/api/v1/templates');
      const ids = templates!.items.map((template) => template.id);
      expect(ids).toEqual(expect.arrayContaining(['classic', 'modern', 'compact']));
      const { data: png } = await api.GET('/api/v1/templates/{id}/preview.png', {
        params: { path: { id: 'classic' } },
        parseAs: 'arrayBuffer',
      });
      expect(Buffer.from(png!).subarray(1, 4).toString()).toBe('PNG');
    });

    it('evidence: a GitHub preview from the (fake) GitHub and a LinkedIn export upload', async () => {
      const { data: preview } = await api.GET('/api/v1/evidence/github/{username}', {
        params: { path: { username: 'ada-client' } },
      });
      expect(preview?.repos.map((repo) => repo.name)).toContain('ledger-lite');
      const { data: linkedin } = await api.POST('/api/v1/evidence/linkedin', {
        body: { archive: '' },
        bodySerializer: () => {
          const form = new FormData();
          form.append('archive', new Blob([new Uint8Array(fullExportZip())]), 'export.zip');
          return form;
        },
      });
      expect(linkedin?.positions.map((p) => p.company)).toContain('Analytical Engines Ltd');
    });

    it('profiles and job analyses: a profile from a JSON Resume; a job analysed, listed and read back', async () => {
      const { data: profile } = await api.POST('/api/v1/profiles', { body: { jsonResume: ADA } });
      expect(profile?.skillCount).toBeGreaterThan(3);
      const profiles = await collect(api.paginate('/api/v1/profiles'));
      expect(profiles.map((p) => p.id)).toContain(profile!.id);
      const { data: analysis } = await api.POST('/api/v1/job-analyses', { body: { description: JOB } });
      const required = analysis!.analysis.skills
        .filter((s) => s.importance === 'must')
        .map((s) => s.canonical);
      expect(required).toEqual(expect.arrayContaining(['Go', 'PostgreSQL', 'Apache Kafka', 'Kubernetes']));
      const { data: again } = await api.GET('/api/v1/job-analyses/{id}', {
        params: { path: { id: analysis!.id } },
      });
      expect(again?.id).toBe(analysis!.id);
    });

    it('applications: add, move through the pipeline, note, timeline, stats; a wrong move names the allowed ones', async () => {
      const { data: created } = await api.POST('/api/v1/applications', {
        body: { company: 'Ledgerline', role: 'Senior Backend Engineer' },
      });
      expect(created?.status).toBe('draft');
      const { data: applied } = await api.POST('/api/v1/applications/{id}/transitions', {
        params: { path: { id: created!.id } },
        body: { to: 'applied' },
      });
      expect(applied?.status).toBe('applied');
      await api.POST('/api/v1/applications/{id}/notes', {
        params: { path: { id: created!.id } },
        body: { text: 'Recruiter called' },
      });
      const timeline = await collect(
        api.paginate('/api/v1/applications/{id}/timeline', { path: { id: created!.id } }),
      );
      expect(timeline.map((event) => event.type)).toEqual(
        expect.arrayContaining(['created', 'status_changed', 'note']),
      );
      const wrong = (await api
        .POST('/api/v1/applications/{id}/transitions', {
          params: { path: { id: created!.id } },
          body: { to: 'draft' },
        })
        .catch((e: unknown) => e)) as ProblemError;
      expect(wrong).toBeInstanceOf(ProblemError);
      expect(wrong).toMatchObject({ status: 409, code: 'invalid_transition' });
      expect(wrong.problem.allowedTransitions).toEqual(expect.arrayContaining(['screening', 'rejected']));
      const { data: stats } = await api.GET('/api/v1/applications/stats');
      expect(stats?.total).toBeGreaterThanOrEqual(1);
    });

    it('generations and batches: one generation followed over SSE to its resume; a batch ranked', async () => {
      const { data: profile } = await api.POST('/api/v1/profiles', { body: { jsonResume: ADA } });
      const { data: created } = await api.POST('/api/v1/generations', {
        body: { candidate: { profileId: profile!.id }, job: { description: JOB }, provider: 'offline' },
        headers: { 'idempotency-key': `client-test-${Date.now()}` },
      });
      const events: GenerationEvent[] = [];
      const finished = await api.followGeneration(created!.id, { onEvent: (event) => events.push(event) });
      expect(finished.status).toBe('succeeded');
      expect(finished.match?.score).toBeGreaterThan(0);
      expect(events.at(-1)?.type).toBe('succeeded');
      expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
      const finishedSteps = events
        .filter((e) => e.type === 'step' && e.data.status === 'finished')
        .map((e) => e.data.step);
      expect(finishedSteps).toEqual([...GENERATION_STEPS]);
      const { data: resume } = await api.GET('/api/v1/resumes/{id}', {
        params: { path: { id: finished.result!.resumeId } },
      });
      expect(resume?.currentVersion).toBe(finished.result!.version);

      const { data: batch } = await api.POST('/api/v1/generations/batch', {
        body: {
          candidate: { profileId: profile!.id },
          jobs: [
            { description: JOB },
            { description: 'Frontend Engineer\n\nRequirements:\n- React and CSS\n- Figma\n' },
          ],
          provider: 'offline',
        },
      });
      await Promise.all(batch!.generations.map((generation) => api.followGeneration(generation.id)));
      const { data: ranked } = await api.GET('/api/v1/generation-batches/{batchId}', {
        params: { path: { batchId: batch!.batchId } },
      });
      expect(ranked?.status).toBe('finished');
      expect(ranked?.ranking?.map((r) => r.rank)).toEqual([1, 2]);
      const listed = await collect(
        api.paginate('/api/v1/generations', { query: { batchId: batch!.batchId } }),
      );
      expect(listed.map((g) => g.id).sort()).toEqual(batch!.generations.map((g) => g.id).sort());
      const succeeded = await collect(
        api.paginate('/api/v1/generations', { query: { status: 'succeeded' } }),
      );
      expect(succeeded.length).toBeGreaterThanOrEqual(3);
      expect(succeeded.every((g) => g.status === 'succeeded')).toBe(true);
      expect(await collect(api.paginate('/api/v1/generations', { query: { status: 'failed' } }))).toEqual([]);
      const bad = await collect(api.paginate('/api/v1/generations', { query: { batchId: 'nope' } })).catch(
        (e: unknown) => e,
      );
      expect(bad).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'batchId' })] });
    });

    it('audit logs and cache (admin): the admin reads the audit trail and the cache statistics', async () => {
      const entries = await collect(adminApi.paginate('/api/v1/audit-logs', { maxItems: 5 }));
      expect(entries.length).toBeGreaterThan(0);
      const mine = await collect(api.paginate('/api/v1/users/me/audit-logs', { maxItems: 5 }));
      expect(mine.length).toBeGreaterThan(0);
      const { data: stats } = await adminApi.GET('/api/v1/cache/stats');
      expect(stats).toBeTruthy();
      const forbidden = await api.GET('/api/v1/cache/stats').catch((e: unknown) => e);
      expect(forbidden).toMatchObject({ status: 403 });
    });
  });

  describe('helpers', () => {
    it('paginate follows nextCursor page by page until the last, and stops at maxItems', async () => {
      const owner = await createTestUser(t);
      const { seen, fetch } = recordingFetch();
      const client = createLlmployableClient({ baseUrl, apiKey: owner.key, fetch });
      for (let i = 0; i < 7; i++)
        await client.POST('/api/v1/applications', { body: { company: `Company ${i}`, role: 'Engineer' } });
      seen.length = 0;
      const all = await collect(client.paginate('/api/v1/applications', { query: { limit: 3 } }));
      expect(all.map((a) => a.company).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Company ${i}`));
      expect(new Set(all.map((a) => a.id)).size).toBe(7);
      expect(seen.map((s) => s.path)).toEqual(Array(3).fill('/api/v1/applications'));
      seen.length = 0;
      const five = await collect(
        client.paginate('/api/v1/applications', { query: { limit: 3 }, maxItems: 5 }),
      );
      expect(five).toHaveLength(5);
      expect(seen).toHaveLength(2);
    });

    it('problems reject as ProblemError naming each invalid field; throwOnError: false keeps openapi-fetch style', async () => {
      const error = (await api
        .POST('/api/v1/applications', { body: { company: '', role: 'x'.repeat(300) } })
        .catch((e: unknown) => e)) as ProblemError;
      expect(error).toBeInstanceOf(ProblemError);
      expect(error.status).toBe(400);
      expect(error.code).toBe('validation_failed');
      expect(error.errors.map((e) => e.field).sort()).toEqual(['company', 'role']);
      expect(error.requestId).toBeTruthy();
      expect(error.describe()).toMatch(/^.+ \(validation_failed\): .+\n {2}company: .+\n {2}role: .+/);

      const plain = createLlmployableClient({ baseUrl, apiKey: user.key, throwOnError: false });
      const {
        data,
        error: problem,
        response,
      } = await plain.GET('/api/v1/resumes/{id}', {
        params: { path: { id: '665f1c2e9b1d8a3f4c2e1a0b' } },
      });
      expect(data).toBeUndefined();
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problem).toMatchObject({ status: 404, code: expect.stringMatching(/not_found$/) });
      await expect(
        unwrap(plain.GET('/api/v1/resumes/{id}', { params: { path: { id: '665f1c2e9b1d8a3f4c2e1a0b' } } })),
      ).rejects.toBeInstanceOf(ProblemError);
    });

    it('a 429 is retried after the Retry-After the API sends; with retries off it is a ProblemError', async () => {
      const limited = await startTestApp({
        env: {
          REDIS_KEY_PREFIX: `client-rl-${Date.now()}`,
          RATE_LIMIT_WINDOW_SECONDS: '1',
          RATE_LIMIT_READ: '2',
        },
      });
      try {
        const url = await listen(limited);
        const owner = await createTestUser(limited);
        const { seen, fetch } = recordingFetch();
        const client = createLlmployableClient({ baseUrl: url, apiKey: owner.key, fetch });
        for (let i = 0; i < 5; i++) await client.GET('/api/v1/resumes');
        const statuses = seen.map((s) => s.status);
        expect(statuses.filter((status) => status === 200)).toHaveLength(5);
        expect(statuses).toContain(429);

        const impatient = createLlmployableClient({ baseUrl: url, apiKey: owner.key, retry: false });
        const outcomes = await Promise.all(
          Array.from({ length: 4 }, () => impatient.GET('/api/v1/resumes').catch((e: unknown) => e)),
        );
        const refused = outcomes.find((o): o is ProblemError => o instanceof ProblemError);
        expect(refused).toMatchObject({ status: 429 });
        expect(refused!.retryAfter).toBeGreaterThanOrEqual(0);
        expect(refused!.retryAfter).toBeLessThanOrEqual(1);
      } finally {
        await limited.close();
      }
    });

    it('generationEvents resumes after a given event (Last-Event-ID) and ends with the final event', async () => {
      const { data: profile } = await api.POST('/api/v1/profiles', { body: { jsonResume: ADA } });
      const { data: created } = await api.POST('/api/v1/generations', {
        body: {
          candidate: { profileId: profile!.id },
          job: { description: JOB },
          provider: 'offline',
          reuse: false,
        },
      });
      const all = await collect(api.generationEvents(created!.id));
      expect(all.at(-1)?.type).toBe('succeeded');
      const resumed = await collect(api.generationEvents(created!.id, { afterSeq: all[2].seq }));
      expect(resumed.map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
      // Resuming after the final event (a caller that saved its place): nothing more, and the final state.
      const resumedAtEnd = await api.followGeneration(created!.id, { afterSeq: all.at(-1)!.seq });
      expect(resumedAtEnd.status).toBe('succeeded');
      const missing = await collect(api.generationEvents('665f1c2e9b1d8a3f4c2e1a0b')).catch(
        (e: unknown) => e,
      );
      expect(missing).toMatchObject({ status: 404 });
    });
  });
});
