import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import { sampleDocument, sampleJsonResume } from './support/resume-fixtures';
import { binaryBody } from './support/binary-body';

describe('resumes', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await createTestUser(t, { scopes: ['resumes:read', 'resumes:write'] });
    bob = await createTestUser(t, { scopes: ['resumes:read', 'resumes:write'] });
    reader = await createTestUser(t, { scopes: ['resumes:read'] });
  });
  afterAll(() => t.close());

  const as = (who: TestUser) => ({ 'x-api-key': who.key });
  const create = async (who: TestUser, body: Record<string, unknown> = {}) =>
    (
      await request(t.server)
        .post('/api/v1/resumes')
        .set(as(who))
        .send({ title: 'Backend — Acme', tags: ['backend'], document: sampleDocument(), ...body })
        .expect(201)
    ).body;

  it('creates version 1 with an ETag, and reads it back', async () => {
    const res = await request(t.server)
      .post('/api/v1/resumes')
      .set(as(alice))
      .send({
        title: ' Backend — Acme ',
        tags: ['backend'],
        targetCompany: 'Acme',
        document: sampleDocument(),
      })
      .expect(201);
    expect(res.body).toMatchObject({
      title: 'Backend — Acme',
      currentVersion: 1,
      archived: false,
      targetCompany: 'Acme',
    });
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body.document).toEqual(sampleDocument());
    const read = await request(t.server).get(`/api/v1/resumes/${res.body.id}`).set(as(alice)).expect(200);
    expect(read.body).toEqual(res.body);
  });

  it('rejects an invalid document, naming each field', async () => {
    const doc = sampleDocument({
      experience: [{ company: '', position: 'X', startDate: '2021-13', bullets: [{ text: '' }] }],
    });
    const res = await request(t.server)
      .post('/api/v1/resumes')
      .set(as(alice))
      .send({ title: 'Bad', document: doc })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'document.experience.0.company',
        'document.experience.0.startDate',
        'document.experience.0.bullets.0.text',
      ]),
    );
  });

  it('every edit is a new immutable version; reading version k returns the same bytes forever', async () => {
    const resume = await create(alice);
    const v1Before = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1`)
      .set(as(alice))
      .expect(200);
    const patched = await request(t.server)
      .patch(`/api/v1/resumes/${resume.id}`)
      .set(as(alice))
      .set('if-match', resume.etag)
      .send({
        document: { summary: 'Payments and ledgers.', basics: { label: 'Staff engineer' } },
        reason: 'Tailored',
      })
      .expect(200);
    expect(patched.body.currentVersion).toBe(2);
    expect(patched.body.document.basics).toMatchObject({ name: 'Jane Doe', label: 'Staff engineer' });
    expect(patched.body.document.summary).toBe('Payments and ledgers.');
    await request(t.server)
      .patch(`/api/v1/resumes/${resume.id}`)
      .set(as(alice))
      .send({ document: { summary: null } })
      .expect(200);
    const v1After = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1`)
      .set(as(alice))
      .expect(200);
    expect(v1After.text).toBe(v1Before.text);
    expect(v1After.headers.etag).toBe(v1Before.headers.etag);
    const v3 = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/3`)
      .set(as(alice))
      .expect(200);
    expect(v3.body.document.summary).toBeUndefined();
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions`)
      .set(as(alice))
      .expect(200);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(versions.body.items[1]).toMatchObject({
      source: 'manual',
      reason: 'Tailored',
      author: { userId: alice.id, keyPrefix: alice.keyPrefix },
    });
  });

  it('an edit that breaks the document is rejected and writes nothing', async () => {
    const resume = await create(alice);
    const res = await request(t.server)
      .patch(`/api/v1/resumes/${resume.id}`)
      .set(as(alice))
      .send({ document: { basics: { email: 'not-an-email' }, skills: 'lots' } })
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['document.basics.email', 'document.skills']),
    );
    const after = await request(t.server).get(`/api/v1/resumes/${resume.id}`).set(as(alice)).expect(200);
    expect(after.body.currentVersion).toBe(1);
  });

  it('null fields, a missing basics, or values JSON Resume would reject are 400s that store nothing', async () => {
    const resume = await create(alice);
    const cases: Record<string, unknown>[] = [
      { basics: null },
      {
        summary: null,
        experience: [
          { company: 'A', position: 'B', location: null, bullets: [{ text: 'x', evidence: null }] },
        ],
      },
      { basics: { url: 'https://exämple.com/ü' } },
      { experience: [{ company: 'A', position: 'B', startDate: '3000', bullets: [] }] },
    ];
    for (const document of cases) {
      const res = await request(t.server)
        .patch(`/api/v1/resumes/${resume.id}`)
        .set(as(alice))
        .send({ document });
      expect(res.status, JSON.stringify(document)).toBe(400);
      expect(res.body.code).toBe('invalid_document');
    }
    const { basics: _basics, ...withoutBasics } = sampleDocument();
    await request(t.server)
      .post('/api/v1/resumes')
      .set(as(alice))
      .send({ title: 'x', document: withoutBasics })
      .expect(400);
    const after = await request(t.server).get(`/api/v1/resumes/${resume.id}`).set(as(alice)).expect(200);
    expect(after.body.currentVersion).toBe(1);
  });

  it('many concurrent edits with the same If-Match: exactly one wins', async () => {
    const resume = await create(alice);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(t.server)
          .patch(`/api/v1/resumes/${resume.id}`)
          .set(as(alice))
          .set('if-match', resume.etag)
          .send({ document: { summary: `edit ${i}` } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
  });

  it('concurrent edits without If-Match are all kept as consecutive versions, none lost or duplicated', async () => {
    const resume = await create(alice);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(t.server)
          .patch(`/api/v1/resumes/${resume.id}`)
          .set(as(alice))
          .send({ document: { summary: `edit ${i}` } }),
      ),
    );
    const accepted = results.filter((r) => r.status === 200);
    expect(results.every((r) => r.status === 200 || r.body.code === 'edit_conflict')).toBe(true);
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions?limit=50`)
      .set(as(alice))
      .expect(200);
    const numbers = versions.body.items.map((v: { number: number }) => v.number);
    expect(numbers).toEqual(Array.from({ length: accepted.length + 1 }, (_, i) => accepted.length + 1 - i));
    // Every acknowledged edit is the document of some version.
    const summaries = await Promise.all(
      numbers.map(
        async (n: number) =>
          (
            await request(t.server)
              .get(`/api/v1/resumes/${resume.id}/versions/${n}`)
              .set(as(alice))
              .expect(200)
          ).body.document.summary,
      ),
    );
    for (const res of accepted) expect(summaries).toContain(res.body.document.summary);
  });

  it('of two concurrent edits based on the same version, one wins and the other gets 412', async () => {
    const resume = await create(alice);
    const edit = (summary: string) =>
      request(t.server)
        .patch(`/api/v1/resumes/${resume.id}`)
        .set(as(alice))
        .set('if-match', resume.etag)
        .send({ document: { summary } });
    const results = await Promise.all([edit('first'), edit('second')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const loser = results.find((r) => r.status === 412)!;
    expect(loser.body).toMatchObject({ code: 'stale_version', currentEtag: expect.any(String) });
    const winner = results.find((r) => r.status === 200)!;
    expect(loser.body.currentEtag).toBe(winner.body.etag);
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions`)
      .set(as(alice))
      .expect(200);
    expect(versions.body.items).toHaveLength(2);
    // A stale ETag stays stale.
    await edit('third').expect(412);
  });

  it('diffs a known pair: exact field changes, bullet changes and a unified Markdown diff', async () => {
    const resume = await create(alice);
    const document = sampleDocument();
    document.experience[0].position = 'Staff Backend Engineer';
    document.experience[0].bullets = [
      document.experience[0].bullets[0],
      { text: 'Introduced contract tests for every public API' },
    ];
    await request(t.server)
      .patch(`/api/v1/resumes/${resume.id}`)
      .set(as(alice))
      .send({ document })
      .expect(200);
    const diff = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/diff/2`)
      .set(as(alice))
      .expect(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2 });
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        {
          path: '/experience/0/position',
          op: 'changed',
          before: 'Senior Backend Engineer',
          after: 'Staff Backend Engineer',
        },
      ]),
    );
    expect(diff.body.entries).toEqual([
      expect.objectContaining({
        section: 'experience',
        op: 'matched',
        path: '/experience/0',
        bullets: expect.arrayContaining([
          expect.objectContaining({ op: 'removed', before: 'Led the migration to event sourcing' }),
          expect.objectContaining({ op: 'added', after: 'Introduced contract tests for every public API' }),
        ]),
      }),
    ]);
    expect(diff.body.counts).toMatchObject({ changed: expect.any(Number), added: expect.any(Number) });
    expect(diff.body.unified).toMatch(/^--- v1\n\+\+\+ v2\n@@ /);
    expect(diff.body.unified).toContain('\n-- Led the migration to event sourcing');
    expect(diff.body.unified).toContain('\n+- Introduced contract tests for every public API');
    const same = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/2/diff/2`)
      .set(as(alice))
      .expect(200);
    expect(same.body).toMatchObject({ changes: [], entries: [], unified: '' });
  });

  it('imports a JSON Resume and exports it back with every shared field intact', async () => {
    const input = { ...sampleJsonResume(), awards: [{ title: 'Hackathon winner' }] };
    const res = await request(t.server)
      .post('/api/v1/resumes/import/json-resume')
      .set(as(alice))
      .send({ jsonResume: input, tags: ['imported'] })
      .expect(201);
    expect(res.body.dropped).toEqual(expect.arrayContaining(['/awards']));
    expect(res.body.document.experience[0]).toMatchObject({
      company: 'Initech',
      bullets: [{ text: 'Built the deploy pipeline' }, { text: 'Ran the on-call rotation' }],
    });
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${res.body.id}/versions`)
      .set(as(alice))
      .expect(200);
    expect(versions.body.items[0].source).toBe('import');
    const exported = await request(t.server)
      .get(`/api/v1/resumes/${res.body.id}/versions/1/artifacts/json-resume`)
      .set(as(alice))
      .buffer(true)
      .parse((response, callback) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => callback(null, data));
      })
      .expect(200);
    expect(JSON.parse(exported.body as string)).toEqual(sampleJsonResume());
  });

  it('rejects an invalid JSON Resume with errors per path', async () => {
    const res = await request(t.server)
      .post('/api/v1/resumes/import/json-resume')
      .set(as(alice))
      .send({ jsonResume: { basics: { name: 42, email: 'nope' }, work: 'x' } })
      .expect(422);
    expect(res.body.code).toBe('invalid_json_resume');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors.every((e: { field: string }) => e.field.startsWith('jsonResume'))).toBe(true);
  });

  it('downloads artifacts with content type, disposition and a strong ETag, and answers 304', async () => {
    const resume = await create(alice, { title: 'Backend – Acme GmbH' });
    const list = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts`)
      .set(as(alice))
      .expect(200);
    expect(list.body.map((a: { kind: string; available: boolean }) => [a.kind, a.available])).toEqual([
      ['markdown', true],
      ['json-resume', true],
      ['tex', false],
      ['pdf', false],
    ]);
    const md = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts/markdown`)
      .set(as(alice))
      .expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.headers['content-disposition']).toMatch(/^attachment; filename="backend-acme-gmbh-v1\.md"/);
    expect(md.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(md.text).toContain('Jane Doe');
    await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts/markdown`)
      .set(as(alice))
      .set('if-none-match', md.headers.etag)
      .expect(304);
    // TeX and PDF are rendered by their first download (test/render.e2e-spec.ts covers rendering).
    const pdf = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts/pdf`)
      .set(as(alice))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/filename="backend-acme-gmbh-v1\.pdf"/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts/docx`)
      .set(as(alice))
      .expect(400);
  });

  it('lists with filters and a stable cursor; archives, soft-deletes, restores and purges', async () => {
    const owner = await createTestUser(t, { scopes: ['resumes:read', 'resumes:write'] });
    const a = await create(owner, { title: 'Go — Initech', tags: ['go'], targetRole: 'Platform' });
    const b = await create(owner, { title: 'TS — Acme', tags: ['ts'], targetCompany: 'Acme' });
    const c = await create(owner, { title: 'Go — Hooli', tags: ['go'] });
    const titles = async (query: string) =>
      (await request(t.server).get(`/api/v1/resumes?${query}`).set(as(owner)).expect(200)).body.items.map(
        (r: { title: string }) => r.title,
      );
    expect(await titles('')).toEqual(['Go — Hooli', 'TS — Acme', 'Go — Initech']);
    expect(await titles('tag=go')).toEqual(['Go — Hooli', 'Go — Initech']);
    expect(await titles('q=acme')).toEqual(['TS — Acme']);
    expect(await titles('targetCompany=acm')).toEqual(['TS — Acme']);
    expect(await titles('targetRole=platform')).toEqual(['Go — Initech']);
    expect(await titles(`createdFrom=${encodeURIComponent(b.createdAt)}`)).toEqual([
      'Go — Hooli',
      'TS — Acme',
    ]);
    const page1 = await request(t.server).get('/api/v1/resumes?limit=2').set(as(owner)).expect(200);
    const page2 = await request(t.server)
      .get(`/api/v1/resumes?limit=2&cursor=${page1.body.nextCursor}`)
      .set(as(owner))
      .expect(200);
    expect(page2.body).toMatchObject({ items: [{ id: a.id }], nextCursor: null });

    await request(t.server).post(`/api/v1/resumes/${a.id}/archive`).set(as(owner)).expect(200);
    expect(await titles('archived=true')).toEqual(['Go — Initech']);
    expect(await titles('archived=false')).toEqual(['Go — Hooli', 'TS — Acme']);
    await request(t.server).post(`/api/v1/resumes/${a.id}/unarchive`).set(as(owner)).expect(200);

    await request(t.server).delete(`/api/v1/resumes/${b.id}`).set(as(owner)).expect(204);
    await request(t.server).get(`/api/v1/resumes/${b.id}`).set(as(owner)).expect(404);
    expect(await titles('deleted=true')).toEqual(['TS — Acme']);
    await request(t.server).post(`/api/v1/resumes/${b.id}/restore`).set(as(owner)).expect(200);
    await request(t.server).get(`/api/v1/resumes/${b.id}`).set(as(owner)).expect(200);

    await request(t.server).delete(`/api/v1/resumes/${c.id}?permanent=true`).set(as(owner)).expect(204);
    await request(t.server).post(`/api/v1/resumes/${c.id}/restore`).set(as(owner)).expect(404);
    const db = t.app.get<Connection>(getConnectionToken());
    for (const collection of ['resumes', 'resume_versions', 'resume_artifacts']) {
      const filter =
        collection === 'resumes'
          ? { title: 'Go — Hooli' }
          : { resumeId: new (await import('mongoose')).Types.ObjectId(c.id) };
      expect(await db.collection(collection).countDocuments(filter), collection).toBe(0);
    }
  });

  it("another user's resume is a 404 on every route, and stays untouched", async () => {
    const resume = await create(alice);
    const base = `/api/v1/resumes/${resume.id}`;
    const calls = [
      request(t.server).get(base),
      request(t.server).patch(base).send({ title: 'mine now' }),
      request(t.server).delete(base),
      request(t.server).delete(`${base}?permanent=true`),
      request(t.server).post(`${base}/archive`),
      request(t.server).post(`${base}/restore`),
      request(t.server).get(`${base}/versions`),
      request(t.server).get(`${base}/versions/1`),
      request(t.server).get(`${base}/versions/1/diff/1`),
      request(t.server).get(`${base}/versions/1/artifacts`),
      request(t.server).get(`${base}/versions/1/artifacts/markdown`),
    ];
    for (const call of calls) {
      const res = await call.set(as(bob));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('resume_not_found');
    }
    const still = await request(t.server).get(base).set(as(alice)).expect(200);
    expect(still.body).toMatchObject({ title: 'Backend — Acme', currentVersion: 1, archived: false });
    const bobs = await request(t.server).get('/api/v1/resumes').set(as(bob)).expect(200);
    expect(bobs.body.items.map((r: { id: string }) => r.id)).not.toContain(resume.id);
  });

  it('a read-only key can read but not write', async () => {
    await request(t.server).get('/api/v1/resumes').set(as(reader)).expect(200);
    const res = await request(t.server)
      .post('/api/v1/resumes')
      .set(as(reader))
      .send({ title: 'x', document: sampleDocument() })
      .expect(403);
    expect(res.body.requiredScopes).toEqual(['resumes:write']);
  });
});
