#!/usr/bin/env bash
# `npm start`: all set-up that is missing, then the API on an embedded local default: MongoDB and Redis
# are provisioned for this run (or taken from MONGODB_URI / REDIS_URL) and stopped when the API exits.
# Docs at http://127.0.0.1:${PORT:-3000}/docs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

setup_all
export NODE_ENV="${NODE_ENV:-development}"
log "starting the API; docs will be at http://${HOST:-127.0.0.1}:${PORT:-3000}/docs"
exec node dist/libs/testing/src/services/services.cli.js run -- node dist/apps/api/src/main.js
