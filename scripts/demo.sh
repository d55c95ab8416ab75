#!/usr/bin/env bash
# `npm run demo`: all set-up that is missing (as npm start/test do), then the offline end-to-end demo
# (scripts/demo/demo.mjs): the API on embedded defaults with the offline LLM and a fake GitHub serving the
# fictional profile in examples/github, driven through the `llmployable` CLI to tailored resumes for the jobs
# in examples/jobs. Everything it writes is in ./out. No key and no internet needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

started=$(date +%s)
setup_all
log "set-up took $(($(date +%s) - started)) s; running the demo"
exec node scripts/demo/demo.mjs "$@"
