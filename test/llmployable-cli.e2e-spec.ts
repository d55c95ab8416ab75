/**
 * The `llmployable` CLI as users run it: the built binary (libs/client/dist/cjs/cli/bin.js, from `npm run
 * build`) as a subprocess, against the live API (real services, fake GitHub), with its own HOME and config
 * file. Login, generate with progress, downloads, the applications flow, keys, --json, errors and exit codes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { FakeGithubServer } from '@app/testing/fakes/github';
import { GENERATION_STEPS } from '../libs/generation/src/generation.schema';

import { adaJsonResume } from '../libs/evidence/src/profile/testing/profile-sources.fixture';

const BIN = join(__dirname, '..', 'libs/client/dist/cjs/cli/bin.js');

const JOB =
  'Senior Backend Engineer at Ledgerline\n\nRequirements:\n- 5+ years of backend development in Go\n' +
  '- PostgreSQL and Kafka in production\n- Kubernetes\n\nNice to have:\n- TypeScript\n- Terraform\n';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const JOB2 =
  'Platform Engineer\n\nRequirements:\n- Kubernetes and Terraform\n- TypeScript services\n- Redis\n\n' +
  'Nice to have:\n- Go\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('llmployable CLI (the built binary, as a subprocess)', () => {
  const github = new FakeGithubServer();
  let t: TestApp;
  let apiUrl: string;
  let user: TestUser;
  let home: string;
  let configFile: string;
  let profileId: string;

  /** Runs the binary with a clean environment: only what a user's shell would have, plus `env`. */
  function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: home,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          LLMPLOYABLE_API_URL: apiUrl,
          ...options.env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  }
  const json = <T = Record<string, unknown>>(run: Run): T => {
    expect(run.stderr.includes('error:') ? run.stderr : '', 'stderr').toBe('');
    return JSON.parse(run.stdout) as T;
  };

  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
    await github.start();
    github.addUser({ login: 'ada-cli', name: 'Ada King', bio: 'Backend engineer in Go', location: 'London' });
    github.addRepo('ada-cli', {
      name: 'ledger-lite',
      description: 'A double-entry ledger in Go with PostgreSQL and Kafka',
      languages: { Go: 52_000 },
      topics: ['postgresql', 'kafka', 'kubernetes'],
      readme:
        '# ledger-lite\n\nA double-entry ledger in Go, stored in PostgreSQL, events on Kafka, on Kubernetes.\n',
      stars: 40,
    });
    t = await startTestApp({
      env: { GITHUB_API_URL: github.url, GITHUB_RETRY_DELAY_UNIT_MS: '1', LLM_PROVIDER: 'offline' },
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    apiUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    user = await createTestUser(t);
    home = await mkdtemp(join(tmpdir(), 'llmployable-cli-'));
    configFile = join(home, '.config', 'llmployable', 'config.json');
    await writeFile(join(home, 'job.md'), JOB);
    await writeFile(join(home, 'job2.md'), JOB2);
    await writeFile(join(home, 'resume.json'), JSON.stringify(adaJsonResume()));
  });
  afterAll(async () => {
    await t?.close();
    await github.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('without a key: exit 3 and says how to log in', async () => {
    const run = await cli(['resumes', 'list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: not logged in\n.*llmployable login.*LLMPLOYABLE_API_KEY/);
  });

  it('login refuses a wrong key (exit 3, nothing stored), then stores a good one in a 0600 file', async () => {
    const wrong = await cli(['login'], { input: 'llm_wrong_key_0000000000000000000000\n' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.split('\n')[0]).toMatch(/^error: .*\(401 unauthenticated\)/);
    expect(existsSync(configFile)).toBe(false);

    const good = await cli(['login'], { input: `${user.key}\n` });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`key ${user.keyPrefix}`);
    const stored = JSON.parse(await readFile(configFile, 'utf8')) as { apiKey: string; apiUrl: string };
    expect(stored).toEqual({ apiKey: user.key, apiUrl });
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, '.config', 'llmployable'))).mode & 0o777).toBe(0o700);

    const whoami = json<{ user: { id: string } }>(await cli(['whoami', '--json']));
    expect(whoami.user.id).toBe(user.id);
  });

  it('LLMPLOYABLE_API_KEY works without any config file', async () => {
    const run = await cli(['--json', 'whoami'], {
      env: { LLMPLOYABLE_API_KEY: user.key, LLMPLOYABLE_CONFIG: join(home, 'none.json') },
    });
    expect(run.code).toBe(0);
    expect(json<{ key: { keyId: string } }>(run).key.keyId).toBe(user.keyId);
  });

  it('profiles create from a JSON Resume file', async () => {
    const run = await cli(['profiles', 'create', '--json-resume', 'resume.json', '--json']);
    const profile = json<{ id: string; skillCount: number }>(run);
    expect(profile.skillCount).toBeGreaterThan(3);
    profileId = profile.id;
  });

  it('generate: progress on stderr step by step, the PDF, TeX, Markdown and match report written', async () => {
    const run = await cli(['generate', '--profile', profileId, '--job', 'job.md', '--out', 'out/ledgerline']);
    expect(run.stderr, run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const steps = [...run.stderr.matchAll(/^step (\w+) done in \d+ ms \((\d+)%\)$/gm)];
    expect(steps.map((m) => m[1])).toEqual([...GENERATION_STEPS]);
    const progress = steps.map((m) => Number(m[2]));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('done (100%)');
    expect(run.stdout).toMatch(/^Resume \w+ version 1 \(1 page\), match score \d+\/100, fact check pass/);

    const out = join(home, 'out/ledgerline');
    expect((await readFile(join(out, 'resume.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readFile(join(out, 'resume.tex'), 'utf8')).toContain('\\begin{document}');
    expect(await readFile(join(out, 'resume.md'), 'utf8')).toContain('Ada');
    const report = await readFile(join(out, 'match.md'), 'utf8');
    expect(report).toMatch(/\*\*Score: \d+\/100\*\*/);
    expect(report).toMatch(/\| Go \| must \| matched \|/);
    const match = JSON.parse(await readFile(join(out, 'match.json'), 'utf8')) as {
      match: { terms: unknown[] };
    };
    expect(match.match.terms.length).toBeGreaterThan(3);
  });

  it('generate --github with the job on stdin and --json: one JSON document on stdout', async () => {
    const run = await cli(
      ['generate', '--github', 'ada-cli', '--job', '-', '--out', 'out/gh', '--json', '--quiet'],
      {
        input: JOB,
      },
    );
    expect(run.stderr).toBe('');
    const result = json<{ score: number; resumeId: string; version: number; files: Record<string, string> }>(
      run,
    );
    expect(result.score).toBeGreaterThan(0);
    expect(Object.keys(result.files).sort()).toEqual(
      ['json-resume', 'markdown', 'matchJson', 'matchReport', 'pdf', 'tex'].sort(),
    );
    for (const file of Object.values(result.files)) expect(existsSync(file)).toBe(true);
  });

  it('resumes list, show, download and diff', async () => {
    const first = json<{ resumeId: string; version: number }>(
      await cli([
        'generate',
        '--profile',
        profileId,
        '--job',
        'job.md',
        '--out',
        'out/v1',
        '--json',
        '--quiet',
      ]),
    );
    const again = (resumeId: string, ...args: string[]) =>
      cli([
        'generate',
        '--profile',
        profileId,
        '--resume',
        resumeId,
        '--fresh',
        '--json',
        '--quiet',
        ...args,
      ]);
    // The same job for another template: the same document, rendered differently — a new version.
    const compact = json<{ version: number }>(
      await again(first.resumeId, '--job', 'job.md', '--template', 'compact', '--out', 'out/v2'),
    );
    expect(compact.version).toBe(first.version + 1);
    // Another job: another tailoring of the same evidence.
    const second = json<{ version: number }>(
      await again(first.resumeId, '--job', 'job2.md', '--out', 'out/v3'),
    );
    expect(second.version).toBe(compact.version + 1);

    const listed = json<{ id: string }[]>(await cli(['resumes', 'list', '--json']));
    expect(listed.map((r) => r.id)).toContain(first.resumeId);
    const table = await cli(['resumes', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+VERSION\s+UPDATED\s+TITLE$/);

    const shown = await cli(['resumes', 'show', first.resumeId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^${second.version}\\s+generation`, 'm'));

    const download = await cli([
      'resumes',
      'download',
      first.resumeId,
      '--format',
      'markdown',
      '--out',
      'cv.md',
    ]);
    expect(download.code).toBe(0);
    expect(await readFile(join(home, 'cv.md'), 'utf8')).toContain('Ada');
    const pdf = await cli(['resumes', 'download', first.resumeId, '--version', '1']);
    expect(pdf.stdout).toContain(`${first.resumeId}-v1.pdf`);

    const diff = await cli([
      'resumes',
      'diff',
      first.resumeId,
      String(first.version),
      String(second.version),
    ]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/^[-+]/m);
  });

  it('applications: add with a resume, move, note, list by status, show the timeline; a wrong move exits 5', async () => {
    const [resume] = json<{ id: string }[]>(await cli(['resumes', 'list', '--json', '--limit', '1']));
    const added = json<{ id: string; status: string; resume: { version: number } }>(
      await cli([
        'applications',
        'add',
        '--company',
        'Ledgerline',
        '--role',
        'Backend',
        '--resume',
        resume.id,
        '--json',
      ]),
    );
    expect(added.status).toBe('draft');
    expect(added.resume.version).toBeGreaterThan(0);
    const moved = await cli(['applications', 'move', added.id, 'applied', '--note', 'sent via the portal']);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/: applied; next: screening/);
    expect((await cli(['applications', 'note', added.id, 'Recruiter', 'called'])).code).toBe(0);

    const applied = json<{ id: string }[]>(
      await cli(['applications', 'list', '--status', 'applied', '--json']),
    );
    expect(applied.map((a) => a.id)).toEqual([added.id]);
    const drafts = json<unknown[]>(await cli(['applications', 'list', '--status', 'draft', '--json']));
    expect(drafts).toEqual([]);
    const shown = await cli(['applications', 'show', added.id]);
    expect(shown.stdout).toMatch(/status_changed → applied: sent via the portal/);
    expect(shown.stdout).toMatch(/note: Recruiter called/);

    const wrong = await cli(['applications', 'move', added.id, 'draft']);
    expect(wrong.code).toBe(5);
    const lines = wrong.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: .+ \(409 invalid_transition\): /);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}allowed: .*screening/));
    const unknown = await cli(['applications', 'move', added.id, 'hired']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown status "hired"/);
  });

  it('keys create (the secret once), list, revoke: the revoked key then fails with exit 3', async () => {
    const created = json<{ id: string; key: string }>(
      await cli(['keys', 'create', '--name', 'ci', '--scopes', 'resumes:read', '--json']),
    );
    const listed = json<{ id: string; status: string }[]>(await cli(['keys', 'list', '--json']));
    expect(listed.find((k) => k.id === created.id)?.status).toBe('active');
    const ci = { env: { LLMPLOYABLE_API_KEY: created.key } };
    expect((await cli(['resumes', 'list'], ci)).code).toBe(0);
    expect((await cli(['applications', 'list'], ci)).code).toBe(3);
    expect((await cli(['keys', 'revoke', created.id])).stdout).toMatch(/^Revoked key/);
    const revoked = await cli(['resumes', 'list'], ci);
    expect(revoked.code).toBe(3);
    expect(revoked.stderr.split('\n')[0]).toMatch(/^error: .*\(401 unauthenticated\)/);
  });

  it('errors: usage 2, not found 4, rejected input 5, failed generation 6, API down 8 — one clear line each', async () => {
    const cases: [string[], number, RegExp][] = [
      [['frobnicate'], 2, /^llmployable: unknown command "frobnicate"/],
      [['generate', '--profile', 'x'], 2, /^error: --job is required/],
      [['generate', '--profile', 'x', '--github', 'y', '--job', 'job.md'], 2, /^error: give exactly one of/],
      [
        ['generate', '--profile', profileId, '--job', 'missing.md'],
        2,
        /^error: cannot read the job description/,
      ],
      [['resumes', 'show', '665f1c2e9b1d8a3f4c2e1a0b'], 4, /^error: .*\(404 \w+\): /],
      [
        ['applications', 'add', '--company', 'X', '--role', 'y'.repeat(300)],
        5,
        /^error: .*\(400 validation_failed\)/,
      ],
      [
        ['generate', '--github', 'nobody-here', '--job', 'job.md', '--out', 'out/x'],
        6,
        /^error: generation \w+ failed/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const run = await cli(args);
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(
        run.stderr.split('\n').find((line) => line.startsWith('error:') || line.startsWith('llmployable:')),
      ).toMatch(message);
    }
    const validation = await cli(['applications', 'add', '--company', 'X', '--role', 'y'.repeat(300)]);
    expect(validation.stderr).toMatch(/\n {2}role: /);

    const closed = await closedPort();
    const down = await cli(['resumes', 'list'], {
      env: { LLMPLOYABLE_API_URL: `http://127.0.0.1:${closed}` },
    });
    expect(down.code).toBe(8);
    expect(down.stderr).toContain(`error: cannot reach the API at http://127.0.0.1:${closed} (ECONNREFUSED)`);
    const broken = join(home, 'broken.json');
    await writeFile(broken, '{not json');
    const unreadable = await cli(['resumes', 'list'], { env: { LLMPLOYABLE_CONFIG: broken } });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^error: .*broken\.json is not valid JSON\nFix it, or delete it/);
    expect(unreadable.stderr).not.toMatch(/\n\s+at /); // no stack trace for an expected failure

    // Global flags after the command, with `=` or a separate value.
    const after = await cli(['resumes', 'list', '--json', `--api-url=${apiUrl}`], {
      env: { LLMPLOYABLE_API_URL: `http://127.0.0.1:${closed}` },
    });
    expect(after.code).toBe(0);
    expect(Array.isArray(JSON.parse(after.stdout))).toBe(true);
    const missing = await cli(['resumes', 'list', '--api-url']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: --api-url needs a value/);

    const help = await cli(['generate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: llmployable generate/);
  });
});
