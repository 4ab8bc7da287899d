#!/bin/sh
# Network guard for recording on a real Docker engine (Vethlab fidelity recordings).
#
#   guard.sh add      install the nftables table inet vethlab_guard (idempotent)
#   guard.sh remove   delete it
#   guard.sh status   print it with its counters (exit 1 if absent)
#
# What it stops, so that nothing a scenario does can reach a LAN or public address:
#  * forward hook: a routed packet is rejected unless it leaves through a Docker bridge
#    (docker0, br-*, docker_gwbridge). This catches containers pinging/fetching outside and the
#    DNS look-ups a container makes for unknown names (busybox on the default bridge asks the
#    host's upstream resolver; the embedded DNS at 127.0.0.11 forwards from inside the
#    container's namespace, so its upstream query is routed through the host too).
#  * output hook: any packet sent by a process in the cgroup-v2 group "vethlab-dockerd"
#    (dockerd, containerd, docker-proxy: see dockerd.sh) or "docker" (containers, including
#    --network host ones) is rejected unless it leaves through lo or a Docker bridge. This
#    catches registry look-ups by the daemon itself and anything a host-network container sends.
#    (On a cgroup-v1/v2 hybrid host the v2 hierarchy is /sys/fs/cgroup/unified; nft resolves
#    the path relative to /sys/fs/cgroup, hence the prefix.)
# Both chains run at priority filter-10, before Docker's own iptables-nft chains.
set -eu

TABLE="inet vethlab_guard"
CG_GROUP=vethlab-dockerd

cg_root() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo /sys/fs/cgroup; echo ""; return; fi
  if [ -d /sys/fs/cgroup/unified ]; then echo /sys/fs/cgroup/unified; echo "unified/"; return; fi
  echo ""; echo ""
}

add() {
  set -- $(cg_root)
  root=${1:-}; prefix=${2:-}
  # br* and not only br-*: scenarios build bridges by hand (br0 in by-hand.sh), and with br_netfilter
  # loaded their bridged frames pass this hook too. A bridge only reaches what is plugged into it.
  bridges='{ "docker0", "br*", "docker_gwbridge" }'
  out='{ "lo", "docker0", "br-*", "docker_gwbridge" }'
  # one nft transaction: the old table (if any) is replaced atomically, never absent
  {
    echo "table $TABLE"
    echo "delete table $TABLE"
    echo "table $TABLE {"
    echo "  chain forward_guard {"
    echo "    type filter hook forward priority -10; policy accept;"
    echo "    oifname $bridges accept"
    echo "    meta l4proto tcp counter reject with tcp reset"
    echo "    counter reject"
    echo "  }"
    if [ -n "$root" ]; then
      echo "  chain output_guard {"
      echo "    type filter hook output priority -10; policy accept;"
      # "docker" is where runc puts containers (cgroupfs driver): guards --network host ones
      for group in $CG_GROUP docker; do
        mkdir -p "$root/$group"
        echo "    socket cgroupv2 level 1 \"$prefix$group\" oifname $out accept"
        echo "    socket cgroupv2 level 1 \"$prefix$group\" meta l4proto tcp counter reject with tcp reset"
        echo "    socket cgroupv2 level 1 \"$prefix$group\" counter reject"
      done
      echo "  }"
    fi
    echo "}"
  } | nft -f -
  [ -n "$root" ] || echo "guard: no cgroup v2 hierarchy; the daemon's own output is not guarded" >&2
}

case "${1:-}" in
  add) add ;;
  remove) nft delete table $TABLE 2>/dev/null || true ;;
  status) nft list table $TABLE ;;
  cgroup) set -- $(cg_root); echo "${1:-}/$CG_GROUP" ;;
  *) echo "usage: $0 add|remove|status|cgroup" >&2; exit 2 ;;
esac
