/**
 * Structural checks of the production packaging: Dockerfile, docker-compose.yml and the CI workflow.
 * Docker cannot run here, so these assert the facts a deployment depends on rather than building anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

type Dict = Record<string, unknown>;
const dict = (value: unknown, what: string): Dict => {
  expect(value, `${what} should be a mapping`).toBeTypeOf('object');
  expect(value, `${what} should be a mapping`).not.toBeNull();
  return value as Dict;
};
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const APP_ENV_VARS = [
  'NODE_ENV',
  'PORT',
  'MONGODB_URI',
  'REDIS_URL',
  'LOG_LEVEL',
  'CORS_ORIGINS',
  'BODY_LIMIT_BYTES',
  'TRUST_PROXY',
  'FEATURE_FLAGS',
];
const LATEX_PACKAGES = [
  'texlive-latex-base',
  'texlive-latex-recommended',
  'texlive-fonts-recommended',
  'lmodern',
  'texlive-latex-extra',
  'poppler-utils',
];

/** Dockerfile instructions (continuations joined), grouped by stage. */
function dockerStages(source: string): { from: string; name?: string; instructions: string[] }[] {
  const instructions = source
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { from: string; name?: string; instructions: string[] }[] = [];
  for (const instruction of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(instruction);
    if (from) stages.push({ from: from[1], name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

describe('Dockerfile', () => {
  const source = read('Dockerfile');
  const stages = dockerStages(source);
  const runtime = stages.at(-1)!;
  const find = (keyword: string) =>
    runtime.instructions.filter((i) => i.toUpperCase().startsWith(`${keyword} `));

  it('is multi-stage on Node 20 bookworm-slim: deps (npm ci), build (build + prune), runtime', () => {
    expect(source).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    expect(stages[0].from).toBe('${NODE_IMAGE}');
    expect(stages[2].from).toBe('${NODE_IMAGE}');
    expect(stages[0].instructions.join('\n')).toMatch(/npm ci/);
    expect(stages[1].instructions.join('\n')).toMatch(/npm run build && npm prune --omit=dev/);
    // The runtime copies build output and production node_modules only, never sources.
    const copies = find('COPY');
    expect(copies.every((c) => c.includes('--from=build'))).toBe(true);
    expect(copies.join('\n')).toMatch(/\/app\/dist/);
    expect(copies.join('\n')).toMatch(/\/app\/node_modules/);
  });

  it('installs texlive, poppler and tini without recommends in the runtime stage', () => {
    const apt = find('RUN').find((r) => r.includes('apt-get install'));
    expect(apt).toBeDefined();
    expect(apt).toContain('--no-install-recommends');
    for (const pkg of [...LATEX_PACKAGES, 'tini']) expect(apt!.split(/\s+/)).toContain(pkg);
    expect(apt).toContain('rm -rf /var/lib/apt/lists/*');
  });

  it('runs as a numeric non-root user under tini, API by default', () => {
    const users = find('USER');
    expect(users).toHaveLength(1);
    const uid = users[0].split(/\s+/)[1].split(':')[0];
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(find('ENTRYPOINT')).toEqual(['ENTRYPOINT ["/usr/bin/tini", "--"]']);
    expect(find('CMD')).toEqual(['CMD ["node", "dist/apps/api/src/main.js"]']);
    expect(source).toMatch(/NODE_ENV=production/);
  });

  it('has a HEALTHCHECK that GETs /health with node (no curl in slim images)', () => {
    const healthchecks = find('HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]).toMatch(/CMD \["node", "-e", ".*path:'\/health'.*"\]/);
    expect(healthchecks[0]).not.toMatch(/curl|wget/);
  });

  it('keeps secrets, VCS data and local builds out of the context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', '.env', '.env.*', 'node_modules', 'dist', 'coverage'])
      expect(ignored).toContain(entry);
  });
});

describe('docker-compose.yml', () => {
  const compose = dict(parse(read('docker-compose.yml'), { merge: true }), 'compose file');
  const services = dict(compose.services, 'services');
  const service = (name: string) => dict(services[name], `service ${name}`);

  it('defines api, worker, mongo:7, redis:7 and nginx', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'bootstrap', 'mongo', 'nginx', 'redis', 'worker']);
    // The first admin comes from the CLI, run once by the bootstrap service.
    expect(service('bootstrap').command).toEqual([
      'node',
      'dist/apps/cli/src/main.js',
      'create-admin',
      '--if-none',
    ]);
    expect(service('bootstrap').restart).toBe('no');
    expect(
      dict(service('bootstrap').environment, 'bootstrap.environment').BOOTSTRAP_ADMIN_EMAIL,
    ).toBeDefined();
    expect(service('mongo').image).toBe('mongo:7');
    expect(service('redis').image).toBe('redis:7');
    expect(String(service('nginx').image)).toMatch(/^nginx:/);
  });

  it('runs api and worker from the same image with their own entry points', () => {
    expect(service('api').image).toBe(service('worker').image);
    expect(service('api').command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(service('worker').command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it.each(['api', 'worker'])(
    'gives %s every variable the app reads, pointing at the compose services',
    (name) => {
      const env = dict(service(name).environment, `${name}.environment`);
      for (const variable of APP_ENV_VARS) expect(env, variable).toHaveProperty(variable);
      expect(String(env.MONGODB_URI)).toMatch(/^mongodb:\/\/.*@mongo:27017\//);
      expect(String(env.REDIS_URL)).toMatch(/^redis:\/\/.*@redis:6379$/);
      expect(env.TRUST_PROXY).toBe('true');
      expect(env.HOST).toBe('0.0.0.0');
    },
  );

  it.each(['api', 'worker'])(
    'health-checks %s on GET /health and starts it after healthy mongo and redis',
    (name) => {
      const healthcheck = dict(service(name).healthcheck, `${name}.healthcheck`);
      const test = list(healthcheck.test).map(String);
      expect(test[0]).toBe('CMD');
      expect(test.join(' ')).toContain("path:'/health'");
      const dependsOn = dict(service(name).depends_on, `${name}.depends_on`);
      expect(dependsOn.mongo).toEqual({ condition: 'service_healthy' });
      expect(dependsOn.redis).toEqual({ condition: 'service_healthy' });
    },
  );

  it('health-checks mongo, redis and nginx too', () => {
    for (const name of ['mongo', 'redis', 'nginx']) expect(service(name).healthcheck, name).toBeDefined();
  });

  it('publishes only nginx, which proxies to a healthy api with the committed config', () => {
    for (const name of ['api', 'worker', 'mongo', 'redis']) expect(service(name).ports, name).toBeUndefined();
    // deploy/nginx.conf listens on 8080 (unprivileged).
    expect(list(service('nginx').ports)).toEqual(['${HTTP_PORT:-8080}:8080']);
    expect(list(service('nginx').volumes)).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(dict(service('nginx').depends_on, 'nginx.depends_on').api).toEqual({
      condition: 'service_healthy',
    });
    // nginx shares a network with the api but not with the databases.
    const networks = (name: string) => list(service(name).networks).map(String);
    expect(networks('nginx').some((n) => networks('api').includes(n))).toBe(true);
    expect(networks('nginx').some((n) => networks('mongo').includes(n))).toBe(false);
  });

  it('persists data and keeps Redis safe for BullMQ (no eviction)', () => {
    expect(list(service('mongo').volumes).join()).toContain(':/data/db');
    expect(list(service('redis').volumes).join()).toContain(':/data');
    const command = list(service('redis').command).map(String);
    expect(command[command.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
  });
});

describe('.github/workflows/ci.yml', () => {
  const workflow = dict(parse(read('.github/workflows/ci.yml')), 'workflow');
  const jobs = dict(workflow.jobs, 'jobs');
  const job = (id: string) => dict(jobs[id], `job ${id}`);
  const steps = (id: string) => list(job(id).steps).map((s) => dict(s, `a step of ${id}`));
  const runs = (id: string) =>
    steps(id)
      .map((s) => String(s.run ?? ''))
      .join('\n');
  const needs = (id: string) => list(job(id).needs).map(String);
  const onMainOnly = /github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/;

  it('runs on pull requests and on pushes to main', () => {
    const on = dict(workflow.on, 'on');
    expect(on).toHaveProperty('pull_request');
    expect(dict(on.push, 'on.push').branches).toEqual(['main']);
  });

  it('lints and type-checks', () => {
    expect(runs('lint')).toMatch(/^npm run lint$/m);
    expect(runs('typecheck')).toMatch(/^npm run typecheck$/m);
  });

  it('tests against mongo:7 and redis:7 service containers with a coverage report and an 80% line threshold', () => {
    const services = dict(job('test').services, 'test.services');
    expect(dict(services.mongo, 'mongo').image).toBe('mongo:7');
    expect(dict(services.redis, 'redis').image).toBe('redis:7');
    const env = dict(job('test').env, 'test.env');
    expect(String(env.MONGODB_URI)).toMatch(/^mongodb:\/\/127\.0\.0\.1:27017/);
    expect(String(env.REDIS_URL)).toMatch(/^redis:\/\/127\.0\.0\.1:6379/);
    expect(env.COVERAGE).toBe('1');
    expect(env.COVERAGE_MIN_LINES).toBe('80');
    expect(runs('test')).toMatch(/^npm test$/m);
    expect(runs('test')).toContain('t.lines.pct < min');
    // The nginx config test needs nginx; the PDF tests need LaTeX.
    expect(runs('test')).toMatch(/apt-get install .*\$LATEX_PACKAGES nginx/);
    const upload = steps('test').find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(String(dict(upload?.with, 'upload.with').path)).toContain('coverage/');
  });

  it('checks the committed OpenAPI document for drift and lints it', () => {
    const script = runs('openapi');
    expect(script).toMatch(/^npm run openapi$/m);
    expect(script).toMatch(/^git diff --exit-code -- openapi\.yaml$/m);
    expect(script).toMatch(/^npm run openapi:lint$/m);
    expect(script.indexOf('npm run openapi\n')).toBeLessThan(script.indexOf('git diff'));
  });

  it('audits dependencies', () => {
    expect(runs('audit')).toMatch(/^npm audit --omit=dev --audit-level=high$/m);
    expect(runs('audit')).toMatch(/^npm audit signatures$/m);
  });

  it('builds the image after every check and pushes it only on main', () => {
    expect(needs('image').sort()).toEqual(['audit', 'lint', 'openapi', 'test', 'typecheck']);
    expect(String(dict(job('image').env, 'image.env').PUSH)).toMatch(onMainOnly);
    const build = steps('image').find((s) => String(s.uses).startsWith('docker/build-push-action@'));
    expect(dict(build?.with, 'build.with').push).toBe("${{ env.PUSH == 'true' }}");
    expect(dict(job('image').permissions, 'image.permissions').packages).toBe('write');
  });

  it('deploys to staging on main, then to production behind the production environment', () => {
    const staging = job('deploy-staging');
    expect(String(staging.if)).toMatch(onMainOnly);
    expect(needs('deploy-staging')).toContain('image');
    expect(dict(staging.environment, 'staging.environment').name).toBe('staging');

    const production = job('deploy-production');
    expect(String(production.if)).toMatch(onMainOnly);
    expect(needs('deploy-production')).toContain('deploy-staging');
    expect(dict(production.environment, 'production.environment').name).toBe('production');

    for (const id of ['deploy-staging', 'deploy-production']) {
      expect(runs(id)).toContain("export LLMPLOYABLE_IMAGE='$IMAGE'");
      expect(runs(id)).toContain('docker compose up -d --no-build --wait');
      expect(runs(id)).toContain('/health/ready');
      expect(String(dict(job(id).env, `${id}.env`).IMAGE)).toBe('${{ needs.image.outputs.image }}');
    }
  });
});
