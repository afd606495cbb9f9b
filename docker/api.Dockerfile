# syntax=docker/dockerfile:1
# Shelfstream HTTP + Socket.IO API (NestJS). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t shelfstream-api .
# The build stage bundles the app (scripts/build/build-app.mjs, as `npx nx run api:build`) into
# dist/apps/api/main.js; the runtime stage holds that bundle and the app's production dependencies only.

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
COPY apps/api ./apps/api
RUN node scripts/build/build-app.mjs api

# 2) Runtime: the `dependencies` of apps/api/package.json (which list every package the bundle
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
RUN npm ci --omit=dev --workspace apps/api --include-workspace-root=false --no-audit --no-fund \
    || npm install --omit=dev --workspace apps/api --include-workspace-root=false --no-audit --no-fund; \
    status=$?; npm cache clean --force; exit $status
COPY --from=build /app/dist/apps/api ./dist/apps/api
# The dashboard client, compiled by esbuild on the first request (apps/api/src/dashboard/dashboard-assets.ts).
COPY apps/api/src/dashboard/client ./apps/api/src/dashboard/client
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
