#!/bin/sh
# Get this machine's Docker engine ready for the Docker driver (its integration tests, benchmark,
# and SANDBOX_DRIVER=docker itself); called by .ci/run, safe to run again:
#   1. the nftables guard: forwarded packets leave only through Docker bridges (nothing a test
#      does can reach a LAN or public address)
#   2. the safe engine: dockerd with user namespaces (--userns-remap): root in every container,
#      sandbox hosts included, is an unprivileged subordinate UID of the user vethlab-sandbox on
#      this machine (docs/deploy.md, "The safe engine"). A running engine without it is restarted.
#   3. dockerd running and answering on /var/run/docker.sock (DOCKER_HOST is honoured if set)
#   4. the sandbox host image vethlab/sandbox-host:<VERSION>, built or loaded from .cache/images
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

# --- 2. the safe engine: user namespaces ---------------------------------------------------------
REMAP_USER=vethlab-sandbox
DAEMON_JSON=/etc/docker/daemon.json
remapped() { docker info --format '{{json .SecurityOptions}}' 2>/dev/null | grep -q 'name=userns'; }
if ! id -u "$REMAP_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$REMAP_USER"
  log "user $REMAP_USER added"
fi
# 65536 subordinate IDs, after any ranges already handed out
for file in /etc/subuid /etc/subgid; do
  touch "$file"
  if ! grep -q "^$REMAP_USER:" "$file"; then
    start=$(awk -F: 'BEGIN { end = 100000 } { if ($2 + $3 > end) end = $2 + $3 } END { print end }' "$file")
    echo "$REMAP_USER:$start:65536" >>"$file"
    log "$file: $REMAP_USER gets $start-$((start + 65535))"
  fi
done
if [ ! -s "$DAEMON_JSON" ]; then
  mkdir -p "$(dirname "$DAEMON_JSON")"
  printf '{\n  "userns-remap": "%s"\n}\n' "$REMAP_USER" >"$DAEMON_JSON"
  log "$DAEMON_JSON: userns-remap $REMAP_USER"
elif ! grep -q '"userns-remap"' "$DAEMON_JSON"; then
  log "$DAEMON_JSON exists without \"userns-remap\": add \"userns-remap\": \"$REMAP_USER\" to it (docs/deploy.md)"
  exit 1
fi
if answers && ! remapped; then
  log "the running dockerd has no user namespaces: restarting it"
  if [ -x "$FIDELITY/dockerd.sh" ]; then
    "$FIDELITY/dockerd.sh" stop
  elif [ -f /var/run/docker.pid ]; then
    kill "$(cat /var/run/docker.pid)" 2>/dev/null || true
  fi
  i=0
  while answers; do
    i=$((i + 1)); [ $i -gt 60 ] && { log "dockerd did not stop within 30 s"; exit 1; }
    sleep 0.5
  done
fi

# --- 3. dockerd ----------------------------------------------------------------------------------
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
remapped || { log "the engine answers without user namespaces (another dockerd?): see docs/deploy.md"; exit 1; }

# --- 4. image ------------------------------------------------------------------------------------
missing=""
command -v debootstrap >/dev/null || missing="$missing debootstrap"
[ -x /bin/busybox ] || missing="$missing busybox-static"
if [ -n "$missing" ]; then
  log "installing$missing"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >/dev/null
fi
"$ROOT/images/sandbox-host/build.sh"
