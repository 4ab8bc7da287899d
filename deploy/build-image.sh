#!/bin/sh
# Build the app image on this machine's Docker engine with no image registry and no network inside the
# build: the base from images/app-base/build.sh, the site and the dependencies from this checkout
# (`npm ci` done; `npm run build` is run when dist/ is missing, or always with REBUILD=1). Prints the tag;
# the build time and the image size go to stderr. docs/deploy.md, One image.
#
#   deploy/build-image.sh [TAG]          default tag: vethlab-app
#
# Needs the engine, and root the first time (the base is made with debootstrap).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DOCKER=${DOCKER:-docker}
TAG=${1:-vethlab-app}

log() { printf 'build-image: %s\n' "$*" >&2; }

[ -x node_modules/node/bin/node ] || { log "node_modules is missing: run npm ci first"; exit 1; }
BASE=$(images/app-base/build.sh)
if [ "${REBUILD:-0}" = 1 ] || [ ! -f dist/server/entry.mjs ]; then
  log "npm run build"
  npm run -s build >&2
fi

START=$(date +%s)
$DOCKER build --build-arg BASE="$BASE" -t "$TAG" . >&2
log "$TAG built in $(($(date +%s) - START)) s on $BASE; $($DOCKER image inspect --format '{{.Size}}' "$TAG") bytes (base $($DOCKER image inspect --format '{{.Size}}' "$BASE"))"
echo "$TAG"
