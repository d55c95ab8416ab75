#!/usr/bin/env node
// `npm run bench:generation`: the generation pipeline with the LLM faked at zero latency (the fake Gemini server,
// real HTTP), on the real MongoDB-compatible server, Redis and pdflatex, in-process BullMQ workers.
//   1. BENCH_JOBS generations one after the other (different job descriptions, so every render compiles):
//      p50/p95 per step and end to end (created → finished, queue wait included), and our own overhead:
//      end to end minus the render step (pdflatex + pdftotext) and the draft step (the LLM call).
//   2. A fully cached repeat: the same inputs again with reuse=true (the earlier result is reused).
//   3. Throughput: BENCH_BATCH generations submitted at once, with 1 and then 2 workers: jobs per minute.
// Targets (issue 8): overhead p50 under 100 ms; a cached repeat under 50 ms.
import 'reflect-metadata';

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'dist', path));

const jobsCount = Number(process.env.BENCH_JOBS ?? 12);
const batch = Number(process.env.BENCH_BATCH ?? 8);
const progress = (message) => process.stderr.write(`[bench:generation] ${message}\n`);

const { loadConfig } = dist('libs/core/src');
const { AppModule } = dist('apps/api/src/app.module');
const { GenerationsService } = dist('libs/generation/src');
const { ProfilesService } = dist('libs/evidence/src');
const { JobAnalysesService } = dist('libs/job-analysis/src');
const { buildDraftRequest } = dist('libs/generation/src/drafting');
const { matchCandidate } = dist('libs/generation/src/matching');
const { SkillTaxonomy } = dist('libs/skills/src');
const { FakeGeminiServer } = dist('libs/testing/src/fakes/llm');
const { describeServices, startServices } = dist('libs/testing/src/services');
const { NestFactory } = require('@nestjs/core');
const { getConnectionToken } = require('@nestjs/mongoose');
const { Types } = require('mongoose');
const pino = require('pino');

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows)
    console.log(row.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join('  '));
};

const RESUME = {
  basics: { name: 'Alex Rivera', label: 'Senior Backend Engineer', email: 'alex@example.com' },
  work: [
    {
      name: 'Ledgerline',
      position: 'Senior Backend Engineer',
      startDate: '2021-03',
      highlights: [
        'Rebuilt the settlement pipeline in Go with Kafka and PostgreSQL',
        'Ran the platform on Kubernetes with Terraform',
      ],
    },
    {
      name: 'Northwind',
      position: 'Software Engineer',
      startDate: '2017-06',
      endDate: '2021-02',
      summary: 'Ingestion services in TypeScript and Redis.',
    },
  ],
  skills: [
    {
      name: 'Backend',
      keywords: ['Go', 'TypeScript', 'PostgreSQL', 'Kafka', 'Redis', 'Kubernetes', 'Terraform', 'AWS'],
    },
  ],
  education: [
    {
      institution: 'Oregon State University',
      studyType: 'BSc',
      area: 'Computer Science',
      startDate: '2013',
      endDate: '2017',
    },
  ],
};
const SKILLS = [
  'Go',
  'TypeScript',
  'PostgreSQL',
  'Kafka',
  'Redis',
  'Kubernetes',
  'Terraform',
  'AWS',
  'Python',
  'gRPC',
  'Docker',
  'React',
];
const description = (n) =>
  `Backend Engineer ${n}\n\nRequirements:\n` +
  SKILLS.filter((_, i) => (i + n) % 3 !== 0)
    .map((skill) => `- ${skill} in production`)
    .join('\n') +
  `\n\nNice to have:\n- ${SKILLS[n % SKILLS.length]}\n`;

const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
progress(describeServices(services));
const gemini = new FakeGeminiServer();
await gemini.start();

