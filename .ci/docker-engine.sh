#!/bin/sh
# Get this machine's Docker engine ready for the Docker driver's integration tests and benchmark
# (called by .ci/run; safe to run again):
#   1. the nftables guard: forwarded packets leave only through Docker bridges (nothing a test
#      does can reach a LAN or public address)
#   2. dockerd running and answering on /var/run/docker.sock (DOCKER_HOST is honoured if set)
#   3. the sandbox host image vethlab/sandbox-host:<VERSION>, built or loaded from .cache/images
# Needs root, Debian bookworm with docker.io; installs debootstrap and busybox-static if missing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIDELITY=$ROOT/tests/fidelity
log() { printf 'docker-engine: %s\n' "$*" >&2; }
answers() { docker version >/dev/null 2>&1; }

# --- 1. guard ------------------------------------------------------------------------------------
if ! nft list table inet vethlab_guard >/dev/null 2>&1 && ! nft list table inet vethlab_guard_driver >/dev/null 2>&1; then
  if [ -x "$FIDELITY/guard.sh" ]; then
    "$FIDELITY/guard.sh" add
  else
    nft add table inet vethlab_guard_driver
    nft add chain inet vethlab_guard_driver forward_guard '{ type filter hook forward priority -10; policy accept; }'
    nft add rule inet vethlab_guard_driver forward_guard oifname '{ "docker0", "br-*", "docker_gwbridge" }' accept
    nft add rule inet vethlab_guard_driver forward_guard counter reject
  fi
  log "network guard installed"
fi

# --- 2. dockerd ----------------------------------------------------------------------------------
if ! answers; then
  if [ -x "$FIDELITY/dockerd.sh" ]; then
    "$FIDELITY/dockerd.sh" start
  else
    log "starting dockerd (log /var/log/vethlab-dockerd.log)"
    # a pull has nowhere to go: fail at once on a closed loopback port
    HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 setsid dockerd \
      >>/var/log/vethlab-dockerd.log 2>&1 </dev/null &
  fi
  i=0
  until answers; do
    i=$((i + 1)); [ $i -gt 120 ] && { log "dockerd did not answer within 60 s"; exit 1; }
    sleep 0.5
  done
fi
log "engine $(docker version --format '{{.Server.Version}}') answers"

# --- 3. image ------------------------------------------------------------------------------------
missing=""
command -v debootstrap >/dev/null || missing="$missing debootstrap"
[ -x /bin/busybox ] || missing="$missing busybox-static"
if [ -n "$missing" ]; then
  log "installing$missing"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >/dev/null
fi
"$ROOT/images/sandbox-host/build.sh"
