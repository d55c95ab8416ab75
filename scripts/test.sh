#!/usr/bin/env bash
# `npm test`: all set-up that is missing, then lint, typecheck and every test (unit + e2e against a real
# MongoDB-compatible server and a real redis-server). Ends with the line "N passed, N failed, N skipped".
# COVERAGE=1 adds a coverage report (coverage/) with the 80% lines threshold from vitest.config.mts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

started=$(date +%s)
setup_all
log "lint (eslint + prettier)"
npm run --silent lint
log "typecheck"
npm run --silent typecheck
args=()
if [ "${COVERAGE:-0}" = "1" ]; then args+=(--coverage); fi
status=0
node scripts/run-vitest.mjs "${args[@]}" || status=$?
log "total time $(( $(date +%s) - started )) s"
exit $status
