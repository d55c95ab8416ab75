/**
 * Generations into an existing resume (`resumeId`): an unchanged document makes no new version unless it asks
 * for another template or paper, and the version's TeX/PDF always end up rendered as the generation asked —
 * even after someone re-rendered it with other options.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';

const JOB =
  'Senior Backend Engineer at Ledgerline\n\nRequirements:\n- Go\n- PostgreSQL and Kafka\n\nNice to have:\n- Kubernetes\n';

describe('Generations into an existing resume', () => {
  let t: TestApp;
  let user: TestUser;
  let profileId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LLM_PROVIDER: 'offline' } });
    user = await createTestUser(t, { scopes: ['generate', 'resumes:read', 'resumes:write'] });
    const profile = await request(t.server)
      .post('/api/v1/profiles')
      .set('x-api-key', user.key)
      .send({ jsonResume: adaJsonResume() })
      .expect(201);
    profileId = profile.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function generate(body: Record<string, unknown>) {
    const created = await request(t.server)
      .post('/api/v1/generations')
      .set('x-api-key', user.key)
      .send({ candidate: { profileId }, job: { description: JOB }, reuse: false, ...body })
      .expect(202);
    for (;;) {
      const { body: generation } = await request(t.server)
        .get(`/api/v1/generations/${created.body.id}`)
        .set('x-api-key', user.key)
        .expect(200);
      if (generation.status === 'succeeded')
        return generation.result as { resumeId: string; version: number };
      if (['failed', 'cancelled'].includes(generation.status))
        throw new Error(JSON.stringify(generation.error));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const pdfRender = async (resumeId: string, version: number) => {
    await request(t.server)
      .get(`/api/v1/resumes/${resumeId}/versions/${version}/artifacts/pdf`)
      .set('x-api-key', user.key)
      .expect(200);
    const { body } = await request(t.server)
      .get(`/api/v1/resumes/${resumeId}/versions/${version}/artifacts`)
      .set('x-api-key', user.key)
      .expect(200);
    return (body as { kind: string; render?: { template: string; paper: string } }[]).find(
      (artifact) => artifact.kind === 'pdf',
    )?.render;
  };

  it('same document: a new version only for another template or paper, and the PDF is rendered as asked', async () => {
    const first = await generate({ template: 'classic' });
    expect(await pdfRender(first.resumeId, first.version)).toMatchObject({
      template: 'classic',
      paper: 'letter',
    });

    // Another page limit alone changes neither TeX nor PDF: the same version.
    const samePages = await generate({ template: 'classic', resumeId: first.resumeId, maxPages: 2 });
    expect(samePages.version).toBe(first.version);

    // Someone re-renders the version in another template…
    await request(t.server)
      .post(`/api/v1/resumes/${first.resumeId}/versions/${first.version}/render`)
      .set('x-api-key', user.key)
      .send({ template: 'modern' })
      .expect(200);
    expect(await pdfRender(first.resumeId, first.version)).toMatchObject({ template: 'modern' });
    // …then a generation of the same document asks for classic again: the same version, rendered classic.
    const again = await generate({ template: 'classic', resumeId: first.resumeId });
    expect(again.version).toBe(first.version);
    expect(await pdfRender(first.resumeId, first.version)).toMatchObject({ template: 'classic' });

    // Another paper is another rendering of the same document: a new version.
    const a4 = await generate({ template: 'classic', paper: 'a4', resumeId: first.resumeId });
    expect(a4.version).toBe(first.version + 1);
    expect(await pdfRender(first.resumeId, a4.version)).toMatchObject({ template: 'classic', paper: 'a4' });
  });
});
