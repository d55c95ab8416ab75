#!/usr/bin/env node
// `npm run bench:render`: what rendering costs, measured on this machine in one run.
//   1. Compile time per template (the sample resume, pdflatex through the sandboxed compiler, one at a time),
//      p50/p95 over BENCH_RUNS runs; baseline: the smallest possible document in the same run (what starting
//      pdflatex costs).
//   2. Throughput of the compile pool at 1 and 2 concurrent pdflatex processes (BENCH_BATCH compiles each).
//   3. A cached render: RenderService.render() of an already rendered (template, options, document), through
//      the real compile cache (Redis in front of MongoDB, provisioned like the tests); baseline: the same cache
//      answering a tiny value.
// Targets (issue 7): compile p50 under 400 ms, cached render under 5 ms.
import 'reflect-metadata';

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'dist', path));

const runs = Number(process.env.BENCH_RUNS ?? 20);
const batch = Number(process.env.BENCH_BATCH ?? 16);
const progress = (message) => process.stderr.write(`[bench:render] ${message}\n`);

const { LatexCompiler, RenderService, TEMPLATE_IDS, renderLatex } = dist('libs/render/src');
const { sampleResume } = dist('libs/render/src/preview/sample-resume');
const { LayeredCache } = dist('libs/cache/src');
const { loadConfig } = dist('libs/core/src');
const { AppModule } = dist('apps/api/src/app.module');
const { describeServices, startServices } = dist('libs/testing/src/services');
const { NestFactory } = require('@nestjs/core');
const pino = require('pino');

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows)
    console.log(row.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join('  '));
};

const MINIMAL = '\\documentclass{article}\\begin{document}x\\end{document}\n';
const document = sampleResume();

// 1. Compile time per template, one at a time.
const single = new LatexCompiler({ maxConcurrency: 1, maxQueue: 1000 });
const timeCompiles = async (tex) => {
  for (let i = 0; i < 2; i++) await single.compile(tex); // warm-up: format and font maps into the page cache
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await single.compile(tex)).durationMs);
  return times;
};
progress(`compiling each template ${runs} times`);
const rows = [['case', 'p50', 'p95', 'pages']];
const baseline = await timeCompiles(MINIMAL);
rows.push(['minimal document (baseline)', ms(quantile(baseline, 0.5)), ms(quantile(baseline, 0.95)), 1]);
for (const template of TEMPLATE_IDS) {
  const tex = renderLatex(document, { template, paper: 'letter', showEvidence: false });
  const times = await timeCompiles(tex);
  const { pages } = await single.compile(tex);
  rows.push([`${template} (sample resume)`, ms(quantile(times, 0.5)), ms(quantile(times, 0.95)), pages]);
}
console.log(`\ncompile time, one pdflatex at a time (${runs} runs each)`);
table(rows);

// 2. Pool throughput at 1 and 2 workers.
console.log(`\npool throughput (${batch} compiles of the classic sample at once)`);
const tex = renderLatex(document, { template: 'classic', paper: 'letter', showEvidence: false });
const throughput = [['workers', 'wall', 'compiles/s']];
for (const workers of [1, 2]) {
  const pool = new LatexCompiler({ maxConcurrency: workers, maxQueue: 1000 });
  await pool.compile(tex);
  const started = performance.now();
  await Promise.all(Array.from({ length: batch }, () => pool.compile(tex)));
  const wall = performance.now() - started;
  throughput.push([workers, ms(wall), ((batch * 1000) / wall).toFixed(1)]);
}
table(throughput);

// 3. A cached render through the real cache (Redis in front of MongoDB).
progress('starting MongoDB and Redis for the cached render');
const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
progress(describeServices(services));
const prefix = `bench_render_${Date.now()}`;
const config = loadConfig({
  NODE_ENV: 'test',
  MONGODB_URI: services.mongo.uri,
  MONGODB_DB: prefix,
  REDIS_URL: services.redis.url,
  REDIS_KEY_PREFIX: prefix,
});
const context = await NestFactory.createApplicationContext(
  AppModule.forRoot({ config, logger: pino({ level: 'silent' }) }),
  { logger: false },
);
try {
  const render = context.get(RenderService);
  const cache = context.get(LayeredCache);
  const first = await render.render(document, { template: 'classic' });
  const timeRepeated = async (call) => {
    for (let i = 0; i < 20; i++) await call();
    const times = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    return times;
  };
  const tiny = await timeRepeated(() => cache.getOrLoad('bench', 'tiny', async () => 'x', { ttlMs: 60_000 }));
  const cached = await timeRepeated(() => render.render(document, { template: 'classic' }));
  const again = await render.render(document, { template: 'classic' });
  console.log(
    `\ncached render (200 calls after 20 warm-ups; the PDF is ${Math.round(first.pdf.length / 1024)} KiB)`,
  );
  table([
    ['case', 'p50', 'p95'],
    ['cache hit of a tiny value (baseline)', ms(quantile(tiny, 0.5)), ms(quantile(tiny, 0.95))],
    [
      `RenderService.render, cached: ${again.report.cached}`,
      ms(quantile(cached, 0.5)),
      ms(quantile(cached, 0.95)),
    ],
    ['first render (compile + pdftotext + ATS)', ms(first.report.compileMs), ''],
  ]);
} finally {
  await context.close();
  await services.stop();
}
