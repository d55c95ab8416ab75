#!/usr/bin/env bash
# Shared set-up for scripts/start.sh and scripts/test.sh: installs only what is missing.
#   - Debian packages: redis-server (Redis for the app and tests), nginx-light (`nginx -t` config test),
#     TeX Live (pdflatex and the packages our templates use) and poppler-utils (pdftotext, pdftoppm)
#   - npm dependencies from the lock file (npm ci), when node_modules is missing or older than the lock
#   - the compiled app (npm run build)
# MongoDB is provisioned at run time by libs/testing/src/services (MONGODB_URI, else mongod, else FerretDB
# built from the Go module proxy and cached in .cache/bin, else mongodb-memory-server).
# Sourced by scripts/start.sh and scripts/test.sh, which choose their own shell options.

log() { printf '[setup] %s\n' "$*"; }

ensure_debian_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  # Exactly what the templates read (checked with pdflatex -recorder): lmodern and texlive-plain-generic are
  # only Recommends of TeX Live, which --no-install-recommends leaves out.
  if ! command -v pdflatex >/dev/null 2>&1 ||
    ! kpsewhich enumitem.sty xcolor.sty lmodern.sty glyphtounicode.tex texfonts.map >/dev/null 2>&1; then
    missing+=(texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended)
    missing+=(lmodern texlive-plain-generic)
  fi
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}); or set REDIS_URL"
    return 0
  fi
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services; the app and tests start their own on free ports.
  for service in redis-server nginx; do
    if command -v systemctl >/dev/null 2>&1; then systemctl stop "$service" >/dev/null 2>&1 || true; fi
    if command -v service >/dev/null 2>&1; then service "$service" stop >/dev/null 2>&1 || true; fi
  done
}

ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_build() {
  log "building (tsc)"
  npm run --silent build
}

setup_all() {
  ensure_debian_packages && ensure_node_modules && ensure_build
}
