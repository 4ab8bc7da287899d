#!/bin/sh
# Build the sandbox host image vethlab/sandbox-host:<VERSION> without any image registry.
#
#   images/sandbox-host/build.sh            build (or load from cache) if the tag is missing
#   images/sandbox-host/build.sh --force    rebuild even if the tag exists
#
# A sandbox host is a Debian bookworm (minbase, from the configured Debian mirror via debootstrap)
# that runs its own dockerd (Docker-in-Docker), with the course images (busybox, nginx, centos, ubuntu)
# already loaded into that inner engine. See README.md for the layout and the reasons.
#
# Steps, cached under $VETHLAB_IMAGE_CACHE (default <repo>/.cache/images):
#   1. course   the course images must exist in the outer engine; built by images/build-*.sh
#               (the fidelity recorder's scripts) when present, else by course-images.sh here
#   2. key      a hash of every input (packages, overlay files, this script, the course images'
#               IDs); an image already tagged <VERSION>-<key> is up to date, and a cached
#               sandbox-host-<VERSION>-<key>.tar is only `docker load`ed
#   3. rootfs   debootstrap --variant=minbase + packages        -> rootfs-<hash>.tar
#   4. seed     an inner dockerd loads the course images once; its /var/lib/docker is kept as
#               /opt/vethlab/seed.tar, which a sandbox unpacks into its empty /var/lib/docker
#               (tmpfs or volume) at start: faster than `docker load` (no decompression, no checksums)
#   5. import   rootfs + overlay files + seed -> `docker import` with CMD/ENV/VOLUME
#   6. cache    `docker save` of the result
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VERSION=$(cat "$HERE/VERSION")
TAG=${SANDBOX_IMAGE:-vethlab/sandbox-host:$VERSION}
CACHE=${VETHLAB_IMAGE_CACHE:-$ROOT/.cache/images}
DOCKER=${DOCKER:-docker}
SUITE=bookworm
COURSE_IMAGES="busybox nginx centos ubuntu"
# What a learner finds on a sandbox host. No `net-tools` would make the host's `ifconfig` (the
# article runs it on the host) fail; the centos image is the one that must lack it.
PACKAGES="docker.io,iptables,iproute2,bridge-utils,net-tools,iputils-ping,procps,psmisc,curl,wget,\
netcat-openbsd,tcpdump,conntrack,less,vim-tiny,bash-completion,kmod,xz-utils,ca-certificates"

FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

log() { printf 'sandbox-host: %s\n' "$*" >&2; }
hash_of() { cat "$@" | sha256sum | cut -c1-16; }

mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  # the first Debian URI apt is configured with (deb822 or one-line format)
  m=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' \
    | awk '{print $1}' | grep -E '/debian/?$' | head -n 1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

mkdir -p "$CACHE"
START=$(date +%s)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vethlab-sandbox-host.XXXXXX")
SEEDER=""
cleanup() {
  [ -n "$SEEDER" ] && $DOCKER rm -f -v "$SEEDER" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ROOTFS_KEY=$(printf '%s %s\n' "$SUITE" "$PACKAGES" | sha256sum | cut -c1-16)
ROOTFS_TAR="$CACHE/rootfs-$ROOTFS_KEY.tar"

# --- 1. course images (first: their IDs are part of the key) ------------------------------------
for name in $COURSE_IMAGES; do
  if $DOCKER image inspect "$name:latest" >/dev/null 2>&1; then continue; fi
  if [ -x "$ROOT/images/build-$name.sh" ]; then
    log "building course image $name with images/build-$name.sh"
    "$ROOT/images/build-$name.sh"
  else
    log "building course image $name with images/sandbox-host/course-images.sh"
    "$HERE/course-images.sh" "$name"
  fi
  $DOCKER image inspect "$name:latest" >/dev/null 2>&1 || { log "course image $name:latest missing"; exit 1; }
done
COURSE_IDS=$(for name in $COURSE_IMAGES; do $DOCKER image inspect -f '{{.Id}}' "$name:latest"; done)

OVERLAY_KEY=$(cd "$HERE" && find rootfs-overlay -type f | sort | xargs cat | sha256sum | cut -c1-16)
KEY=$(printf '%s %s %s %s\n' "$ROOTFS_KEY" "$OVERLAY_KEY" "$(hash_of "$HERE/build.sh")" "$COURSE_IDS" | sha256sum | cut -c1-16)
IMAGE_TAR="$CACHE/sandbox-host-$VERSION-$KEY.tar"

# --- 2. up to date already? The image is tagged with its key too, so any changed input rebuilds
KEYED_TAG="${TAG%:*}:$VERSION-$KEY"
if [ $FORCE = 0 ] && $DOCKER image inspect "$KEYED_TAG" >/dev/null 2>&1; then
  $DOCKER tag "$KEYED_TAG" "$TAG"
  log "$TAG is up to date ($KEYED_TAG)"; exit 0
fi

# --- 2b. a cached build of the same inputs ---------------------------------------------------------
if [ $FORCE = 0 ] && [ -f "$IMAGE_TAR" ]; then
  log "loading cached $IMAGE_TAR"
  $DOCKER load -i "$IMAGE_TAR" >/dev/null
  $DOCKER tag "$KEYED_TAG" "$TAG"
  log "$TAG loaded from cache in $(( $(date +%s) - START ))s"
  exit 0
fi

# --- 3. rootfs ----------------------------------------------------------------------------------
if [ ! -f "$ROOTFS_TAR" ]; then
  command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install -y debootstrap"; exit 1; }
  log "debootstrap $SUITE minbase from $(mirror)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$WORK/rootfs" "$(mirror)" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; exit 1; }
  # a smaller image: no apt lists, caches, docs or man pages (the sandbox has no egress anyway)
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"* \
    "$WORK/rootfs/usr/share/doc/"* "$WORK/rootfs/usr/share/man/"* "$WORK/rootfs/usr/share/info/"* \
    "$WORK/rootfs/var/log/"*.log "$WORK/rootfs/var/cache/debconf/"*-old
  tar -C "$WORK/rootfs" --numeric-owner -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$WORK/rootfs"