async function withApp(workers, run) {
  const prefix = `bench_generation_${Date.now()}_${workers}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: services.mongo.uri,
    MONGODB_DB: prefix,
    REDIS_URL: services.redis.url,
    REDIS_KEY_PREFIX: prefix,
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.url,
    LLM_PROVIDER: 'gemini',
    GENERATION_CONCURRENCY: String(workers),
    GENERATION_IN_PROCESS_WORKERS: 'true',
  });
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, logger: pino({ level: 'silent' }) }),
    { logger: false },
  );
  await context.init();
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

const caller = {
  userId: new Types.ObjectId().toHexString(),
  keyPrefix: 'bench',
  role: 'user',
  keyId: '',
  scopes: ['generate'],
};
async function finished(generations, id) {
  for (;;) {
    const generation = await generations.get(caller.userId, id);
    if (['succeeded', 'failed', 'cancelled'].includes(generation.status)) return generation;
    await new Promise((resolve) => setTimeout(resolve, 25)); // polling must not load the database it measures
  }
}
const e2e = (generation) => Date.parse(generation.finishedAt) - Date.parse(generation.createdAt);

try {
  await withApp(1, async (context) => {
    const generations = context.get(GenerationsService);
    const profile = await context.get(ProfilesService).create(caller.userId, { jsonResume: RESUME });
    // The fake model answers with an honest draft of the same inputs (the offline draft, computed here).
    gemini.latencyMs = 0;
    let answer = {};
    gemini.respondWith(() => answer);
    const analyses = context.get(JobAnalysesService);
    const profileData = (await context.get(ProfilesService).get(caller.userId, profile.id)).profile;
    const taxonomy = SkillTaxonomy.shipped();
    progress(`${jobsCount} generations, one after the other`);
    const runs = [];
    for (let n = 0; n < jobsCount + 2; n++) {
      const { analysis } = await analyses.create(caller.userId, { description: description(n) });
      const match = matchCandidate(profileData, analysis, new Date(), taxonomy);
      answer = buildDraftRequest({ profile: profileData, analysis, match }).offline();
      const started = performance.now();
      const created = await generations.create(caller, {
        candidate: { profileId: profile.id },
        job: { description: description(n) },
        provider: n % 2 === 0 ? 'offline' : 'gemini',
        reuse: false,
      });
      const generation = await finished(generations, created.id);
      if (generation.status !== 'succeeded')
        throw new Error(`generation failed: ${JSON.stringify(generation.error)}`);
      if (n >= 2) runs.push({ ...generation, wall: performance.now() - started }); // 2 warm-ups
    }
    const stepNames = runs[0].timings.map((timing) => timing.step);
    const rows = [['step', 'p50', 'p95']];
    for (const step of stepNames) {
      const values = runs.map((run) => run.timings.find((timing) => timing.step === step)?.durationMs ?? 0);
      rows.push([step, ms(quantile(values, 0.5)), ms(quantile(values, 0.95))]);
    }
    const totals = runs.map(e2e);
    const overhead = runs.map(
      (run) =>
        e2e(run) -
        (run.timings.find((x) => x.step === 'render')?.durationMs ?? 0) -
        (run.timings.find((x) => x.step === 'draft')?.durationMs ?? 0),
    );
    rows.push(['end to end (created → finished)', ms(quantile(totals, 0.5)), ms(quantile(totals, 0.95))]);
    rows.push([
      'our overhead (end to end − render − draft)',
      ms(quantile(overhead, 0.5)),
      ms(quantile(overhead, 0.95)),
    ]);
    // What a caller sees: the create call until a read shows the final state (its last write included), with
    // this script's 25 ms polling.
    const walls = runs.map((run) => run.wall);
    rows.push([
      'as the caller waits (create + polling)',
      ms(quantile(walls, 0.5)),
      ms(quantile(walls, 0.95)),
    ]);
    console.log(
      `\nper step, ${runs.length} generations (half offline, half through the fake Gemini at zero latency)`,
    );
    table(rows);

    // Baseline, same run: what one database operation costs on this backend, and how many a generation makes.
    const mongoose = require('mongoose');
    const connection = context.get(getConnectionToken());
    const probe = connection.collection('bench_baseline');
    await probe.insertOne({ _id: 'x', n: 0 });
    const writeTimes = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await probe.findOneAndUpdate({ _id: 'x' }, { $set: { n: i } });
      writeTimes.push(performance.now() - started);
    }
    let operations = 0;
    mongoose.set('debug', () => void operations++);
    const counted = await generations.create(caller, {
      candidate: { profileId: profile.id },
      job: { description: description(999) },
      provider: 'offline',
      reuse: false,
    });
    await finished(generations, counted.id);
    mongoose.set('debug', false);
    console.log(
      `\nbaseline: one findOneAndUpdate on ${services.mongo.backend} p50 ${ms(quantile(writeTimes, 0.5))}; ` +
        `a generation makes about ${operations} database operations (Mongoose calls, this script's polling included)`,
    );

    progress('cached repeats');
    const body = {
      candidate: { profileId: profile.id },
      job: { description: description(1) },
      provider: 'offline',
      reuse: true,
    };
    await finished(generations, (await generations.create(caller, body)).id);
    const repeats = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const generation = await finished(generations, (await generations.create(caller, body)).id);
      if (!generation.reusedFrom) throw new Error('the repeat was not reused');
      repeats.push({ wall: performance.now() - started, e2e: e2e(generation) });
    }
    console.log('\nfully cached repeat (same inputs, reuse=true; 10 runs)');
    table([
      ['case', 'p50', 'p95'],
      [
        'end to end (created → finished)',
        ms(
          quantile(
            repeats.map((r) => r.e2e),
            0.5,
          ),
        ),
        ms(
          quantile(
            repeats.map((r) => r.e2e),
            0.95,
          ),
        ),
      ],
      [
        'as the caller waits (create + polling)',
        ms(
          quantile(
            repeats.map((r) => r.wall),
            0.5,
          ),
        ),
        ms(
          quantile(
            repeats.map((r) => r.wall),
            0.95,
          ),
        ),
      ],
    ]);
  });

  const throughput = [['workers', 'jobs', 'wall', 'jobs/minute']];
  for (const workers of [1, 2]) {
    progress(`${batch} generations at once with ${workers} worker(s)`);
    await withApp(workers, async (context) => {
      const generations = context.get(GenerationsService);
      const profile = await context.get(ProfilesService).create(caller.userId, { jsonResume: RESUME });
      const started = performance.now();
      const created = [];
      for (let n = 0; n < batch; n++) {
        created.push(
          await generations.create(caller, {
            candidate: { profileId: profile.id },
            job: { description: description(100 + workers * 50 + n) },
            provider: 'offline',
            reuse: false,
          }),
        );
      }
      await Promise.all(created.map((generation) => finished(generations, generation.id)));
      const wall = performance.now() - started;
      throughput.push([workers, batch, ms(wall), ((batch * 60_000) / wall).toFixed(0)]);
    });
  }
  console.log('\nthroughput (offline drafts; every render compiles)');
  table(throughput);
} finally {
  await gemini.stop();
  await services.stop();
}
