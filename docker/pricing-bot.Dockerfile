# syntax=docker/dockerfile:1
# Shelfstream pricing bot (NestJS standalone, BullMQ worker, no HTTP listener). Build from the repository root:
#   docker build -f docker/pricing-bot.Dockerfile -t shelfstream-pricing-bot .
# The build stage bundles the app (scripts/build/build-app.mjs, as `npx nx run pricing-bot:build`) into
# dist/apps/pricing-bot/main.js; the runtime stage holds that bundle and the app's production dependencies only.

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
COPY apps/pricing-bot ./apps/pricing-bot
RUN node scripts/build/build-app.mjs pricing-bot

# 2) Runtime: the `dependencies` of apps/pricing-bot/package.json (which list every package the bundle
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
RUN npm ci --omit=dev --workspace apps/pricing-bot --include-workspace-root=false --no-audit --no-fund \
    || npm install --omit=dev --workspace apps/pricing-bot --include-workspace-root=false --no-audit --no-fund; \
    status=$?; npm cache clean --force; exit $status
COPY --from=build /app/dist/apps/pricing-bot ./dist/apps/pricing-bot
USER node
CMD ["node", "dist/apps/pricing-bot/main.js"]
