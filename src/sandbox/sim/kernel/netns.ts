/**
 * Network namespaces (net/core/net_namespace.c): each has its own devices, ifindex counter,
 * routes, sysctls, netfilter tables, conntrack table and sockets.
 */
import { formatIp } from './ipv4.ts';
import { ZERO_HWADDR } from './hwaddr.ts';
import type { Link } from './link.ts';
import { addAddress } from './rtnetlink/addresses.ts';
import { createLink, deleteLink } from './rtnetlink/links.ts';
import type { Kernel } from './kernel.ts';
import type { Route } from './route.ts';
import { Sysctl } from './sysctl.ts';
import { createNetfilter, type Netfilter } from './netfilter/table.ts';
import type { ConntrackEntry } from './conntrack.ts';
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
  sockets: Socket[];
  /** The neighbour (ARP) table. */
  neighbours: Neighbour[];
  /** netnsids this namespace gave to others (`link-netnsid N`), assigned on first use. */
  peerIds: Map<Netns, number>;
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
  const lo = createLink(ns, { name: 'lo', kind: 'loopback', mac: ZERO_HWADDR, mtu: 65536, txqlen: 1000, qdisc: 'noqueue' });
  addAddress(lo, { addr: 0x7f000001, len: 8, scope: 'host' });
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
}

/** The device called `name` in `ns`. */
export function linkByName(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}

/** The device with `ifindex` in `ns`. */
export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  return ns.links.find((l) => l.ifindex === ifindex);
}

/** The netnsid `ns` uses for `other` (allocated in order of first use, from 0). */
export function peerNetnsId(ns: Netns, other: Netns): number {
  let id = ns.peerIds.get(other);
  if (id === undefined) {
    id = ns.peerIds.size;
    ns.peerIds.set(other, id);
  }
  return id;
}

/** Whether `addr` is assigned to any device of `ns` (or is loopback). */
export function isLocalAddress(ns: Netns, addr: number): boolean {
  if (addr >>> 24 === 127) return true;
  return ns.links.some((l) => l.addrs.some((a) => a.addr === addr));
}

/** The first IPv4 address of a device, dotted, for messages. */
export function primaryAddress(link: Link): string | undefined {
  const a = link.addrs[0];
  return a ? formatIp(a.addr) : undefined;
}
