#!/usr/bin/env node
// `npm run bench:crud`: 30 s of mixed resume reads and writes at 32 connections against ONE API process
// (the built app, spawned as its own process), then checks that every acknowledged write is in MongoDB:
// zero lost, zero 5xx. The same load shape against a bare NestJS-on-Fastify route (its own process) in
// the same run is the baseline. Bounded: each phase stops after BENCH_DURATION seconds.
//   BENCH_DURATION (default 30), BENCH_CONNECTIONS (default 32)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const mongoose = require('mongoose');
const { describeServices, getFreePort, startServices } = require(
  join(root, 'dist/libs/testing/src/services'),
);

const duration = Number(process.env.BENCH_DURATION ?? 30);
const progress = (message) => process.stderr.write(`[bench:crud] ${message}\n`);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** Spawns a node script and resolves once its output matches `ready`. */
function startProcess(args, env, ready) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} was not ready within 60 s:\n${(output ?? '').slice(-2000)}`));
    }, 60_000);
    const onData = (chunk) => {
      if (output === null) return; // ready: the rest is drained, not kept
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      output = null;
      clearTimeout(timeout);
      resolve({
        child,
        match,
        stop: () =>
          new Promise((done) => {
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => done(clearTimeout(kill)));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`${args[0]} exited with ${code}:\n${(output ?? '').slice(-2000)}`));
    });
  });
}

function summary(result) {
  const fivexx = result['5xx'] ?? 0;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    fivexx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
console.log(describeServices(services));
const dbName = `bench_crud_${Date.now()}`;
const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  MONGODB_URI: services.mongo.uri,
  MONGODB_DB: dbName,
  REDIS_URL: services.redis.url,
  REDIS_KEY_PREFIX: dbName,
  CORS_ORIGINS: 'https://app.example.com',
  RATE_LIMIT_READ: '1000000',
  RATE_LIMIT_WRITE: '1000000',
};
let exitCode = 0;
try {
  // Baseline: the bare route, same connections and duration.
  const bare = await startProcess([join(root, 'scripts/bench/bare-nest.mjs'), '0'], {}, /listening (\d+)/);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/ok`;
  progress(`baseline: bare NestJS route for ${duration} s`);
  await autocannon({ url: bareUrl, connections, duration: 2 });
  const baseline = summary(await autocannon({ url: bareUrl, connections, duration }));
  progress('baseline measured; stopping it');
  await bare.stop();

  // The API, with an admin key from the CLI (the only way to get a first key).
  const cli = await startProcess(
    [join(root, 'dist/apps/cli/src/main.js'), 'create-admin', '--email', 'bench@example.com'],
    env,
    /^(llm_\S+)$/m,
  );
  const key = cli.match[1];
  const port = await getFreePort();
  // Production logging (one JSON line per request) to a pipe that is drained, like a log collector.
  const api = await startProcess(
    [join(root, 'dist/apps/api/src/main.js')],
    { ...env, PORT: String(port) },
    /API listening/,
  );
  const base = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const document = (n) => ({
    basics: { name: `Bench ${n}`, label: 'Engineer' },
    skills: [{ name: 'Languages', items: [{ name: 'TypeScript' }] }],
    experience: [
      {
        company: 'Acme',
        position: 'Engineer',
        startDate: '2020',
        bullets: [{ text: `Shipped feature ${n}` }],
      },
    ],
    projects: [],
    education: [],
    certifications: [],
    languages: [],
  });
  progress(`baseline done (${baseline.rps} req/s); creating the admin key and starting the API`);
  // One resume per connection to edit (so edits do not all race for one resume) and one to read.
  const seeded = [];
  for (let i = 0; i < connections + 1; i++) {
    const res = await fetch(`${base}/api/v1/resumes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: `Seed ${i}`, document: document(i) }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    seeded.push((await res.json()).id);
  }
  const readId = seeded[connections];

  const created = new Map(); // title -> id acknowledged by a 201
  const edits = []; // every acknowledged edit: { id, version, summary }
  let conflicts = 0; // 409 edit_conflict: refused, not lost (edits race for the same resume)
  let counter = 0;
  let connectionIndex = 0;
  const step = (method, setup, onResponse) => ({ method, setupRequest: setup, onResponse, headers });
  // Writes: each create has a unique title, so every acknowledged one can be found afterwards.
  const createStep = step(
    'POST',
    (req, context) => {
      context.title = `Bench resume ${++counter}`;
      return {
        ...req,
        path: '/api/v1/resumes',
        body: JSON.stringify({ title: context.title, tags: ['bench'], document: document(counter) }),
      };
    },
    (status, body, context) => {
      if (status === 201) created.set(context.title, JSON.parse(body).id);
    },
  );
  const requests = [
    step('GET', (req) => ({ ...req, path: `/api/v1/resumes/${readId}` })),
    step('GET', (req) => ({ ...req, path: `/api/v1/resumes/${readId}/versions/1` })),
    step('GET', (req) => ({ ...req, path: '/api/v1/resumes?limit=10' })),
    step('GET', (req) => ({ ...req, path: `/api/v1/resumes/${readId}` })),
    step('GET', (req) => ({ ...req, path: `/api/v1/resumes/${readId}/versions/1/artifacts/markdown` })),
    step('GET', (req) => ({ ...req, path: '/api/v1/resumes?limit=10&tag=bench' })),
    step('GET', (req) => ({ ...req, path: `/api/v1/resumes/${readId}/versions` })),
    createStep,
    createStep,
    step(
      'PATCH',
      (req, context) => {
        // autocannon resets `context` every loop, so edits spread over the seeded resumes round-robin.
        context.editId = seeded[connectionIndex++ % connections];
        context.summary = `edit ${++counter}`;
        return {
          ...req,
          path: `/api/v1/resumes/${context.editId}`,
          body: JSON.stringify({ document: { summary: context.summary } }),
        };
      },
      (status, body, context) => {
        if (status === 200) {
          const resume = JSON.parse(body);
          edits.push({ id: context.editId, version: resume.currentVersion, summary: context.summary });
        } else if (status === 409) conflicts++;
      },
    ),
  ];
  progress(`seeded; mixed load for ${duration} s`);
  await autocannon({ url: base, connections, duration: 2, requests }); // warm-up (its writes are checked too)
  const mixed = summary(await autocannon({ url: base, connections, duration, requests }));
  await api.stop();

  // Every acknowledged write must be in the database.
  const connection = await mongoose.createConnection(services.mongo.uri, { dbName }).asPromise();
  const ids = [...created.values()].map((id) => new mongoose.Types.ObjectId(id));
  const foundResumes = await connection.collection('resumes').countDocuments({ _id: { $in: ids } });
  const foundVersions = await connection
    .collection('resume_versions')
    .countDocuments({ resumeId: { $in: ids }, number: 1 });
  let lostEdits = 0;
  for (const { id, version, summary } of edits) {
    const stored = await connection
      .collection('resume_versions')
      .findOne({ resumeId: new mongoose.Types.ObjectId(id), number: version });
    if (!stored || JSON.parse(stored.documentJson).summary !== summary) lostEdits++;
  }
  await connection.close();
  const lost = ids.length - foundResumes + (ids.length - foundVersions) + lostEdits;

  console.log(`\n${connections} connections, ${duration} s per phase, ${new Date().toISOString()}`);
  console.log(
    'phase'.padEnd(44),
    'req/s'.padStart(7),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'requests'.padStart(9),
    '5xx'.padStart(5),
  );
  const row = (name, r) =>
    console.log(
      name.padEnd(44),
      String(r.rps).padStart(7),
      String(r.p50).padStart(7),
      String(r.p99).padStart(7),
      String(r.total).padStart(9),
      String(r.fivexx).padStart(5),
    );
  row('bare Nest+Fastify GET /ok (baseline)', baseline);
  row('resumes: 70% reads / 30% writes', mixed);
  console.log(`mixed vs baseline: ${Math.round((mixed.rps / baseline.rps) * 100)}% of the requests/s`);
  console.log(
    `acknowledged writes: ${created.size} creates, ${edits.length} edits (each checked: that version holds that edit); ${conflicts} edits refused with 409`,
  );
  console.log(
    `lost acknowledged writes: ${lost}; 5xx: ${mixed.fivexx}; socket errors: ${mixed.errors}; timeouts: ${mixed.timeouts}`,
  );
  const unexpected = mixed.non2xx - conflicts;
  console.log(`non-2xx other than 409 conflicts: ${unexpected}`);
  if (lost > 0 || mixed.fivexx > 0 || unexpected > 0) exitCode = 1;
} finally {
  await services.stop();
}
process.exit(exitCode);
