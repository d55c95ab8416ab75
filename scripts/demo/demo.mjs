#!/usr/bin/env node
// The end-to-end demo behind `npm run demo` (scripts/demo.sh runs the set-up first), over the built dist/ and
// the CLI's build (libs/client/dist). Offline by default (no key, no internet):
//   1. MongoDB (FerretDB when no mongod) and Redis, provisioned as the tests do (libs/testing/src/services);
//   2. a fake GitHub (libs/testing/src/fakes/github) serving every profile in examples/github/*.json;
//   3. the real API as a child process on a free port: offline LLM, GitHub pointed at the fake, generation
//      workers in-process, logs in out/logs;
//   4. the first admin and its key from the admin CLI (apps/cli), then everything else through the
//      `llmployable` CLI with its config file in out/.llmployable (never the user's home): login, a scoped
//      key, a profile from GitHub + the LinkedIn export, one tailored resume per job (examples/jobs), and an
//      application tracked for each;
//   5. page 1 of each PDF rendered to out/<job>/page-1.png (pdftoppm), then a summary with the match scores.
// With --live the same runs against the real GitHub (GITHUB_TOKEN, GITHUB_API_URL as set) and the LLM the
// environment configures (GEMINI_API_KEY, LLM_PROVIDER, OPENAI_*), for --github LOGIN.
// Everything it started is stopped at the end, on failure and on Ctrl-C. Exits non-zero on any failure.
/* global AbortSignal */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const OUT = join(root, 'out');
const CONFIG_FILE = join(OUT, '.llmployable', 'config.json');
const LOG_DIR = join(OUT, 'logs');
const API_MAIN = join(root, 'dist/apps/api/src/main.js');
const ADMIN_CLI = join(root, 'dist/apps/cli/src/main.js');
const USER_CLI = join(root, 'libs/client/dist/cjs/cli/bin.js');
const EXAMPLES = join(root, 'examples');
const EXAMPLE_LINKEDIN = join(EXAMPLES, 'linkedin', 'linkedin-export.zip');
/** Scopes of the key the demo works with (the admin key only creates it). */
const DEMO_SCOPES = ['generate', 'resumes:read', 'resumes:write', 'applications:read', 'applications:write'];
/** The caller's CLI settings never leak into the demo's CLI (it has its own config file and API). */
const CLI_ENV = ['LLMPLOYABLE_API_KEY', 'LLMPLOYABLE_API_URL', 'LLMPLOYABLE_CONFIG'];
/** Offline, nothing of the caller's environment may reach a real GitHub or LLM. */
const LIVE_ENV = ['GITHUB_TOKEN', 'GEMINI_API_KEY', 'GEMINI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL'];

const USAGE = `usage: npm run demo [-- options]
  --template classic|modern|compact   the resume template (default classic)
  --job FILE                          a job description (repeatable; default examples/jobs/*.md)
  --linkedin FILE.zip                 a LinkedIn export (default examples/linkedin/linkedin-export.zip offline)
  --live --github LOGIN               the real GitHub (GITHUB_TOKEN) and the configured LLM (GEMINI_API_KEY,
                                      LLM_PROVIDER, OPENAI_*) instead of the fake GitHub and the offline LLM`;
