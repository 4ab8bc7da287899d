#!/bin/sh
# Build the app's base image vethlab-app-base:<node version> without any image registry: a Debian
# bookworm minbase (debootstrap, from the configured Debian mirror) with the Node binary of the
# project's `node` devDependency (stripped) and npm, imported with `docker import`. The Dockerfile at
# the repository root builds on it (docs/deploy.md: One image).
#
#   images/app-base/build.sh            build if the tag is missing
#   images/app-base/build.sh --force    rebuild
#
# Needs root (debootstrap), `npm ci` done (node_modules/node/bin/node) and a Docker engine.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCKER=${DOCKER:-docker}
NODE="$ROOT/node_modules/node/bin/node"
[ -x "$NODE" ] || { echo "app-base: $NODE is missing: run npm ci first" >&2; exit 1; }
NODE_VERSION=$("$NODE" --version | sed 's/^v//')
TAG=${APP_BASE_IMAGE:-vethlab-app-base:$NODE_VERSION}
NPM_DIR=${NPM_DIR:-$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")}

log() { printf 'app-base: %s\n' "$*" >&2; }

if [ "${1:-}" != "--force" ] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  log "$TAG exists"
  echo "$TAG"
  exit 0
fi

mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  m=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' \
    | awk '{print $1}' | grep -E '/debian/?$' | head -n 1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vethlab-app-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
START=$(date +%s)

# minbase already has libc6, libstdc++6 and libgcc-s1, all Node needs; ca-certificates for TLS to
# PostgreSQL; python3/make/g++ are NOT here: better-sqlite3 ships prebuilt binaries for linux-x64.
log "debootstrap bookworm minbase from $(mirror)"
debootstrap --variant=minbase --include=ca-certificates bookworm "$WORK/rootfs" "$(mirror)" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -n 20 "$WORK/debootstrap.log" >&2; exit 1; }

# Smaller: no apt lists, docs, man pages or locales in an image nobody runs apt in.
rm -rf "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/var/cache/apt/"*.bin "$WORK/rootfs/usr/share/doc" \
  "$WORK/rootfs/usr/share/man" "$WORK/rootfs/usr/share/info" "$WORK/rootfs/usr/share/locale"

log "node $NODE_VERSION (stripped) and npm from $NPM_DIR"
install -m 0755 "$NODE" "$WORK/rootfs/usr/local/bin/node"
strip --strip-debug "$WORK/rootfs/usr/local/bin/node" 2>/dev/null || true
mkdir -p "$WORK/rootfs/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$WORK/rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$WORK/rootfs/usr/local/bin/npm"

# The unprivileged user the app runs as (uid 10001, no shell, no home beyond /app).
chroot "$WORK/rootfs" /usr/sbin/groupadd --system --gid 10001 vethlab
chroot "$WORK/rootfs" /usr/sbin/useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin vethlab

tar -C "$WORK/rootfs" -c . | $DOCKER import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin NODE_ENV=production' \
  --change 'CMD ["node", "--version"]' \
  - "$TAG" >/dev/null
log "$TAG built in $(( $(date +%s) - START )) s, $($DOCKER image inspect --format '{{.Size}}' "$TAG") bytes"
echo "$TAG"
