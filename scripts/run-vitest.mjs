#!/usr/bin/env node
// Runs vitest once and ends with the plain summary line CI reads: "N passed, N failed, N skipped".
// Exits non-zero when any test failed, or when vitest itself failed (a crash, a coverage threshold).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join(root, 'reports', 'vitest.json');
rmSync(report, { force: true });

const vitest = join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests;
  skipped = summary.numPendingTests + summary.numTodoTests;
  // A test file that fails to load has no failed tests of its own; count it as one failure.
  failed += summary.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
}
const exitCode = result.status ?? 1;
if (exitCode !== 0 && failed === 0) failed = 1; // vitest failed without a failing test: count the run itself
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || exitCode !== 0 ? 1 : 0);
