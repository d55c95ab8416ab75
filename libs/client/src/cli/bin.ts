#!/usr/bin/env node
// The `llmployable` executable: runs one command line with the process's streams and exits with its code.
import { runCli } from './main.js';

void runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
