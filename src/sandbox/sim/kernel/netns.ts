/**
 * Network namespaces (net/core/net_namespace.c): each has its own devices, ifindex counter,
 * routes, sysctls, netfilter tables, conntrack table and sockets.
 */
import { formatIp } from './ipv4.ts';
import { ZERO_HWADDR } from './hwaddr.ts';
import type { Link, PacketBinding } from './link.ts';
import { createLink, deleteLink } from './rtnetlink/links.ts';
import type { Kernel } from './kernel.ts';
import type { Route } from './route.ts';
import { Sysctl } from './sysctl.ts';
import { createNetfilter, type Netfilter } from './netfilter/table.ts';
import type { ConntrackEntry } from './conntrack.ts';
import type { ConntrackListener } from './conntrack-events.ts';
import type { ConntrackCpuStats } from './conntrack-stats.ts';
import type { Socket } from './socket.ts';
import type { Neighbour } from './neighbour.ts';
import { InvariantError } from '../../../errors/invariant.ts';

/** One network namespace. */
export interface Netns {
  /** Inode number, as /proc/PID/ns/net shows it. */
  inode: number;
  kernel: Kernel;
  links: Link[];
  /** Next ifindex to hand out (per namespace, like net->ifindex). */
  nextIfindex: number;
  /** Routes other than the connected ones (which follow from addresses). */
  routes: Route[];
  sysctl: Sysctl;
  netfilter: Netfilter;
  conntrack: ConntrackEntry[];
  /** Netlink sockets listening to the table's events (`conntrack -E`), while any listens. */
  conntrackListeners?: Set<ConntrackListener>;
  /** Per-CPU conntrack statistics, once any counter moved (`conntrack -S`). */
  conntrackStats?: Map<number, ConntrackCpuStats>;
  sockets: Socket[];
  /** The neighbour (ARP) table. */
  neighbours: Neighbour[];
  /** netnsids this namespace gave to others (`link-netnsid N`), assigned on first use. */
  peerIds: Map<Netns, number>;
  /** No process holds it, only namespace files (`ip netns add`): it goes with the last of them. */
  heldByFilesOnly?: boolean;
  /** Packet sockets bound to no device (`tcpdump -i any`): told of every frame of every device here. */
  anyTaps?: Set<PacketBinding>;
}

/** A new namespace with only `lo` (down, as in a fresh namespace). */
export function createNetns(kernel: Kernel, sysctlFrom?: Sysctl): Netns {
  const ns: Netns = {
    inode: kernel.nextInode++,
    kernel,
    links: [],
    nextIfindex: 1,
    routes: [],
    sysctl: new Sysctl(sysctlFrom),
    netfilter: createNetfilter(),
    conntrack: [],
    sockets: [],
    neighbours: [],
    peerIds: new Map(),
  };
  // 127.0.0.1 comes with the first `up` (inetdev's NETDEV_UP for loopback), see setLinkUp.
  createLink(ns, { name: 'lo', kind: 'loopback', mac: ZERO_HWADDR, mtu: 65536, txqlen: 1000, qdisc: 'noop' });
  return ns;
}

/** The namespace's loopback device (always its first). */
export function loopback(ns: Netns): Link {
  const lo = ns.links.find((l) => l.kind === 'loopback');
  if (!lo) throw new InvariantError(`netns ${ns.inode} was created without its loopback`);
  return lo;
}

/**
 * Tear a namespace down (its last process left, nothing holds it): its devices go, veth pairs
 * with their peers in other namespaces, and with them its sockets and connection tracking.
 */
export function deleteNetns(ns: Netns): void {
  for (const l of [...ns.links]) if (l.kind !== 'loopback') deleteLink(l);
  ns.sockets = [];
  ns.conntrack = [];
  // Other namespaces forget the id they gave this one (net_drop_ns), so it can be handed out again.
  for (const other of ns.peerIds.keys()) other.peerIds.delete(ns);
  ns.peerIds.clear();
}

/** The device called `name` in `ns`. */
export function linkByName(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}

/** The device with `ifindex` in `ns`. */
export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  return ns.links.find((l) => l.ifindex === ifindex);
}

/**
 * Whether `addr` is local to `ns`: assigned to a device that is up (the local table loses a
 * down device's addresses), or in 127.0.0.0/8 while lo is up.
 */
export function isLocalAddress(ns: Netns, addr: number): boolean {
  if (addr >>> 24 === 127) return loopback(ns).up;
  return ns.links.some((l) => l.up && l.addrs.some((a) => a.addr === addr));
}

/** The first IPv4 address of a device, dotted, for messages. */
export function primaryAddress(link: Link): string | undefined {
  const a = link.addrs[0];
  return a ? formatIp(a.addr) : undefined;
}
