#!/usr/bin/env node
// `npm run bench:jobs`: time per job-description analysis (the deterministic analyser, no model), on one core,
// for a ~5,000-character description built from the labelled fixtures in test/fixtures/jobs, against two
// baselines measured in the same run on the same text: normalising it (HTML strip + whitespace) plus
// lowercasing it, and the taxonomy's skill-mention pass alone (the analyser's biggest single step).
// Uses the built code (npm run build).
//   BENCH_RUNS analyses per case (default 2000), BENCH_CHARS target length (default 5000), --dist DIR
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const distArg = process.argv.indexOf('--dist');
const dist = resolve(root, distArg === -1 ? 'dist' : process.argv[distArg + 1]);
const { SkillTaxonomy } = require(join(dist, 'libs/skills/src'));
const { JobDescriptionAnalyzer, normalizeJobText } = require(join(dist, 'libs/job-analysis/src/analysis'));

const runs = Number(process.env.BENCH_RUNS ?? 2000);
const targetChars = Number(process.env.BENCH_CHARS ?? 5000);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value) => `${value.toFixed(3)} ms`.padStart(10);

/** Whole fixtures, largest plain-text ones first, joined until the target length, then cut at a line end. */
function buildDescription() {
  const dir = join(root, 'test/fixtures/jobs');
  const texts = readdirSync(dir)
    .filter((name) => /^\d+-.+\.txt$/.test(name))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .filter((text) => !text.trimStart().startsWith('<'))
    .sort((a, b) => b.length - a.length);
  if (texts.length === 0) throw new Error('no fixtures in test/fixtures/jobs');
  let text = '';
  for (const next of texts) {
    if (text.length >= targetChars) break;
    text += `${next}\n\n`;
  }
  const cut = text.lastIndexOf('\n', targetChars);
  return text.slice(0, cut > targetChars / 2 ? cut : targetChars);
}

function time(label, fn) {
  for (let i = 0; i < Math.min(200, runs); i++) fn(); // warm-up: let V8 optimise
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

const description = buildDescription();
const taxonomy = SkillTaxonomy.shipped();
const analyzer = new JobDescriptionAnalyzer(taxonomy);
const sample = analyzer.analyze({ text: description, title: 'Senior Backend Engineer' });

const rows = [
  time('normalise + lowercase (baseline)', () => normalizeJobText(description).text.toLowerCase()),
  time('taxonomy.findMentions (baseline)', () => taxonomy.findMentions(description)),
  time('JobDescriptionAnalyzer.analyze', () =>
    analyzer.analyze({ text: description, title: 'Senior Backend Engineer' }),
  ),
];

console.log(
  `${description.length} characters, ${sample.skills.length} skills, ${sample.sections.length} sections; ` +
    `${runs} runs per case, one core, ${new Date().toISOString()}`,
);
console.log('case'.padEnd(36), 'p50'.padStart(10), 'p95'.padStart(10), 'p99'.padStart(10));
for (const row of rows) console.log(row.label.padEnd(36), ms(row.p50), ms(row.p95), ms(row.p99));
const analysis = rows[rows.length - 1];
console.log(`p50 target < 10 ms: ${analysis.p50 < 10 ? 'met' : 'MISSED'}`);
if (analysis.p50 >= 10) process.exitCode = 1;
