/**
 * Generations when things go wrong around them: a transient failure is retried by the queue (not failed for
 * good at its first attempt), and losing the Redis keys that carry a running generation's progress (a failover,
 * an eviction) neither sends GET back to `queued` nor loses the end of the event stream.
 */
import { type RedisClientType } from '@keyv/redis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullmqPrefix, QUEUES, REDIS_CLIENT } from '@app/core';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGithubServer } from '@app/testing/fakes/github';
import { FakeGeminiServer } from '@app/testing/fakes/llm';
import { GENERATION_STEPS } from '../libs/generation/src/generation.schema';

import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';

const JOB =
  'Senior Backend Engineer\n\nRequirements:\n- Go\n- PostgreSQL and Kafka\n\nNice to have:\n- Kubernetes\n';

interface SseEvent {
  seq: number;
  type: string;
}
const parseSse = (text: string): SseEvent[] =>
  [...text.matchAll(/^id: (\d+)\nevent: (\w+)\n/gm)].map((m) => ({ seq: Number(m[1]), type: m[2] }));

describe('Generation resilience', () => {
  const github = new FakeGithubServer();
  const gemini = new FakeGeminiServer();
  let t: TestApp;
  let user: TestUser;
  let baseUrl: string;

  beforeAll(async () => {
    await Promise.all([github.start(), gemini.start()]);
    github.addUser({ login: 'retry-dev', name: 'Retry Dev', bio: 'Go developer' });
    github.addRepo('retry-dev', {
      name: 'queue-kit',
      description: 'A job queue in Go with PostgreSQL storage',
      languages: { Go: 40_000 },
      readme: '# queue-kit\n\nA job queue in Go, stored in PostgreSQL, with Kafka events.\n',
    });
    t = await startTestApp({
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_RETRIES: '0',
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.url,
        LLM_PROVIDER: 'offline',
        LLM_RETRIES: '0',
        LLM_TIMEOUT_MS: '10000',
        GENERATION_CONCURRENCY: '2',
        GENERATION_STALLED_INTERVAL_MS: '1000',
      },
    });
    user = await createTestUser(t, { scopes: ['generate', 'resumes:read'] });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([github.stop(), gemini.stop()]);
  });

  /** What the event stream of a running generation has sent within 400 ms (the stream stays open: cut). */
  async function eventsSoFar(id: string): Promise<string> {
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/generations/${id}/events`, {
      headers: { 'x-api-key': user.key },
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    const timer = setTimeout(() => abort.abort(), 400);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // cut by the timer
    } finally {
      clearTimeout(timer);
    }
    return text;
  }

  /** Starts a generation whose draft step waits `delayMs` on the (fake) LLM; resolves once it is drafting. */
  async function startInDraft(delayMs: number): Promise<string> {
    const profile = await request(t.server)
      .post('/api/v1/profiles')
      .set('x-api-key', user.key)
      .send({ jsonResume: adaJsonResume() })
      .expect(201);
    gemini.reset();
    gemini.enqueue({ status: 500, delayMs });
    const created = await request(t.server)
      .post('/api/v1/generations')
      .set('x-api-key', user.key)
      .send({
        candidate: { profileId: profile.body.id },
        job: { description: JOB },
        provider: 'gemini',
        reuse: false,
      })
      .expect(202);
    const id = created.body.id as string;
    for (let running = await get(id); running.step !== 'draft'; running = await get(id))
      await new Promise((resolve) => setTimeout(resolve, 20));
    return id;
  }

  const get = async (id: string) =>
    (await request(t.server).get(`/api/v1/generations/${id}`).set('x-api-key', user.key).expect(200)).body;
  async function finished(id: string) {
    for (;;) {
      const generation = await get(id);
      if (['succeeded', 'failed', 'cancelled'].includes(generation.status)) return generation;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a transient failure (GitHub 502 once) is retried by the queue and the generation succeeds', async () => {
    github.failWith(502, { username: 'retry-dev', times: 1 });
    const created = await request(t.server)
      .post('/api/v1/generations')
      .set('x-api-key', user.key)
      .send({ candidate: { githubUsername: 'retry-dev' }, job: { description: JOB }, reuse: false })
      .expect(202);
    const generation = await finished(created.body.id);
    expect(generation.error).toBeNull();
    expect(generation.status).toBe('succeeded');
    const events = await request(t.server)
      .get(`/api/v1/generations/${created.body.id}/events`)
      .set('x-api-key', user.key)
      .expect(200);
    const types = parseSse(events.text).map((e) => e.type);
    expect(types).toContain('retrying');
    expect(types.filter((type) => type === 'started')).toHaveLength(2);
    expect(types.at(-1)).toBe('succeeded');
  });

  it('losing the Redis progress keys mid-run: GET still says running, and the stream still ends with the final event', async () => {
    // The draft step waits on the (fake) LLM long enough to lose the keys meanwhile; it then fails and the
    // offline draft takes over (degraded), which is beside the point here.
    const id = await startInDraft(1500);
    const before = parseSse(await eventsSoFar(id));
    expect(before.length).toBeGreaterThan(3);
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    const prefix = `${t.config.redis.keyPrefix}:generation:{${id}}`;
    expect(await redis.del([`${prefix}:events`, `${prefix}:live`])).toBe(2);

    const during = await get(id);
    expect(during.status).toBe('running');

    const final = await finished(id);
    expect(final.status).toBe('succeeded');
    const lastSeen = Math.max(0, ...before.map((e) => e.seq));
    const after = await request(t.server)
      .get(`/api/v1/generations/${id}/events`)
      .set('x-api-key', user.key)
      .set('last-event-id', String(lastSeen))
      .expect(200);
    const resumed = parseSse(after.text);
    expect(resumed.at(-1)?.type).toBe('succeeded');
    // Numbers never go back: what follows the last event seen is numbered after it, in order.
    expect(resumed[0].seq).toBeGreaterThan(lastSeen);
    expect(resumed.map((e) => e.seq)).toEqual([...resumed.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('a run whose job lock expired (a stalled event loop) stops before writing: the run that took over owns the outcome', async () => {
    // The first run waits on the LLM long enough for BullMQ to see its job stalled and run it again.
    const id = await startInDraft(5000);
    // As if the worker's event loop had blocked past the lock: the lock is gone, renewals fail.
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    expect(await redis.del(`${bullmqPrefix(t.config)}:${QUEUES.generation}:${id}:lock`)).toBe(1);

    const final = await finished(id);
    expect(final.status).toBe('succeeded');
    // Let the first run wake up (its LLM call ends after 5 s) and reach its checks.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    const events = parseSse(
      (await request(t.server).get(`/api/v1/generations/${id}/events`).set('x-api-key', user.key).expect(200))
        .text,
    );
    expect(events.filter((e) => e.type === 'started')).toHaveLength(2);
    expect(events.filter((e) => ['succeeded', 'failed', 'cancelled'].includes(e.type))).toHaveLength(1);
    const versions = await request(t.server)
      .get(`/api/v1/resumes/${final.result.resumeId}/versions`)
      .set('x-api-key', user.key)
      .expect(200);
    expect(versions.body.items).toHaveLength(1);
    expect((await get(id)).status).toBe('succeeded');
  }, 30_000);

  it('after one lost lock the run that took over keeps its own lock through long steps, and succeeds', async () => {
    // Run 1 drafts for 3 s, run 2 for 6 s: longer than the lock (1 s) — its renewal must not depend on run 1.
    const id = await startInDraft(3000);
    gemini.enqueue({ status: 500, delayMs: 6000 });
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    expect(await redis.del(`${bullmqPrefix(t.config)}:${QUEUES.generation}:${id}:lock`)).toBe(1);
    const final = await finished(id);
    expect(final.error).toBeNull();
    expect(final.status).toBe('succeeded');
    const events = parseSse(
      (await request(t.server).get(`/api/v1/generations/${id}/events`).set('x-api-key', user.key).expect(200))
        .text,
    );
    const types = events.map((e) => e.type);
    expect(types.filter((type) => type === 'started')).toHaveLength(2);
    // Run 1 stopped when it lost its lock: after run 2 started, every step event is run 2's, in order.
    const fromRun2 = types.slice(types.lastIndexOf('started') + 1);
    expect(fromRun2.filter((type) => type === 'step').length).toBe(2 * GENERATION_STEPS.length);
    expect(types.filter((type) => ['succeeded', 'failed', 'cancelled'].includes(type))).toEqual([
      'succeeded',
    ]);
  }, 60_000);
});
