# syntax=docker/dockerfile:1
# Shelfstream pipeline CLI; runs `stream` (sales -> live inventory) unless given another command. Build from the repository root:
#   docker build -f docker/pipeline.Dockerfile -t shelfstream-pipeline .
# The build stage bundles the app (scripts/build/build-app.mjs, as `npx nx run pipeline:build`) into
# dist/apps/pipeline/main.js; the runtime stage holds that bundle and the app's production dependencies only.

# 1) Build: every dependency from the lock file (npm ci validates the lock against a freshly resolved tree
#    and refuses locks written where other platforms' optional binaries were unavailable; npm install then
#    installs the same locked versions), the libraries and this app's source, then the bundle.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY libs/engine/package.json libs/engine/
COPY libs/files-connector/package.json libs/files-connector/
COPY libs/domain/package.json libs/domain/
COPY libs/db/package.json libs/db/
COPY libs/platform/package.json libs/platform/
COPY libs/kafka-connector/package.json libs/kafka-connector/
COPY libs/postgres-connector/package.json libs/postgres-connector/
COPY apps/api/package.json apps/api/
COPY apps/pipeline/package.json apps/pipeline/
COPY apps/pricing-bot/package.json apps/pricing-bot/
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY scripts/build ./scripts/build
COPY libs ./libs
COPY apps/pipeline ./apps/pipeline
RUN node scripts/build/build-app.mjs pipeline

# 2) Runtime: the `dependencies` of apps/pipeline/package.json (which list every package the bundle
#    requires, tools/workspace-checks/test/production-build.test.ts) and the bundle. No TypeScript, no SWC.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY libs/engine/package.json libs/engine/
COPY libs/files-connector/package.json libs/files-connector/
COPY libs/domain/package.json libs/domain/
COPY libs/db/package.json libs/db/
COPY libs/platform/package.json libs/platform/
COPY libs/kafka-connector/package.json libs/kafka-connector/
COPY libs/postgres-connector/package.json libs/postgres-connector/
COPY apps/api/package.json apps/api/
COPY apps/pipeline/package.json apps/pipeline/
COPY apps/pricing-bot/package.json apps/pricing-bot/
RUN npm ci --omit=dev --workspace apps/pipeline --include-workspace-root=false --no-audit --no-fund \
    || npm install --omit=dev --workspace apps/pipeline --include-workspace-root=false --no-audit --no-fund; \
    status=$?; npm cache clean --force; exit $status
COPY --from=build /app/dist/apps/pipeline ./dist/apps/pipeline
# The bundled history the compose seed/backfill steps read (--from apps/pipeline/data/history).
COPY apps/pipeline/data ./apps/pipeline/data
USER node
CMD ["node", "dist/apps/pipeline/main.js", "stream"]
