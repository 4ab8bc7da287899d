# The app image: `node src/server/main.ts` over the built site, as an unprivileged user.
# No registry: the base is built here first (images/app-base/build.sh, Debian minbase + the Node of
# the `node` devDependency), then:
#   docker build --build-arg BASE=$(images/app-base/build.sh) -t vethlab-app .
# See docs/deploy.md (One image).
ARG BASE=vethlab-app-base:24.21.0

FROM ${BASE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
# --ignore-scripts: install scripts would fetch binaries from outside the npm registry (better-sqlite3's
# prebuilt addon from GitHub, the `node` package's own Node). The base has Node; the addon is the
# one built for this platform by the host's `npm ci`, taken from the build context (.dockerignore).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY node_modules/better-sqlite3/build/Release/better_sqlite3.node node_modules/better-sqlite3/build/Release/
COPY astro.config.mjs ec.config.mjs tsconfig.json ./
COPY public public
COPY src src
RUN ASTRO_TELEMETRY_DISABLED=1 npx astro build && npx pagefind --site dist/client \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${BASE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321 DATABASE_URL=/app/data/vethlab.sqlite
COPY --from=build --chown=0:0 /build/package.json ./
COPY --from=build --chown=0:0 /build/node_modules node_modules
COPY --from=build --chown=0:0 /build/dist dist
COPY --from=build --chown=0:0 /build/src src
# The only writable place: the SQLite file when DATABASE_URL is not PostgreSQL (and Astro's sessions).
RUN mkdir -p /app/data /app/node_modules/.astro && chown 10001:10001 /app/data /app/node_modules/.astro
USER 10001:10001
EXPOSE 4321
STOPSIGNAL SIGTERM
CMD ["node", "src/server/main.ts"]
