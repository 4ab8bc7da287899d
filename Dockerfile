# The app image: `node src/server/main.ts` over the built site, as an unprivileged user. It builds with
# no image registry and no network inside the build (the course's machines have neither): the base is
# built here first (images/app-base/build.sh: Debian minbase + the Node of the `node` devDependency),
# and the site and the dependencies come from this checkout, built on the same platform:
#   npm ci && npm run build
#   deploy/build-image.sh        (or: docker build --build-arg BASE=$(images/app-base/build.sh) -t vethlab-app .)
# See docs/deploy.md (One image).
ARG BASE=vethlab-app-base:24.21.0

FROM ${BASE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
COPY node_modules node_modules
# Only the production dependencies stay. Nothing is fetched: the installed tree already has them, with
# better-sqlite3's addon built for this platform; it must load on the image's Node.
RUN npm prune --omit=dev --ignore-scripts --offline --no-audit --no-fund \
  && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
COPY dist dist
COPY src src
RUN test -f dist/server/entry.mjs || { echo 'dist/ is missing: run npm run build first' >&2; exit 1; }

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
