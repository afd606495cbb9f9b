# syntax=docker/dockerfile:1
# Shelfstream pipeline CLI; runs `stream` (sales -> live inventory) unless given another command. Build from the repository root:
#   docker build -f docker/pipeline.Dockerfile -t shelfstream-pipeline .
# Packages export TypeScript source, so the image runs it with SWC (keeps decorator metadata).

# 1) Dependencies, from the lock file. npm ci validates the lock against a freshly resolved tree and
#    refuses locks written where other platforms' optional binaries were unavailable; npm install
#    then installs the same locked versions.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY libs/engine/package.json libs/engine/
COPY libs/domain/package.json libs/domain/
COPY libs/db/package.json libs/db/
COPY apps/api/package.json apps/api/
COPY apps/pipeline/package.json apps/pipeline/
COPY apps/pricing-bot/package.json apps/pricing-bot/
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

# 2) Runtime: dependencies plus the libraries and this app's source only.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SWC_NODE_PROJECT=apps/pipeline/tsconfig.json
WORKDIR /app
COPY --from=deps /app ./
COPY tsconfig.base.json ./
COPY libs ./libs
COPY apps/pipeline ./apps/pipeline
USER node
CMD ["node", "-r", "@swc-node/register", "apps/pipeline/src/main.ts", "stream"]
