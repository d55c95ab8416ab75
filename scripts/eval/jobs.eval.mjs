#!/usr/bin/env node
// `npm run eval:jobs`: measures the deterministic job-description analyser against the labelled fixtures in
// test/fixtures/jobs (NN-slug.txt + NN-slug.expected.json), using the built code (npm run build).
// Prints skill precision / recall / F1 (micro, on taxonomy ids; predicted `soft` skills are left out since
// soft skills are not labelled; an expected name the taxonomy cannot resolve counts as a miss), importance
// accuracy on matched skills, seniority and overall-years accuracy, and per-skill years as information.
// Exits 1 when a target is missed: precision >= 0.90, recall >= 0.85, seniority >= 0.85.
//   --verbose      one line per job with its false positives / negatives and mismatches
//   --only PREFIX  only the fixtures whose file name starts with PREFIX
//   --dist DIR     the build output to load (default: dist)
//   --holdout      the held-out set (test/fixtures/jobs-holdout: written after tuning, never tuned on); it
//                  reports the same figures but never fails, since it measures rather than gates
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const verbose = args.includes('--verbose') || args.includes('-v');
const only = option('--only');
const dist = resolve(root, option('--dist') ?? 'dist');

const TARGETS = { precision: 0.9, recall: 0.85, seniority: 0.85 };

const { SkillTaxonomy } = require(join(dist, 'libs/skills/src'));
const { JobDescriptionAnalyzer } = require(join(dist, 'libs/job-analysis/src/analysis'));

const holdout = args.includes('--holdout');
const fixturesDir = join(root, holdout ? 'test/fixtures/jobs-holdout' : 'test/fixtures/jobs');
const files = readdirSync(fixturesDir)
  .filter((name) => /^\d+-.+\.txt$/.test(name) && (!only || name.startsWith(only)))
  .sort();
if (files.length === 0) {
  console.error(`no fixtures in ${fixturesDir}${only ? ` starting with ${only}` : ''}`);
  process.exit(2);
}

const taxonomy = SkillTaxonomy.shipped();
const analyzer = new JobDescriptionAnalyzer(taxonomy);
const ratio = (num, den) => (den === 0 ? 1 : num / den);
const pct = (value) => `${(value * 100).toFixed(1)}%`;

const totals = { tp: 0, fp: 0, fn: 0, importanceOk: 0, matched: 0, seniorityOk: 0, yearsOk: 0 };
const skillYears = { labelled: 0, ok: 0 };
const unresolved = new Map();
const lines = [];
let analysisMs = 0;

