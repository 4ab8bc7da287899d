#!/bin/sh
# Build vethlab-postgres (Debian's postgresql-15 on the app's base image) without any image registry and
# without network inside a build container (the course's machines have neither: the network guard drops
# what a build container sends out). The base's filesystem is exported, PostgreSQL is installed into it
# with apt in a chroot on the machine (Debian's mirror, as apt-get on the machine would), and the result
# is imported with `docker import`. The Dockerfile beside this file does the same where builds may reach
# the network.
#
#   images/postgres/build.sh            build if the tag is missing
#   images/postgres/build.sh --force    rebuild
#
# Needs root (chroot), the base (images/app-base/build.sh) and a Docker engine. Prints the tag.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DOCKER=${DOCKER:-docker}
BASE=${BASE:-$("$HERE/../app-base/build.sh")}
TAG=${POSTGRES_IMAGE:-vethlab-postgres}

log() { printf 'postgres: %s\n' "$*" >&2; }

if [ "${1:-}" != "--force" ] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  log "$TAG exists"
  echo "$TAG"
  exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vethlab-postgres.XXXXXX")
ROOTFS="$WORK/rootfs"
cleanup() {
  umount "$ROOTFS/proc" 2>/dev/null || true
  [ -n "${CID:-}" ] && $DOCKER rm -f "$CID" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
START=$(date +%s)

log "exporting $BASE"
mkdir -p "$ROOTFS"
CID=$($DOCKER create "$BASE" true)
$DOCKER export "$CID" | tar -C "$ROOTFS" -x
$DOCKER rm -f "$CID" >/dev/null
CID=

# apt in the chroot: the machine's resolver, no services started, no cluster created by the package
# (the entrypoint creates one in the data volume on first start).
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
chmod 0755 "$ROOTFS/usr/sbin/policy-rc.d"
mkdir -p "$ROOTFS/etc/postgresql-common"
echo 'create_main_cluster = false' >"$ROOTFS/etc/postgresql-common/createcluster.conf"
mount -t proc proc "$ROOTFS/proc"
log "apt-get install postgresql-15 in a chroot"
chroot "$ROOTFS" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -c \
  'apt-get update -qq && apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql-15 >/dev/null' >&2
umount "$ROOTFS/proc"

rm -rf "$ROOTFS/var/lib/apt/lists/"* "$ROOTFS/var/cache/apt/"*.bin "$ROOTFS/var/cache/apt/archives/"*.deb \
  "$ROOTFS/usr/sbin/policy-rc.d" "$ROOTFS/usr/share/doc" "$ROOTFS/usr/share/man" "$ROOTFS/usr/share/locale"
: >"$ROOTFS/etc/resolv.conf"
install -m 0755 "$HERE/entrypoint.sh" "$ROOTFS/usr/local/bin/postgres-entrypoint.sh"
mkdir -p "$ROOTFS/var/lib/postgresql/data"
chroot "$ROOTFS" sh -c 'chown postgres:postgres /var/lib/postgresql/data && chmod 700 /var/lib/postgresql/data'

tar -C "$ROOTFS" -c . | $DOCKER import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin PGDATA=/var/lib/postgresql/data' \
  --change 'USER postgres' \
  --change 'EXPOSE 5432' \
  --change 'CMD ["/usr/local/bin/postgres-entrypoint.sh"]' \
  - "$TAG" >/dev/null
log "$TAG built in $(($(date +%s) - START)) s, $($DOCKER image inspect --format '{{.Size}}' "$TAG") bytes"
echo "$TAG"
