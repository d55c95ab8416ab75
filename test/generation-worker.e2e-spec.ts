/**
 * A worker process killed in the middle of a generation: BullMQ finds the stalled job, another worker runs it,
 * and the generation completes once, with exactly one resume version. Real processes (the built worker entry),
 * real Redis and MongoDB-compatible server, the fake Gemini server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGeminiServer } from '@app/testing/fakes/llm';

import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';

const workerMain = join(__dirname, '..', 'dist/apps/worker/src/main.js');

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  ms = 40_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a worker dies mid-job', () => {
  const gemini = new FakeGeminiServer();
  const workers: ChildProcess[] = [];
  let t: TestApp;
  let user: TestUser;

  const startWorker = (env: Record<string, string>) => {
    if (!existsSync(workerMain)) throw new Error(`${workerMain} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [workerMain], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    workers.push(child);
    return { child, output: () => output };
  };

  beforeAll(async () => {
    await gemini.start();
    const llm = {
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      LLM_RETRY_BASE_MS: '1',
      LLM_TIMEOUT_MS: '20000',
    };
    t = await startTestApp({ env: { ...llm, GENERATION_IN_PROCESS_WORKERS: 'false' } });
    user = await createTestUser(t, { scopes: ['generate', 'resumes:read', 'resumes:write'] });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await t.close();
    await gemini.stop();
  });

  it('runs the stalled job again elsewhere: it completes once, with exactly one resume version', async () => {
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      MONGODB_URI: t.config.mongo.uri,
      MONGODB_DB: t.config.mongo.dbName,
      REDIS_URL: t.config.redis.url,
      REDIS_KEY_PREFIX: t.config.redis.keyPrefix,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      LLM_RETRY_BASE_MS: '1',
      LLM_TIMEOUT_MS: '20000',
      GENERATION_STALLED_INTERVAL_MS: '1000',
      GENERATION_CONCURRENCY: '1',
    };
    const first = startWorker(env);
    await waitFor(() => first.output().includes('worker ready'), 'the first worker');

    const profile = await request(t.server)
      .post('/api/v1/profiles')
      .set('x-api-key', user.key)
      .send({ jsonResume: adaJsonResume() })
      .expect(201);
    // The first draft request hangs (the worker will die while waiting); later ones answer at once.
    gemini.enqueue({ delayMs: 15_000, json: {} });
    gemini.respondWith(() => ({
      basics: { name: 'Ada Lovelace' },
      summary: '',
      skills: [],
      experience: [],
      projects: [],
      education: [],
      certifications: [],
      languages: [],
    }));
    const job =
      'Backend Engineer\n\nRequirements:\n- Go and PostgreSQL in production\n- Kafka\n\nNice to have: Terraform.';
    const res = await request(t.server)
      .post('/api/v1/generations')
      .set('x-api-key', user.key)
      .send({
        candidate: { profileId: profile.body.id },
        job: { description: job },
        provider: 'gemini',
        reuse: false,
      })
      .expect(202);
    await waitFor(() => gemini.calls.length >= 1, 'the first worker to reach the draft step');
    first.child.kill('SIGKILL');

    const second = startWorker(env);
    let generation: { status: string; result: { resumeId: string; version: number } | null } = {
      status: '',
      result: null,
    };
    await waitFor(
      async () => {
        generation = (
          await request(t.server)
            .get(`/api/v1/generations/${res.body.id}`)
            .set('x-api-key', user.key)
            .expect(200)
        ).body;
        return ['succeeded', 'failed', 'cancelled'].includes(generation.status);
      },
      'the generation to finish on the second worker',
      60_000,
    );
    expect(generation.status, second.output().slice(-3000)).toBe('succeeded');

    const resumes = await request(t.server)
      .get('/api/v1/resumes?limit=100')
      .set('x-api-key', user.key)
      .expect(200);
    expect(resumes.body.items).toHaveLength(1);
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${generation.result?.resumeId}/versions`)
      .set('x-api-key', user.key)
      .expect(200);
    expect(versions.body.items).toHaveLength(1);
    // It started twice: on the first worker, and again on the second after the first one's lock expired.
    const events = await request(t.server)
      .get(`/api/v1/generations/${res.body.id}/events`)
      .set('x-api-key', user.key)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      });
    expect((events.body as string).match(/event: started/g)).toHaveLength(2);
    expect((events.body as string).match(/event: succeeded/g)).toHaveLength(1);
  });
});
