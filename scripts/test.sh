#!/usr/bin/env bash
# `npm test`: all set-up that is missing, then lint, typecheck and every test (unit + e2e against a real
# MongoDB-compatible server and a real redis-server). The last line is always "N passed, N failed[, N skipped]":
# a failing lint or typecheck counts as one failure. COVERAGE=1 adds a coverage report (coverage/) with the
# 80% lines threshold from vitest.config.mts.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

started=$(date +%s)
fail() {
  log "$1 failed"
  echo "0 passed, 1 failed"
  exit 1
}
setup_all || fail "set-up"
log "lint (eslint + prettier)"
npm run --silent lint || fail "lint"
log "typecheck"
npm run --silent typecheck || fail "typecheck"
log "set-up, lint and typecheck took $(($(date +%s) - started)) s; running the tests"
args=()
if [ "${COVERAGE:-0}" = "1" ]; then args+=(--coverage); fi
exec node scripts/run-vitest.mjs "${args[@]}"