fi

# --- 5a. an image without the seed: used once to produce the seed -------------------------------
mkdir -p "$WORK/rootfs"
tar -C "$WORK/rootfs" --numeric-owner -xf "$ROOTFS_TAR"
# --remove-destination: the overlay's usr/sbin/ip replaces Debian's symlink to /bin/ip (cp would
# otherwise write through the symlink, whose absolute target is the build machine's own /bin/ip)
cp -a --remove-destination "$HERE/rootfs-overlay/." "$WORK/rootfs/"
chmod 0755 "$WORK/rootfs/usr/local/sbin/"* "$WORK/rootfs/usr/sbin/ip"
echo node1 >"$WORK/rootfs/etc/hostname"

import() { # import <rootfs dir> <tag>
  tar -C "$1" --numeric-owner -c . | $DOCKER import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'WORKDIR /root' \
    --change 'VOLUME /var/lib/docker' \
    --change 'CMD ["/usr/local/sbin/vethlab-sandbox-init"]' \
    -m "vethlab: sandbox host $VERSION" - "$2" >/dev/null
}

# --- 4. seed: /var/lib/docker of an inner engine with the course images loaded -------------------
SEED_TAR="$CACHE/seed-$KEY.tar"
if [ ! -f "$SEED_TAR" ]; then
  mkdir -p "$WORK/rootfs/opt/vethlab/images"
  for name in $COURSE_IMAGES; do $DOCKER save -o "$WORK/rootfs/opt/vethlab/images/$name.tar" "$name:latest"; done
  import "$WORK/rootfs" "vethlab/sandbox-host-seeder:$KEY"
  log "seeding an inner engine with: $COURSE_IMAGES"
  # the same privileges a sandbox host gets from the driver's runc settings (security.ts)
  SEEDER=$($DOCKER run -d --init --cgroupns private --network none --cap-add ALL \
    --cap-drop SYS_RESOURCE --cap-drop SYS_MODULE --cap-drop SYS_TIME --cap-drop SYS_BOOT --cap-drop SYSLOG \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
    --label vethlab.driver=docker --label vethlab.build=sandbox-host \
    -e VETHLAB_SEED=1 "vethlab/sandbox-host-seeder:$KEY")
  i=0
  until $DOCKER logs "$SEEDER" 2>&1 | grep -q 'vethlab: seeded'; do
    i=$((i + 1))
    if [ $i -gt 240 ] || [ "$($DOCKER inspect -f '{{.State.Running}}' "$SEEDER")" != true ]; then
      $DOCKER logs "$SEEDER" 2>&1 | tail -n 30 >&2; log "seeding failed"; exit 1
    fi
    sleep 0.5
  done
  $DOCKER exec "$SEEDER" tar -C /var/lib/docker --numeric-owner --xattrs --xattrs-include='*' \
    --exclude=./network --exclude=./runtimes --exclude=./tmp -cf - . >"$SEED_TAR.tmp"
  mv "$SEED_TAR.tmp" "$SEED_TAR"
  $DOCKER rm -f -v "$SEEDER" >/dev/null; SEEDER=""
  $DOCKER rmi "vethlab/sandbox-host-seeder:$KEY" >/dev/null
  rm -rf "$WORK/rootfs/opt/vethlab/images"
fi

# --- 5b. the image: rootfs + overlay + the seed as a tarball. Not unpacked into the image's own
# /var/lib/docker: the inner overlay2 keeps whiteouts (0/0 char devices) and trusted.overlay.*
# xattrs that the outer overlay2 would interpret as its own.
mkdir -p "$WORK/rootfs/opt/vethlab"
cp "$SEED_TAR" "$WORK/rootfs/opt/vethlab/seed.tar"
import "$WORK/rootfs" "$TAG"
$DOCKER tag "$TAG" "$KEYED_TAG"
rm -rf "$WORK/rootfs"

log "saving $IMAGE_TAR"
$DOCKER save -o "$IMAGE_TAR.tmp" "$TAG" "$KEYED_TAG"
mv "$IMAGE_TAR.tmp" "$IMAGE_TAR"
# older builds of this version are superseded
$DOCKER images --format '{{.Repository}}:{{.Tag}}' "${TAG%:*}" | grep -F "${TAG%:*}:$VERSION-" | grep -vxF "$KEYED_TAG" \
  | xargs -r $DOCKER rmi >/dev/null 2>&1 || true
# keep only the newest cached results of each kind
for kind in "sandbox-host-$VERSION-" seed- rootfs-; do
  ls -t "$CACHE/$kind"*.tar 2>/dev/null | tail -n +3 | xargs -r rm -f
done
log "$TAG built in $(( $(date +%s) - START ))s"
