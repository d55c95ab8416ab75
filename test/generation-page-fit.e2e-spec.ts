/**
 * Page fitting in the generation pipeline (real pdflatex): a draft that runs over `maxPages` is shortened to
 * the mildest cut that fits, the stored version is what was rendered, and the `fitted` event says what went.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { binaryBody } from './support/binary-body';

const run = promisify(execFile);

/** Pages of a PDF, as poppler's pdfinfo counts them. */
async function pdfPages(pdf: Buffer): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'page-fit-'));
  try {
    await writeFile(join(dir, 'resume.pdf'), pdf);
    const { stdout } = await run('pdfinfo', [join(dir, 'resume.pdf')]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SKILLS = [
  'Go',
  'TypeScript',
  'PostgreSQL',
  'Kafka',
  'Redis',
  'Kubernetes',
  'Terraform',
  'AWS',
  'Docker',
];

/** Seven positions with six highlights each: two pages and more in every template. */
function longResume() {
  return {
    basics: { name: 'Lena Park', label: 'Staff Backend Engineer', email: 'lena@example.com' },
    work: Array.from({ length: 7 }, (_, i) => ({
      name: `Employer ${String.fromCharCode(65 + i)}`,
      position: i === 0 ? 'Staff Backend Engineer' : 'Backend Engineer',
      startDate: `${2024 - i * 2}-01`,
      ...(i === 0 ? {} : { endDate: `${2025 - i * 2}-12` }),
      highlights: Array.from(
        { length: 6 },
        (_, h) =>
          `Built the ${['billing', 'ledger', 'search', 'ingest', 'auth', 'reporting'][h]} service in ` +
          `${SKILLS[(i + h) % SKILLS.length]} and ${SKILLS[(i + h + 3) % SKILLS.length]}, serving ${(h + 1) * 100} ` +
          `requests per second across ${i + 2} regions with careful capacity planning and on-call ownership`,
      ),
    })),
    skills: [{ name: 'Backend', keywords: SKILLS }],
    projects: Array.from({ length: 5 }, (_, i) => ({
      name: `tool-${i}`,
      description: `A command-line tool in Go for ${['schema migrations', 'load tests', 'log search', 'backups', 'feature flags'][i]}`,
      url: `https://github.com/lena/tool-${i}`,
      highlights: ['Used by three teams', 'Written in Go with PostgreSQL'],
    })),
  };
}

const JOB =
  'Staff Backend Engineer\n\nRequirements:\n- Go and PostgreSQL\n- Kafka and Redis\n- Kubernetes on AWS\n\n' +
  'Nice to have:\n- Terraform\n';

describe('Generation page fitting', () => {
  let t: TestApp;
  let user: TestUser;
  let profileId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LLM_PROVIDER: 'offline' } });
    user = await createTestUser(t, { scopes: ['generate', 'resumes:read'] });
    const profile = await request(t.server)
      .post('/api/v1/profiles')
      .set('x-api-key', user.key)
      .send({ jsonResume: longResume() })
      .expect(201);
    profileId = profile.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function generate(maxPages: number) {
    const created = await request(t.server)
      .post('/api/v1/generations')
      .set('x-api-key', user.key)
      .send({ candidate: { profileId }, job: { description: JOB }, maxPages, reuse: false })
      .expect(202);
    for (;;) {
      const { body } = await request(t.server)
        .get(`/api/v1/generations/${created.body.id}`)
        .set('x-api-key', user.key)
        .expect(200);
      if (['succeeded', 'failed', 'cancelled'].includes(body.status)) {
        const events = await request(t.server)
          .get(`/api/v1/generations/${created.body.id}/events`)
          .set('x-api-key', user.key)
          .expect(200);
        return { generation: body, events: events.text };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const fittedEvent = (text: string) => {
    const match = /event: fitted\ndata: (.+)\n/.exec(text);
    return match ? (JSON.parse(match[1]) as { fromPages: number; toPages: number; cuts: string[] }) : null;
  };

  it('a long draft is shortened to one page: the stored version is what fits, and the event says what went', async () => {
    const { generation, events } = await generate(1);
    expect(generation.status).toBe('succeeded');
    expect(generation.result.pages).toBe(1);
    const fitted = fittedEvent(events);
    expect(fitted).not.toBeNull();
    expect(fitted!.fromPages).toBeGreaterThan(1);
    expect(fitted!.toPages).toBe(1);
    expect(fitted!.cuts.length).toBeGreaterThan(0);

    const { resumeId, version } = generation.result;
    const stored = await request(t.server)
      .get(`/api/v1/resumes/${resumeId}/versions/${version}`)
      .set('x-api-key', user.key)
      .expect(200);
    const bullets = stored.body.document.experience.reduce(
      (sum: number, entry: { bullets: unknown[] }) => sum + entry.bullets.length,
      0,
    );
    const pdf = await request(t.server)
      .get(`/api/v1/resumes/${resumeId}/versions/${version}/artifacts/pdf`)
      .set('x-api-key', user.key)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(await pdfPages(pdf.body as Buffer)).toBe(1);

    // With room for it, the same evidence keeps more (nothing was cut).
    const roomy = await generate(5);
    expect(fittedEvent(roomy.events)).toBeNull();
    expect(roomy.generation.result.pages).toBeGreaterThan(1);
    const full = await request(t.server)
      .get(`/api/v1/resumes/${roomy.generation.result.resumeId}/versions/${roomy.generation.result.version}`)
      .set('x-api-key', user.key)
      .expect(200);
    const fullBullets = full.body.document.experience.reduce(
      (sum: number, entry: { bullets: unknown[] }) => sum + entry.bullets.length,
      0,
    );
    expect(fullBullets).toBeGreaterThan(bullets);
  });
});
