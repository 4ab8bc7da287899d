#!/bin/sh
# A private Docker 20.10 engine for recording, isolated from the machine's shared dockerd and
# from the machine's own network: its own network, mount and UTS namespaces ("the recording
# host"), so `docker ps -a`, `iptables -S`, `ip link` show only what a scenario made, and other
# engineers' containers are never touched.
#
#   engine.sh start          create the namespaces and start dockerd in them (idempotent)
#   engine.sh stop           stop that dockerd (the namespaces go with it)
#   engine.sh status
#   engine.sh run CMD...     run CMD inside the recording host (network, mount, UTS namespaces)
#   engine.sh images         build busybox and nginx into the private engine (images/build-*.sh)
#
# The recording host (keep in step with the simulator's default host profile, see README):
#   the simulator's default profile (src/sandbox/sim/simulation.ts): a VirtualBox-style NAT VM
#   with hostname node1, lo, and eth0 (altname enp0s3, MAC 08:00:27:xx:xx:xx) 10.0.2.15/24 "dynamic", default via
#   10.0.2.2; eth0 is a tap device held open by tap-carrier.py (python3), which reads and drops
#   every frame: nothing sent there goes anywhere. (Its qdisc is pfifo_fast: this kernel has no
#   fq_codel, the simulator's VM shows fq_codel.)
#   /etc/resolv.conf: nameserver 10.0.2.3 (unreachable by construction); /etc/hosts as Debian's
#   dockerd: data-root /var/lib/docker (a bind mount of /var/lib/vethlab-fidelity/docker),
#   socket /var/run/docker.sock (a private /run), its own /sys, HTTP(S)_PROXY to a closed
#   loopback port.
#   net.ipv4.ip_forward: 0 at boot, like the simulator's default profile (a stock Debian/Ubuntu VM;
#   dockerd then turns it on and sets the filter FORWARD policy to DROP, as libnetwork does).
#   VETHLAB_FIDELITY_IP_FORWARD=1 starts a host whose forwarding was already on (FORWARD stays ACCEPT).
#   A fresh network namespace inherits the machine's value (net.core.devconf_inherit_init_net=0), which
#   is 1 wherever a dockerd runs, so it is written explicitly.
# The guard (guard.sh) is also added inside the recording host's network namespace.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
# VETHLAB_FIDELITY_STATE gives a second recording host its own state (engines in parallel never share one).
STATE=${VETHLAB_FIDELITY_STATE:-/var/lib/vethlab-fidelity}
PIDFILE=$STATE/engine.pid
LOG=$STATE/dockerd.log
IP_FORWARD=${VETHLAB_FIDELITY_IP_FORWARD:-0}
case "$IP_FORWARD" in 0|1) ;; *) echo "VETHLAB_FIDELITY_IP_FORWARD must be 0 or 1" >&2; exit 2 ;; esac

pid() { [ -f $PIDFILE ] && kill -0 "$(cat $PIDFILE)" 2>/dev/null && cat $PIDFILE; }
in_ns() { p=$(pid) || { echo "engine not running" >&2; return 1; }; nsenter -t "$p" -n -m -u -- "$@"; }
ready() { in_ns /usr/bin/docker version >/dev/null 2>&1; }

start() {
  if pid >/dev/null && ready; then echo "engine running (pid $(pid))"; return 0; fi
  mkdir -p "$STATE/docker" "$STATE/etc"
  printf 'nameserver 10.0.2.3\n' > "$STATE/etc/resolv.conf"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tnode1\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n' > "$STATE/etc/hosts"
  printf 'node1\n' > "$STATE/etc/hostname"
  # A config of its own: the machine's /etc/docker/daemon.json may turn on userns-remap (the Docker
  # driver's safe engine does), which a learner's stock engine does not have.
  printf '{}\n' > "$STATE/daemon.json"
  rm -f $PIDFILE
  HERE="$HERE" STATE="$STATE" LOG="$LOG" PIDFILE="$PIDFILE" IP_FORWARD="$IP_FORWARD" \
  setsid unshare --net --mount --uts --propagation private --fork sh -c '
    set -e
    echo $$ > "$PIDFILE"
    hostname node1
    ip link set lo up
    sysctl -qw net.ipv4.ip_forward="$IP_FORWARD"
    ip tuntap add dev eth0 mode tap
    python3 "$HERE/tap-carrier.py" eth0 "$STATE/tap.pid" </dev/null &
    ip link set eth0 address "08:00:27:$(od -An -N3 -tx1 /dev/urandom | sed "s/^ //; s/ /:/g")"
    ip link property add dev eth0 altname enp0s3
    ip addr add 10.0.2.15/24 brd + dev eth0 valid_lft 86400 preferred_lft 86400
    ip link set eth0 up
    ip route add default via 10.0.2.2 dev eth0
    mount -t tmpfs -o mode=755 tmpfs /run
    # /sys/class/net of this namespace (brctl reads it), keeping the cgroup hierarchies runc needs
    mkdir -p /run/vethlab-cgroup
    mount --rbind /sys/fs/cgroup /run/vethlab-cgroup
    mount -t sysfs sysfs /sys
    mount --move /run/vethlab-cgroup /sys/fs/cgroup
    rmdir /run/vethlab-cgroup 2>/dev/null || true
    mkdir -p /var/lib/docker
    mount --bind "$STATE/docker" /var/lib/docker
    mount --bind "$STATE/etc/resolv.conf" /etc/resolv.conf
    mount --bind "$STATE/etc/hosts" /etc/hosts
    mount --bind "$STATE/etc/hostname" /etc/hostname
    "$HERE/guard.sh" add
    export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=
    exec /usr/sbin/dockerd --config-file "$STATE/daemon.json" --data-root /var/lib/docker --pidfile /run/docker.pid
  ' >>"$LOG" 2>&1 </dev/null &
  i=0
  until pid >/dev/null && ready; do
    i=$((i + 1)); [ $i -gt 120 ] && { echo "engine did not come up; see $LOG" >&2; exit 1; }
    sleep 0.5
  done
  echo "engine running (pid $(pid)), log $LOG"
}

stop() {
  p=$(pid) || return 0
  kill "$p" 2>/dev/null || true
  i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
  rm -f $PIDFILE
  if [ -f "$STATE/tap.pid" ]; then kill "$(cat "$STATE/tap.pid")" 2>/dev/null || true; rm -f "$STATE/tap.pid"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if pid >/dev/null && ready; then echo "engine running (pid $(pid))"; else echo "engine not running"; exit 1; fi ;;
  run) shift; in_ns "$@" ;;
  images)
    # the builders run here (apt-get download needs the machine's network); only their final
    # `docker import` talks to the private engine, through this wrapper
    printf '#!/bin/sh\nexec nsenter -t "$(cat %s)" -n -m -u -- /usr/bin/docker "$@"\n' "$PIDFILE" > "$STATE/docker-cli"
    chmod +x "$STATE/docker-cli"
    "$HERE/../../images/build-busybox.sh" "$STATE/docker-cli"
    "$HERE/../../images/build-nginx.sh" "$STATE/docker-cli"
    ;;
  *) echo "usage: $0 start|stop|status|run CMD...|images" >&2; exit 2 ;;
esac
