#!/bin/sh
# Start/stop the Docker 20.10 daemon the fidelity recordings are made on.
#
#   dockerd.sh start    guard first, then dockerd (default socket /var/run/docker.sock) with its
#                       own data-root, inside the guarded cgroup; waits for the socket
#   dockerd.sh stop     stop the daemon this script started
#   dockerd.sh status
#
# The daemon gets HTTP(S)_PROXY=http://127.0.0.1:9 (a closed loopback port) so that a pull, or a
# `docker run` of an image that is not present, fails at once on loopback instead of reaching a
# registry; the guard's output chain rejects anything else the daemon might send.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_ROOT=${VETHLAB_DOCKER_DATA_ROOT:-/var/lib/docker}
LOG=${VETHLAB_DOCKERD_LOG:-/var/log/vethlab-dockerd.log}
PIDFILE=/var/run/docker.pid
DOCKER=/usr/bin/docker

running() { [ -S /var/run/docker.sock ] && $DOCKER version >/dev/null 2>&1; }

case "${1:-}" in
  start)
    "$HERE/guard.sh" add
    if running; then echo "dockerd already running"; exit 0; fi
    CG=$("$HERE/guard.sh" cgroup)
    mkdir -p "$DATA_ROOT"
    # a shell that moves itself into the guarded cgroup, then becomes dockerd
    CG="$CG" DATA_ROOT="$DATA_ROOT" PIDFILE="$PIDFILE" setsid sh -c '
      echo $$ > "$CG/cgroup.procs"
      export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=
      exec /usr/sbin/dockerd --data-root "$DATA_ROOT" --pidfile "$PIDFILE"
    ' >>"$LOG" 2>&1 </dev/null &
    i=0
    while ! running; do
      i=$((i + 1)); [ $i -gt 120 ] && { echo "dockerd did not come up; see $LOG" >&2; exit 1; }
      sleep 0.5
    done
    echo "dockerd running (pid $(cat $PIDFILE)), data-root $DATA_ROOT, log $LOG"
    ;;
  stop)
    if [ -f $PIDFILE ]; then
      pid=$(cat $PIDFILE)
      kill "$pid" 2>/dev/null || true
      i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
    fi
    ;;
  status)
    if running; then echo "dockerd running (pid $(cat $PIDFILE))"; else echo "dockerd not running"; exit 1; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