const started = performance.now();
const rel = (path) => relative(process.cwd(), path) || '.';
/** A command line as a user would type it. */
const shell = (args) => args.map((arg) => (/[\s"'()]/.test(arg) ? `"${arg}"` : arg)).join(' ');
const say = (message) => process.stdout.write(`[demo] ${message}\n`);
const warn = (message) => process.stderr.write(`[demo] ${message}\n`);

class DemoError extends Error {}
/** A wrong command line: exit code 2. */
class UsageError extends DemoError {}

// --- what is started is stopped: in reverse order, once, also on failure and Ctrl-C -------------------
const cleanups = [];
let stopping;
function stopAll() {
  stopping ??= (async () => {
    while (cleanups.length > 0) {
      const { name, stop } = cleanups.pop();
      try {
        await stop();
      } catch (error) {
        warn(`stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return stopping;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: the exit hooks kill what is left
    interrupted = true;
    warn(`${signal === 'SIGINT' ? 'interrupted' : signal}: stopping everything the demo started…`);
    void stopAll().finally(() => process.exit(130));
  });
}

function requireBuilt(path, what) {
  if (!existsSync(path)) throw new DemoError(`${rel(path)} is missing: ${what}`);
}

/** Runs a program to completion; stdout and stderr captured (stderr shown live when `showStderr`). */
function run(command, args, { env, input, showStderr = false, timeoutMs = 120_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', showStderr ? 'inherit' : 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        template: { type: 'string' },
        job: { type: 'string', multiple: true },
        linkedin: { type: 'string' },
        live: { type: 'boolean', default: false },
        github: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.live && !values.github) throw new UsageError(`--live needs --github LOGIN\n${USAGE}`);
  if (!values.live && values.github)
    throw new UsageError(
      `--github is for --live (offline, the fake GitHub serves examples/github)\n${USAGE}`,
    );
  const jobs = values.job?.map((file) => resolve(file)) ?? listFiles(join(EXAMPLES, 'jobs'), '.md');
  const linkedin = values.linkedin ? resolve(values.linkedin) : values.live ? undefined : EXAMPLE_LINKEDIN;
  for (const file of [...jobs, ...(linkedin ? [linkedin] : [])])
    if (!existsSync(file)) throw new DemoError(`${file} does not exist`);
  if (jobs.length === 0) throw new DemoError('no job descriptions (examples/jobs/*.md or --job FILE)');
  return { template: values.template, jobs, linkedin, live: values.live, github: values.github };
}

const listFiles = (dir, extension) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));

async function main() {
  const options = parseOptions(process.argv.slice(2));
  requireBuilt(API_MAIN, 'run `npm run build` (npm run demo does it)');
  requireBuilt(USER_CLI, 'the llmployable CLI is built by `npm run build` (libs/client/scripts/build.mjs)');
  const dist = (path) => require(join(root, 'dist', path));
  const { describeServices, findExecutable, getFreePort, ManagedProcess, startServices } =
    dist('libs/testing/src/services');
  const pdftoppm = findExecutable('pdftoppm', process.env);
  if (!pdftoppm)
    throw new DemoError('pdftoppm is missing: install poppler-utils (npm run demo does as root)');

  const jobs = options.jobs.map((path) => ({ path, slug: basename(path, extname(path)) }));
  // Only what this demo writes is replaced; anything else in ./out stays.
  for (const path of [CONFIG_FILE, LOG_DIR, ...jobs.map((job) => join(OUT, job.slug))])
    rmSync(path, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });

  // 1. Services.
  const services = await startServices({
    repoRoot: root,
    env: process.env,
    log: (m) => say(`services: ${m}`),
  });
  cleanups.push({ name: 'MongoDB and Redis', stop: () => services.stop() });
  say(describeServices(services));

  // 2. GitHub: the fake one with the example profiles, or (--live) the real one.
  const apiEnv = { ...process.env };
  for (const name of [...CLI_ENV, ...(options.live ? [] : LIVE_ENV)]) delete apiEnv[name];
  let login = options.github;
  if (!options.live) {
    const { FakeGithubServer } = dist('libs/testing/src/fakes/github');
    const github = new FakeGithubServer();
    await github.start();
    cleanups.push({ name: 'the fake GitHub server', stop: () => github.stop() });
    const logins = listFiles(join(EXAMPLES, 'github'), '.json').map((file) => {
      const seed = JSON.parse(readFileSync(file, 'utf8'));
      github.addUser(seed.user);
      github.addRepos(seed.user.login, seed.repos);
      return seed.user.login;
    });
    if (logins.length === 0) throw new DemoError('examples/github/*.json is missing');
    login = logins[0];
    Object.assign(apiEnv, { GITHUB_API_URL: github.url, LLM_PROVIDER: 'offline' });
    say(`fake GitHub at ${github.url} serving ${logins.join(', ')} (examples/github)`);
  }

  // 3. The API.
  const stamp = `demo_${Date.now().toString(36)}`;
  const port = await getFreePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  Object.assign(apiEnv, {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGODB_URI: services.mongo.uri,
    MONGODB_DB: `llmployable_${stamp}`,
    REDIS_URL: services.redis.url,
    REDIS_KEY_PREFIX: `llmployable_${stamp}`,
    GENERATION_IN_PROCESS_WORKERS: 'true',
    LOG_LEVEL: 'info',
    LOG_DIR,
  });
  const ready = async () => {
    const res = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`GET /health/ready answered ${res.status}`);
  };
  const { process: api } = await ManagedProcess.start(
    { name: 'the API', command: process.execPath, args: [API_MAIN], env: apiEnv, cwd: root, tailLines: 30 },
    ready,
    90_000,
  );
  cleanups.push({ name: 'the API', stop: () => api.stop() });
  const llm = options.live ? `LLM ${llmProvider(apiEnv)}` : 'offline LLM';
  say(`API ready at ${apiUrl} (${llm}, in-process workers; logs in ${rel(LOG_DIR)})`);

  // 4. The first admin (admin CLI), then the user CLI for everything else.
  const adminArgs = ['create-admin', '--email', 'demo@example.com', '--name', 'Demo Admin'];
  const admin = await run(process.execPath, [ADMIN_CLI, ...adminArgs], { env: apiEnv });
  const adminKey = admin.stdout.trim().split('\n').pop()?.trim() ?? '';
  if (admin.code !== 0 || !adminKey)
    throw new DemoError(`create-admin failed (exit ${admin.code}):\n${admin.stderr}${admin.stdout}`);
  say(`$ node ${rel(ADMIN_CLI)} ${shell(adminArgs)}  → an admin key (${adminKey.slice(0, 12)}…)`);

  const cliEnv = { ...apiEnv, LLMPLOYABLE_CONFIG: CONFIG_FILE };
  const llmployable = async (args, { input, progress = false } = {}) => {
    if (interrupted) throw new DemoError('interrupted');
    const shown = shell(args);
    say(`$ llmployable ${shown}${input ? ' (key on stdin)' : ''}`);
    const result = await run(process.execPath, [USER_CLI, '--json', ...args], {
      env: cliEnv,
      input,
      showStderr: progress,
      timeoutMs: 300_000,
    });
    if (result.code !== 0) {
      const apiState = api.running ? '' : `\nThe API has stopped; its last output:\n${api.tail()}`;
      throw new DemoError(
        `llmployable ${shown} failed (exit ${result.code}):\n${result.stderr}${result.stdout}${apiState}`,
      );
    }
    return JSON.parse(result.stdout);
  };

  await llmployable(['--api-url', apiUrl, 'login'], { input: `${adminKey}\n` });
  const created = await llmployable(['keys', 'create', '--name', 'demo', '--scopes', DEMO_SCOPES.join(',')]);
  if (typeof created.key !== 'string')
    throw new DemoError(`keys create printed no key: ${JSON.stringify(created)}`);
  await llmployable(['login'], { input: `${created.key}\n` });

  const profileArgs = ['profiles', 'create', '--github', login];
  if (options.linkedin) profileArgs.push('--linkedin', rel(options.linkedin));
  const profile = await llmployable(profileArgs);
  const name = profile.name ?? login;
  say(
    `profile ${profile.id}: ${name}, ${profile.profile?.skills?.length ?? 0} skills, ` +
      `${profile.profile?.positions?.length ?? 0} positions, ${profile.profile?.projects?.length ?? 0} projects`,
  );

  const results = [];
  for (const job of jobs) {
    const { title, company } = jobHeading(readFileSync(job.path, 'utf8'));
    const outDir = join(OUT, job.slug);
    const args = ['generate', '--profile', profile.id, '--job', rel(job.path), '--out', rel(outDir)];
    if (title) args.push('--job-title', title, '--title', `${name} — ${title}`);
    if (company) args.push('--company', company);
    if (options.template) args.push('--template', options.template);
    const generation = await llmployable(args, { progress: true });
    const pdf = generation.files?.pdf;
    if (!pdf || !existsSync(pdf)) throw new DemoError(`generate wrote no PDF for ${rel(job.path)}`);
    const png = join(outDir, 'page-1.png');
    const pngArgs = ['-png', '-r', '80', '-singlefile', '-f', '1', pdf, join(outDir, 'page-1')];
    const render = await run(pdftoppm, pngArgs, { env: process.env, timeoutMs: 30_000 });
    if (render.code !== 0 || !existsSync(png))
      throw new DemoError(`pdftoppm failed on ${rel(pdf)}: ${render.stderr}`);
    const report = JSON.parse(readFileSync(join(outDir, 'match.json'), 'utf8'));
    results.push({ ...job, title: title ?? job.slug, company, outDir, png, generation, match: report.match });
  }

  // The tracking side: one application per job, the best match sent.
  const ranked = [...results].sort((a, b) => (b.generation.score ?? 0) - (a.generation.score ?? 0));
  for (const result of ranked) {
    const args = ['applications', 'add', '--company', result.company ?? 'Unknown', '--role', result.title];
    args.push('--resume', result.generation.resumeId, '--tag', 'demo');
    result.application = await llmployable(args);
  }
  const sent = ranked[0].application.id;
  await llmployable(['applications', 'move', sent, 'applied', '--note', 'Sent with the tailored resume']);
  const tracked = await llmployable(['applications', 'list']);

  return summary({ name, live: options.live, results, tracked });
}

/** The provider the API's config chooses (libs/core/src/config/app-config.ts): LLM_PROVIDER, else by key. */
function llmProvider(env) {
  if (env.LLM_PROVIDER) return env.LLM_PROVIDER;
  if (env.GEMINI_API_KEY) return 'gemini';
  return env.OPENAI_API_KEY ? 'openai-compatible' : 'offline';
}

/** `# Senior Platform Engineer (Go, Kubernetes) — Halcyon Grid` → its title and company. */
function jobHeading(markdown) {
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim();
  if (!heading) return {};
  const [title, company] = heading.split(/\s+[—–-]\s+/);
  return { title: title?.trim(), company: company?.trim() };
}

/** What the demo made, for after everything is stopped. */
function summary({ name, live, results, tracked }) {
  const rows = [['job', 'score', 'matched', 'partial', 'missing', 'fact check', 'pages', 'role']];
  for (const r of results) {
    const counts = r.match?.counts ?? {};
    rows.push([
      r.slug,
      `${r.generation.score ?? '—'}/100`,
      String(counts.matched ?? '—'),
      String(counts.partial ?? '—'),
      String(counts.missing ?? '—'),
      r.generation.factCheck ?? '—',
      String(r.generation.pages),
      `${r.title}${r.company ? ` at ${r.company}` : ''}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const who = live ? name : `${name} (a fictional developer, see examples/README.md)`;
  const out = ['', `Tailored resumes for ${who}:`, '', line(rows[0]), line(widths.map((w) => '-'.repeat(w)))];
  out.push(...rows.slice(1).map(line), '');
  for (const r of results) {
    const terms = r.match?.terms ?? [];
    const names = (status) =>
      terms
        .filter((term) => term.status === status && term.importance === 'must')
        .map((term) => term.canonical)
        .slice(0, 6)
        .join(', ') || '—';
    const files = [...Object.values(r.generation.files ?? {}), r.png].map((path) => basename(path));
    out.push(`${rel(r.outDir)}/: ${files.join(', ')}`);
    out.push(`  must-haves matched: ${names('matched')}`, `  must-haves missing: ${names('missing')}`);
    if (r.generation.degraded) out.push('  the LLM draft failed: the offline draft was used (degraded)');
    if (r.generation.reusedFrom) out.push(`  reused the identical generation ${r.generation.reusedFrom}`);
  }
  out.push('', 'Applications tracked:');
  for (const a of tracked) out.push(`  ${a.status.padEnd(9)} ${a.role} at ${a.company}`);
  out.push('', `The CLI's config (its key): ${rel(CONFIG_FILE)}; the API's logs: ${rel(LOG_DIR)}/`);
  return out.join('\n');
}

let exitCode = 0;
let report;
try {
  report = await main();
} catch (error) {
  exitCode = error instanceof UsageError ? 2 : 1;
  if (!interrupted) {
    const message = error instanceof DemoError ? error.message : (error?.stack ?? String(error));
    warn(`FAILED: ${message}`);
  }
} finally {
  await stopAll();
}
if (!interrupted) {
  if (report) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${report}\n\nEverything the demo started is stopped. Demo done in ${seconds} s.\n`);
  }
  process.exit(exitCode);
}
