/**
 * Network namespaces (net/core/net_namespace.c): each has its own devices, ifindex counter,
 * routes, sysctls, netfilter tables, conntrack table and sockets.
 */
import { formatIp } from './ipv4.ts';
import { type HwAddr, ZERO_HWADDR } from './hwaddr.ts';
import { emptyStats, type IfAddr, type Link, type LinkKind } from './link.ts';
import type { Kernel } from './kernel.ts';
import type { Route } from './route.ts';
import { Sysctl } from './sysctl.ts';
import { createNetfilter, type Netfilter } from './netfilter/table.ts';
import type { ConntrackEntry } from './conntrack.ts';
import type { Socket } from './socket.ts';
import type { Neighbour } from './neighbour.ts';

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
  const lo = addLink(ns, { name: 'lo', kind: 'loopback', mac: ZERO_HWADDR, mtu: 65536, txqlen: 1000, qdisc: 'noqueue' });
  lo.addrs.push({ addr: 0x7f000001, len: 8, scope: 'host' });
  lo.ipv6LinkLocal = false;
  return ns;
}

/** What a new device needs. */
export interface LinkSpec {
  name: string;
  kind: LinkKind;
  mac: HwAddr;
  mtu?: number;
  txqlen?: number;
  qdisc?: string;
}

/** Register a device in `ns`, giving it the namespace's next ifindex. */
export function addLink(ns: Netns, spec: LinkSpec): Link {
  const link: Link = {
    ifindex: ns.nextIfindex++,
    name: spec.name,
    kind: spec.kind,
    mac: spec.mac,
    mtu: spec.mtu ?? 1500,
    up: false,
    ns,
    addrs: [],
    qdisc: spec.qdisc ?? 'noqueue',
    txqlen: spec.txqlen ?? 0,
    stats: emptyStats(),
    ipv6LinkLocal: false,
    ipv6: true,
  };
  if (spec.kind === 'bridge') link.fdb = new Map();
  ns.links.push(link);
  return link;
}

/** Create a veth pair in `ns`; the peer registers first, so it gets the lower ifindex (veth_newlink). */
export function addVethPair(ns: Netns, name: string, mac: HwAddr, peerName: string, peerMac: HwAddr): [Link, Link] {
  const peer = addLink(ns, { name: peerName, kind: 'veth', mac: peerMac });
  const link = addLink(ns, { name, kind: 'veth', mac });
  link.peer = peer;
  peer.peer = link;
  return [link, peer];
}

/** Move a device to another namespace, keeping its ifindex unless taken there (dev_change_net_namespace). */
export function moveLink(link: Link, to: Netns, newName?: string): void {
  const from = link.ns;
  from.links = from.links.filter((l) => l !== link);
  link.master = undefined;
  link.up = false;
  if (to.links.some((l) => l.ifindex === link.ifindex)) link.ifindex = to.nextIfindex++;
  else to.nextIfindex = Math.max(to.nextIfindex, link.ifindex + 1);
  if (newName) link.name = newName;
  link.ns = to;
  to.links.push(link);
  to.links.sort((a, b) => a.ifindex - b.ifindex);
}

/** Delete a device; deleting one end of a veth deletes the other, as the kernel does. */
export function deleteLink(link: Link): void {
  const drop = (l: Link) => {
    l.ns.links = l.ns.links.filter((x) => x !== l);
    l.ns.neighbours = l.ns.neighbours.filter((n) => n.dev !== l);
    if (l.lan) l.lan.ports = l.lan.ports.filter((x) => x !== l);
    l.ns.routes = l.ns.routes.filter((r) => r.dev !== l);
    for (const other of l.ns.links) {
      if (other.master === l) other.master = undefined;
      other.fdb?.forEach((port, mac) => {
        if (port === l) other.fdb!.delete(mac);
      });
    }
  };
  drop(link);
  if (link.peer) drop(link.peer);
}

/** The device called `name` in `ns`. */
export function linkByName(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}

/** The device with `ifindex` in `ns`. */
export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  return ns.links.find((l) => l.ifindex === ifindex);
}

/** Add an IPv4 address to a device. */
export function addAddress(link: Link, addr: IfAddr): void {
  link.addrs.push(addr);
}

/** Bring a device up; addrconf gives it an IPv6 link-local address once it has carrier. */
export function setLinkUp(link: Link, up: boolean): void {
  link.up = up;
  refreshLinkLocal(link.ns);
}

/** Enslave `port` to `bridge` (or release it with undefined). */
export function setMaster(port: Link, bridge: Link | undefined): void {
  port.master = bridge;
  refreshLinkLocal(port.ns);
}

/** Give every device that has carrier and IPv6 enabled its link-local address (kept afterwards). */
export function refreshLinkLocal(ns: Netns, nested = false): void {
  const disabled = ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') === '1';
  for (const l of ns.links) {
    if (l.kind === 'loopback' || disabled || !l.ipv6) continue;
    if (l.up && carrierOf(l)) l.ipv6LinkLocal = true;
  }
  if (nested) return;
  // A veth end coming up gives carrier to its peer (and the peer's bridge) in the other namespace.
  for (const l of ns.links) if (l.peer && l.peer.ns !== ns) refreshLinkLocal(l.peer.ns, true);
}

// Local copy of link.ts hasCarrier without importing its bridge helper twice.
function carrierOf(l: Link): boolean {
  if (!l.up) return false;
  if (l.kind === 'veth') return l.peer?.up === true;
  if (l.kind === 'bridge') return l.ns.links.some((p) => p.master === l && carrierOf(p));
  return true;
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
