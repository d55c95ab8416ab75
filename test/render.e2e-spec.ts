/** Rendering over HTTP: templates and previews, on-demand TeX/PDF artifacts, re-render with options, cache. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatexCompiler, PdfTools } from '@app/render';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import { sampleDocument } from './support/resume-fixtures';
import { binaryBody } from './support/binary-body';

/** A document far too long for one page. */
function longDocument() {
  const bullets = Array.from({ length: 6 }, (_, i) => ({
    text: `Delivered milestone ${i + 1} of the platform rewrite, measured and documented for the whole team`,
  }));
  return sampleDocument({
    experience: Array.from({ length: 9 }, (_, i) => ({
      company: `Company ${i + 1}`,
      position: 'Software Engineer',
      startDate: `${2010 + i}-01`,
      endDate: `${2010 + i}-12`,
      bullets,
    })),
  });
}

describe('Rendering', () => {
  const pdfTools = new PdfTools();
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let readerOnly: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, readerOnly] = await Promise.all([
      createTestUser(t, { scopes: ['resumes:read', 'resumes:write'] }),
      createTestUser(t, { scopes: ['resumes:read', 'resumes:write'] }),
      createTestUser(t, { scopes: ['resumes:read'] }),
    ]);
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({ 'x-api-key': user.key });
  const createResume = async (document = sampleDocument(), title = 'Backend — Acme') =>
    (await request(t.server).post('/api/v1/resumes').set(as(alice)).send({ title, document }).expect(201))
      .body as {
      id: string;
    };
  const render = (id: string, body: object, who = alice) =>
    request(t.server).post(`/api/v1/resumes/${id}/versions/1/render`).set(as(who)).send(body);
  const download = (id: string, kind: string) =>
    request(t.server)
      .get(`/api/v1/resumes/${id}/versions/1/artifacts/${kind}`)
      .set(as(alice))
      .buffer(true)
      .parse(binaryBody);

  it('lists the templates, each with a preview PNG rendered on first use and then cached', async () => {
    const list = await request(t.server).get('/api/v1/templates').set(as(readerOnly)).expect(200);
    expect(list.body.items.map((template: { id: string }) => template.id)).toEqual([
      'classic',
      'modern',
      'compact',
    ]);
    for (const template of list.body.items) {
      expect(template).toMatchObject({ version: expect.any(String), papers: ['letter', 'a4'] });
      const png = await request(t.server)
        .get(template.previewUrl)
        .set(as(readerOnly))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
      await request(t.server)
        .get(template.previewUrl)
        .set(as(readerOnly))
        .set('if-none-match', png.headers.etag)
        .expect(304);
    }
    await request(t.server).get('/api/v1/templates/fancy/preview.png').set(as(readerOnly)).expect(400);
  });

  it('renders TeX and PDF on first download, and the PDF says what the document says', async () => {
    const resume = await createResume();
    const before = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts`)
      .set(as(alice))
      .expect(200);
    expect(before.body.find((artifact: { kind: string }) => artifact.kind === 'pdf')).toMatchObject({
      available: false,
    });

    const pdf = await download(resume.id, 'pdf').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfTools.extractText(pdf.body as Buffer);
    for (const words of [
      'Jane Doe',
      'Acme GmbH',
      'Senior Backend Engineer',
      'TypeScript',
      'Cut p99 latency',
    ]) {
      expect(text).toContain(words);
    }
    const tex = await download(resume.id, 'tex').expect(200);
    expect(tex.headers['content-type']).toBe('application/x-tex; charset=utf-8');
    expect((tex.body as Buffer).toString()).toContain('\\pdfgentounicode=1');

    const after = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts`)
      .set(as(alice))
      .expect(200);
    const pdfArtifact = after.body.find((artifact: { kind: string }) => artifact.kind === 'pdf');
    expect(pdfArtifact).toMatchObject({
      available: true,
      render: { template: 'classic', paper: 'letter', pages: 1 },
    });
    // Downloading again serves the stored PDF: same bytes, same ETag.
    const again = await download(resume.id, 'pdf').expect(200);
    expect(again.headers.etag).toBe(pdf.headers.etag);
  });

  it('re-renders a version with another template and options, answering the same render from the cache', async () => {
    const resume = await createResume();
    const first = await render(resume.id, { template: 'modern', paper: 'a4', accentColor: '#1F6FEB' }).expect(
      200,
    );
    expect(first.body).toMatchObject({
      template: 'modern',
      paper: 'a4',
      pages: 1,
      maxPages: 1,
      overflow: false,
      cached: false,
      ats: { missing: [] },
    });
    expect(first.body.ats.recovered).toBe(first.body.ats.checked);
    expect(first.body.ats.checked).toBeGreaterThan(5);
    const pdf = first.body.artifacts.find((artifact: { kind: string }) => artifact.kind === 'pdf');
    expect(pdf.render).toMatchObject({ template: 'modern', paper: 'a4', accentColor: '#1f6feb' });
    const info = await pdfTools.info((await download(resume.id, 'pdf').expect(200)).body as Buffer);
    expect(info.pageSize?.width).toBeCloseTo(595, 0); // A4 is 595 × 842 pt

    const second = await render(resume.id, {
      template: 'modern',
      paper: 'a4',
      accentColor: '#1f6feb',
    }).expect(200);
    expect(second.body).toMatchObject({ cached: true, pages: 1 });
    const compact = await render(resume.id, { template: 'compact' }).expect(200);
    expect(compact.body).toMatchObject({ template: 'compact', paper: 'letter', cached: false });
  });

  it('keeps TeX and PDF from the same render when renders race', async () => {
    const resume = await createResume();
    const templates = ['classic', 'modern', 'compact', 'classic', 'modern', 'compact'];
    await Promise.all(templates.map((template) => render(resume.id, { template }).expect(200)));
    const list = await request(t.server)
      .get(`/api/v1/resumes/${resume.id}/versions/1/artifacts`)
      .set(as(alice))
      .expect(200);
    const info = (kind: string) =>
      list.body.find((artifact: { kind: string }) => artifact.kind === kind).render;
    expect(info('tex').template).toBe(info('pdf').template);
    const tex = (await download(resume.id, 'tex').expect(200)).body.toString();
    const pdf = (await download(resume.id, 'pdf').expect(200)).body as Buffer;
    // PDFs are reproducible: the stored TeX compiles to exactly the stored PDF, so both come from one render.
    const recompiled = await new LatexCompiler().compile(tex);
    expect(recompiled.pdf.equals(pdf)).toBe(true);
  });

  it('reports a document that overflows its page limit, and flows it onto more pages', async () => {
    const resume = await createResume(longDocument(), 'Long');
    const res = await render(resume.id, { template: 'classic', maxPages: 1 }).expect(200);
    expect(res.body.pages).toBeGreaterThan(1);
    expect(res.body).toMatchObject({ overflow: true, ats: { missing: [] } });
    const two = await render(resume.id, { template: 'classic', maxPages: res.body.pages }).expect(200);
    expect(two.body).toMatchObject({ overflow: false, cached: true });
  });

  it('refuses to store a document too large to typeset, so every version renders', async () => {
    const bullets = Array.from({ length: 20 }, () => ({ text: '\\'.repeat(500) }));
    const experience = Array.from({ length: 30 }, (_, i) => ({
      company: `C${i}`,
      position: 'Engineer',
      startDate: '2020',
      bullets,
    }));
    const res = await request(t.server)
      .post('/api/v1/resumes')
      .set(as(alice))
      .send({ title: 'Huge', document: sampleDocument({ experience }) })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'document_too_large', limit: 1024 * 1024 });
  });

  it('validates options, keeps resumes to their owner and needs resumes:write', async () => {
    const resume = await createResume();
    const bad = await render(resume.id, { template: 'fancy', accentColor: 'blue', maxPages: 0 }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'accentColor',
      'maxPages',
      'template',
    ]);
    await render(resume.id, {}, bob).expect(404);
    await render(resume.id, {}, readerOnly).expect(403);
    await request(t.server)
      .post(`/api/v1/resumes/${resume.id}/versions/9/render`)
      .set(as(alice))
      .send({})
      .expect(404);
  });
});
