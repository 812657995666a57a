# syntax=docker/dockerfile:1
# One image for both process groups (fly.toml [processes]): the API and the worker.

ARG NODE_VERSION=24

# ---- build: every dependency, compile TypeScript to JavaScript, bundle each process into one file ----
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json .npmrc ./
COPY packages/shared/package.json packages/shared/
COPY packages/db/package.json packages/db/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
RUN npm ci
COPY . .
RUN npx tsc -b packages/shared packages/db apps/api apps/worker \
 && node scripts/bundle.js \
 && mkdir -p attached_assets

# ---- runtime: production dependencies, the bundles, compiled code, static assets; runs as `node` ----
FROM node:${NODE_VERSION}-slim AS runtime
# pg_dump/pg_restore/psql for `npm run db:backup` and `db:restore`: the client must be at least the server's
# major version (Neon runs 16 or 17), so it comes from the PostgreSQL project's Debian repository.
ARG PG_CLIENT_MAJOR=17
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && . /etc/os-release \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
    > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-${PG_CLIENT_MAJOR} \
 && apt-get purge -y curl && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json .npmrc ./
COPY packages/shared/package.json packages/shared/
COPY packages/db/package.json packages/db/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
# Production dependencies: the packages the bundles leave outside (native addons and a few more, see
# scripts/bundle.js) and everything the commands below import.
RUN npm ci --omit=dev && npm cache clean --force
# The processes: one bundled file each.
COPY --from=build /app/apps/api/dist/bundle apps/api/dist/bundle
COPY --from=build /app/apps/worker/dist/bundle apps/worker/dist/bundle
# The npm commands (db:migrate, ops...) start through scripts/run.js, which runs their compiled entry in dist/src.
COPY --from=build /app/packages/shared/dist/src packages/shared/dist/src
COPY --from=build /app/packages/db/dist/src packages/db/dist/src
COPY --from=build /app/apps/api/dist/src apps/api/dist/src
COPY --from=build /app/apps/worker/dist/src apps/worker/dist/src
COPY --from=build /app/scripts/run.js scripts/run.js
COPY --from=build /app/scripts/dev-env.js scripts/dev-env.js
COPY --from=build /app/attached_assets attached_assets

USER node
EXPOSE 5000 5001 9091
# fly.toml and the Procfile name the process explicitly; this is the default (the API).
CMD ["node", "--enable-source-maps", "apps/api/dist/bundle/server.js"]