for (const file of files) {
  const text = readFileSync(join(fixturesDir, file), 'utf8');
  const expected = JSON.parse(
    readFileSync(join(fixturesDir, file.replace(/\.txt$/, '.expected.json')), 'utf8'),
  );

  /** Expected skills by id; duplicates (two names, one id) keep `must` if either is. */
  const wanted = new Map();
  const missingNames = [];
  for (const skill of expected.skills) {
    const definition = taxonomy.resolve(skill.name);
    if (!definition) {
      missingNames.push(skill.name);
      unresolved.set(skill.name, [...(unresolved.get(skill.name) ?? []), file.slice(0, 2)]);
      continue;
    }
    const previous = wanted.get(definition.id);
    wanted.set(definition.id, {
      name: skill.name,
      importance: previous?.importance === 'must' ? 'must' : skill.importance,
      minYears: skill.minYears ?? previous?.minYears,
    });
  }

  const started = performance.now();
  const result = analyzer.analyze({ text, title: expected.title });
  analysisMs += performance.now() - started;
  const predicted = new Map(result.skills.filter((s) => s.category !== 'soft').map((s) => [s.id, s]));

  const falsePositives = [...predicted.values()].filter((s) => !wanted.has(s.id));
  const falseNegatives = [...wanted.entries()].filter(([id]) => !predicted.has(id)).map(([, w]) => w.name);
  const importanceMisses = [];
  const yearsMisses = [];
  for (const [id, want] of wanted) {
    const got = predicted.get(id);
    if (!got) continue;
    totals.matched++;
    if (got.importance === want.importance) totals.importanceOk++;
    else importanceMisses.push(`${want.name} ${got.importance}≠${want.importance}`);
    if (want.minYears !== undefined || got.minYears !== undefined) {
      skillYears.labelled++;
      if (want.minYears === got.minYears) skillYears.ok++;
      else yearsMisses.push(`${want.name} ${got.minYears ?? '-'}≠${want.minYears ?? '-'}`);
    }
  }
  const tp = predicted.size - falsePositives.length;
  totals.tp += tp;
  totals.fp += falsePositives.length;
  totals.fn += falseNegatives.length + missingNames.length;
  const seniorityOk = result.seniority.level === expected.seniority;
  const yearsOk = (result.minYears ?? null) === (expected.minYears ?? null);
  if (seniorityOk) totals.seniorityOk++;
  if (yearsOk) totals.yearsOk++;

  const p = ratio(tp, tp + falsePositives.length);
  const r = ratio(tp, tp + falseNegatives.length + missingNames.length);
  lines.push(`${file.replace(/\.txt$/, '')}  P ${pct(p)}  R ${pct(r)}`);
  if (falsePositives.length > 0) {
    const describe = (s) =>
      `${s.canonical} (${s.mentions.map((m) => `"${m.text}" in ${m.section}`).join(', ')})`;
    lines.push(`    false positives: ${falsePositives.map(describe).join('; ')}`);
  }
  if (falseNegatives.length > 0) lines.push(`    false negatives: ${falseNegatives.join(', ')}`);
  if (missingNames.length > 0) lines.push(`    not in the taxonomy: ${missingNames.join(', ')}`);
  if (importanceMisses.length > 0) lines.push(`    importance: ${importanceMisses.join(', ')}`);
  if (yearsMisses.length > 0) lines.push(`    skill years: ${yearsMisses.join(', ')}`);
  if (!seniorityOk) {
    lines.push(
      `    seniority: ${result.seniority.level}≠${expected.seniority} (${result.seniority.source}: ${result.seniority.decidedBy.join(', ')})`,
    );
  }
  if (!yearsOk) lines.push(`    years: ${result.minYears ?? '-'}≠${expected.minYears ?? '-'}`);
}

const precision = ratio(totals.tp, totals.tp + totals.fp);
const recall = ratio(totals.tp, totals.tp + totals.fn);
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
const seniority = totals.seniorityOk / files.length;
const importance = ratio(totals.importanceOk, totals.matched);
const years = totals.yearsOk / files.length;

if (verbose) console.log(lines.join('\n'), '\n');
if (unresolved.size > 0) {
  const names = [...unresolved.entries()].map(([name, jobs]) => `${name} (${jobs.join(',')})`);
  console.log(`expected names the taxonomy does not resolve (${unresolved.size}): ${names.join('; ')}\n`);
}
const row = (label, value, target) =>
  console.log(
    `${label.padEnd(28)} ${value.padStart(8)}${target === undefined ? '' : `   target ≥ ${pct(target)}`}`,
  );
console.log(
  `${holdout ? 'held-out set: ' : ''}${files.length} job descriptions, ${totals.tp + totals.fn} labelled skills, ` +
    `${totals.tp + totals.fp} predicted`,
);
row('skill precision', pct(precision), TARGETS.precision);
row('skill recall', pct(recall), TARGETS.recall);
row('skill F1', pct(f1));
row('importance accuracy', `${pct(importance)}`);
row('seniority accuracy', pct(seniority), TARGETS.seniority);
row('overall years accuracy', pct(years));
row('per-skill years (info)', `${skillYears.ok}/${skillYears.labelled}`);
row('mean analysis time', `${(analysisMs / files.length).toFixed(2)} ms`);

const failed = [
  precision < TARGETS.precision && 'precision',
  recall < TARGETS.recall && 'recall',
  seniority < TARGETS.seniority && 'seniority',
].filter(Boolean);
if (failed.length > 0 && !holdout) {
  console.log(`\nbelow target: ${failed.join(', ')}`);
  process.exitCode = 1;
}
