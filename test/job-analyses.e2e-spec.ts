/** `/api/v1/job-analyses`: deterministic job-description analysis, cached by text, stored per owner. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/jobs', name), 'utf8');

interface Span {
  text: string;
  start: number;
  end: number;
  source?: 'text' | 'title';
}

describe('Job analyses', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let reader: TestUser;
  let admin: TestUser;
  const goJob = fixture('01-senior-go-backend-fintech.txt');

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, reader, admin] = await Promise.all([
      createTestUser(t, { scopes: ['generate'] }),
      createTestUser(t, { scopes: ['generate'] }),
      createTestUser(t, { scopes: ['resumes:read'] }),
      createTestUser(t, { role: 'admin', scopes: ['admin'] }),
    ]);
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({
    post: (body: object) =>
      request(t.server).post('/api/v1/job-analyses').set('x-api-key', user.key).send(body),
    get: (path = '') => request(t.server).get(`/api/v1/job-analyses${path}`).set('x-api-key', user.key),
    delete: (path: string) =>
      request(t.server).delete(`/api/v1/job-analyses${path}`).set('x-api-key', user.key),
  });

  it('analyses a description: skills with importance and exact mentions, seniority, years', async () => {
    const res = await as(alice)
      .post({
        description: goJob,
        title: 'Senior Backend Engineer (Go)',
        company: 'Ledgerline',
        url: 'https://jobs.example.com/1',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      title: 'Senior Backend Engineer (Go)',
      company: 'Ledgerline',
      url: 'https://jobs.example.com/1',
      seniority: 'senior',
      minYears: 5,
      cached: false,
    });
    const { analysis } = res.body;
    expect(analysis.seniority).toMatchObject({ level: 'senior', source: 'title' });
    expect(analysis.seniority.decidedBy.join(' ')).toMatch(/Senior/);
    expect(analysis.enrichment).toEqual({ provider: 'offline', added: 0 });
    const byName = new Map<string, { importance: string; minYears?: number; mentions: Span[] }>(
      analysis.skills.map((skill: { canonical: string }) => [skill.canonical, skill]),
    );
    expect(byName.get('Go')).toMatchObject({ importance: 'must', minYears: 3 });
    expect(byName.get('PostgreSQL')?.importance).toBe('must');
    expect(byName.get('Terraform')?.importance).toBe('nice');
    expect(res.body.mustSkills).toContain('Go');
    expect(res.body.niceSkills).toContain('Terraform');
    for (const skill of analysis.skills as { mentions: Span[] }[]) {
      expect(skill.mentions.length).toBeGreaterThan(0);
      for (const mention of skill.mentions) {
        const source = mention.source === 'title' ? analysis.title : analysis.text;
        expect(source.slice(mention.start, mention.end)).toBe(mention.text);
      }
    }
    const stored = await as(alice).get(`/${res.body.id}`).expect(200);
    expect(stored.body).toEqual(res.body);
  });

  it('answers an identical description from the cache, for any owner, with cached: true', async () => {
    const description = fixture('02-junior-frontend-react.txt');
    const first = await as(alice).post({ description }).expect(201);
    expect(first.body.cached).toBe(false);
    // Different spacing and line endings normalise to the same text.
    const again = await as(bob)
      .post({ description: `  ${description.replace(/\n/g, '\r\n')}\n\n` })
      .expect(201);
    expect(again.body.cached).toBe(true);
    expect(again.body.textHash).toBe(first.body.textHash);
    expect(again.body.analysis).toEqual(first.body.analysis);
    expect(again.body.id).not.toBe(first.body.id);
    // The title takes part in the analysis (seniority), so another title is another analysis.
    const titled = await as(bob).post({ description, title: 'Staff Frontend Engineer' }).expect(201);
    expect(titled.body.cached).toBe(false);
    expect(titled.body.seniority).toBe('staff');

    const stats = await request(t.server).get('/api/v1/cache/stats').set('x-api-key', admin.key).expect(200);
    const namespace = stats.body.namespaces.find(
      (entry: { namespace: string }) => entry.namespace === 'job-analyses',
    );
    expect(namespace.hits).toBeGreaterThanOrEqual(1);
  });

  it('keeps the same words as text and as HTML apart in the cache (the format is part of the answer)', async () => {
    const words =
      'We are hiring a backend engineer with strong Python and PostgreSQL experience for our team.';
    const plain = await as(alice).post({ description: words, title: '   ' }).expect(201);
    expect(plain.body).toMatchObject({ cached: false, title: null });
    expect(plain.body.analysis.format).toBe('text');
    const html = await as(alice)
      .post({ description: `<p>${words}</p>` })
      .expect(201);
    expect(html.body).toMatchObject({ cached: false });
    expect(html.body.analysis.format).toBe('html');
    expect(html.body.textHash).not.toBe(plain.body.textHash);
  });

  it('strips HTML and reports offsets into the text it analysed', async () => {
    const html =
      '<h2>Backend Engineer</h2><p>We build payment APIs &amp; tools.</p><h3>Requirements</h3><ul>' +
      '<li>3+ years of <strong>Python</strong></li><li>PostgreSQL</li></ul><h3>Nice to have</h3><ul><li>Kubernetes</li></ul>';
    const res = await as(alice).post({ description: html }).expect(201);
    const { analysis } = res.body;
    expect(analysis.format).toBe('html');
    expect(analysis.text).not.toMatch(/<[a-z]/i);
    expect(analysis.text).toContain('payment APIs & tools');
    const kubernetes = analysis.skills.find(
      (skill: { canonical: string }) => skill.canonical === 'Kubernetes',
    );
    expect(kubernetes.importance).toBe('nice');
    expect(analysis.text.slice(kubernetes.mentions[0].start, kubernetes.mentions[0].end)).toBe('Kubernetes');
  });

  it('refuses what is not an analysable description with a problem naming the field', async () => {
    const tooShort = await as(alice)
      .post({ description: `<div><p>${'   '.repeat(40)}Go developer</p></div>` })
      .expect(422);
    expect(tooShort.headers['content-type']).toContain('application/problem+json');
    expect(tooShort.body).toMatchObject({
      code: 'job_description_invalid',
      errors: [expect.objectContaining({ field: 'description', rule: 'length' })],
    });
    const tooLong = await as(alice)
      .post({ description: 'We need Go. '.repeat(5000) })
      .expect(422);
    expect(tooLong.body.errors[0].rule).toBe('length');
    const binary = await as(alice)
      .post({ description: `PK\u0003\u0004${'x'.repeat(100)}` })
      .expect(422);
    expect(binary.body.errors[0]).toMatchObject({ field: 'description', rule: 'text' });
    const noWords = await as(alice)
      .post({ description: '1234 5678 '.repeat(10) })
      .expect(422);
    expect(noWords.body.errors[0].rule).toBe('text');

    // Control characters hidden in entities are refused too, and so are they in the title.
    const escaped = await as(alice)
      .post({ description: `${goJob.slice(0, 200)}&#27;[31m` })
      .expect(422);
    expect(escaped.body.errors[0]).toMatchObject({ field: 'description', rule: 'text' });
    const badTitle = await as(alice).post({ description: goJob, title: 'Engineer\u0000' }).expect(422);
    expect(badTitle.body.errors[0]).toMatchObject({ field: 'title', rule: 'text' });

    const wrongType = await as(alice).post({ description: 42 }).expect(400);
    expect(wrongType.body.errors[0].field).toBe('description');
    const badUrl = await as(alice).post({ description: goJob, url: 'ftp://example.com/job' }).expect(400);
    expect(badUrl.body.errors[0].field).toBe('url');
    const unknown = await as(alice).post({ description: goJob, salary: 1 }).expect(400);
    expect(unknown.body.errors[0].field).toBe('salary');
  });

  it('keeps analyses to their owner, pages through them, and deletes', async () => {
    const created = await as(bob)
      .post({ description: fixture('03-intern-data-science-r.txt') })
      .expect(201);
    await as(alice).get(`/${created.body.id}`).expect(404);
    await as(alice).delete(`/${created.body.id}`).expect(404);
    await as(reader).get('').expect(403);

    const first = await as(bob).get('?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).not.toHaveProperty('analysis');
    expect(first.body.items[0].id).toBe(created.body.id);
    const rest = await as(bob).get(`?limit=100&cursor=${first.body.nextCursor}`).expect(200);
    expect(rest.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...rest.body.items];
    expect(all.every((item: { id: string }) => item.id !== undefined)).toBe(true);
    expect(
      (await as(alice).get('?limit=100').expect(200)).body.items.map((item: { id: string }) => item.id),
    ).not.toContain(created.body.id);

    await as(bob).delete(`/${created.body.id}`).expect(204);
    const gone = await as(bob).get(`/${created.body.id}`).expect(404);
    expect(gone.body.code).toBe('job_analysis_not_found');
  });
});
