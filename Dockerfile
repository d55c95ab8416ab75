# syntax=docker/dockerfile:1.7
# One image for the API and the worker (different command). Stages: deps -> build -> runtime.
#   docker build -t llmployable .
#   docker run llmployable                                        # API on :3000
#   docker run llmployable node dist/apps/worker/src/main.js      # worker

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: full dependency tree (dev included) for the build --------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- build: compile, then drop dev dependencies --------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

# ---- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# LaTeX for PDF rendering, poppler for the ATS text check, tini as PID 1 (forwards SIGTERM so the app
# drains and closes connections, and reaps pdflatex children). Installed before the app is copied so code
# changes do not invalidate this (large) layer.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      texlive-latex-base texlive-latex-recommended texlive-fonts-recommended lmodern texlive-latex-extra \
      texlive-plain-generic \
      poppler-utils tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
# Reported by /health; CI passes the commit SHA.
ARG APP_VERSION
ENV NODE_ENV=production \
    PORT=3000 \
    APP_VERSION=${APP_VERSION} \
    NODE_OPTIONS=--enable-source-maps \
    TEXMFVAR=/tmp/texmf-var

# Root-owned and read-only for the app user; it writes only to /tmp (LaTeX compiles in a temp dir per job).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# Numeric so orchestrators can verify runAsNonRoot.
USER 10001:10001
EXPOSE 3000

# Liveness only (GET /health checks no dependency). Slim images have no curl, so node does the request.
# The worker serves the same /health on its own PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "require('http').get({host:'127.0.0.1',port:process.env.PORT||3000,path:'/health',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/api/src/main.js"]
