/**
 * Link operations (rtnetlink RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK, net/core/dev.c): create,
 * delete, bring up or down, enslave to a bridge, move to another namespace, rename, set the MTU.
 * Daemon and userland change devices only through these, as dockerd and iproute2 do through
 * netlink; addrconf's IPv6 link-local address follows from carrier here too.
 */
import { trackIgmpReport } from '../conntrack.ts';
import { LOOPBACK_ADDR } from '../ipv4.ts';
import type { Errno } from '../errno.ts';
import { randomHwAddr, type HwAddr } from '../hwaddr.ts';
import { emptyStats, hasCarrier, type Lan, type Link, type LinkKind, type LinkStats, type VxlanConfig } from '../link.ts';
import type { Netns } from '../netns.ts';
import { peerNetnsId } from '../netnsid.ts';

/** 127.0.0.1, which loopback gets when it first comes up. */

/** What a new device needs. */
export interface LinkSpec {
  name: string;
  kind: LinkKind;
  mac: HwAddr;
  mtu?: number;
  txqlen?: number;
  qdisc?: string;
  /** An alternative name (`altname`, e.g. the predictable enp0s3). */
  altname?: string;
  /** Counters the device starts with (a NIC that already moved traffic before the session). */
  stats?: Partial<LinkStats>;
  /** VXLAN devices: VNI, port and the forwarding lookup (`ip link add … type vxlan id N`). */
  vxlan?: VxlanConfig;
}

/** Register a device in `ns`, giving it the namespace's next ifindex. */
export function createLink(ns: Netns, spec: LinkSpec): Link {
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
    stats: { ...emptyStats(), ...spec.stats },
    ipv6LinkLocal: false,
    ipv6: true,
  };
  if (spec.altname !== undefined) link.altname = spec.altname;
  if (spec.vxlan !== undefined) link.vxlan = spec.vxlan;
  if (spec.kind === 'bridge') link.fdb = new Map();
  ns.links.push(link);
  return link;
}

/** Create a veth pair in `ns`; the peer registers first, so it gets the lower ifindex (veth_newlink). */
export function createVethPair(ns: Netns, name: string, mac: HwAddr, peerName: string, peerMac: HwAddr): [Link, Link] {
  const peer = createLink(ns, { name: peerName, kind: 'veth', mac: peerMac });
  const link = createLink(ns, { name, kind: 'veth', mac });
  link.peer = peer;
  peer.peer = link;
  // veth_newlink turns both ends' carrier off at once (a change from the device's default "on").
  link.stats.carrierChanges = 1;
  peer.stats.carrierChanges = 1;
  return [link, peer];
}

/** What `ip link add NAME type KIND [peer name PEER]` asks for. */
export interface NewLinkRequest {
  name: string;
  kind: 'veth' | 'bridge' | 'dummy';
  /** veth only: the other end's name ("veth%d" picks the first free one). */
  peer?: string;
}

/**
 * RTM_NEWLINK from userland (rtnl_newlink): EEXIST when a name is taken in `ns`. Devices start
 * down with random MACs; a bridge's MAC then follows its lowest port's until one is set.
 */
export function addLink(ns: Netns, req: NewLinkRequest): Link | Errno {
  const taken = (name: string) => ns.links.some((l) => l.name === name);
  const random = ns.kernel.random;
  if (req.kind === 'veth') {
    // The peer registers first, so "veth%d" may take the very name asked for the device.
    const template = req.peer ?? 'veth%d';
    const peer = template.includes('%d') ? allocLinkName(ns, template) : template;
    if (taken(req.name) || taken(peer) || peer === req.name) return 'EEXIST';
    const [link, other] = createVethPair(ns, req.name, randomHwAddr(random), peer, randomHwAddr(random));
    for (const end of [link, other]) {
      end.macAssign = 'random';
      end.txqlen = 1000;
      end.qdisc = 'noop';
    }
    return link;
  }
  if (taken(req.name)) return 'EEXIST';
  const link = createLink(ns, { name: req.name, kind: req.kind, mac: randomHwAddr(random), qdisc: 'noop' });
  link.macAssign = 'random';
  if (req.kind === 'bridge') link.bridgeId = [0, 0, 0, 0, 0, 0];
  if (req.kind === 'dummy') link.txqlen = 1000;
  return link;
}

/** The first name `template` ("veth%d") gives that is free in `ns` (dev_alloc_name). */
export function allocLinkName(ns: Netns, template: string): string {
  for (let i = 0; ; i++) {
    const name = template.replace('%d', String(i));
    if (!ns.links.some((l) => l.name === name)) return name;
  }
}

/**
 * A bridge without a MAC of its own takes the lowest of its ports', all zeros once the last one
 * leaves (br_stp_recalculate_bridge_id); its bridge id follows.
 */
function recalculateBridgeMac(bridge: Link | undefined): void {
  if (bridge?.kind !== 'bridge' || bridge.macAssign !== 'random') return;
  let lowest: HwAddr = [0, 0, 0, 0, 0, 0];
  let any = false;
  for (const port of bridge.ns.links) {
    if (port.master !== bridge) continue;
    if (!any || compareHwAddr(port.mac, lowest) < 0) lowest = port.mac;
    any = true;
  }
  bridge.mac = [...lowest];
  bridge.bridgeId = [...lowest];
}

function compareHwAddr(a: HwAddr, b: HwAddr): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Set a device's MAC (dev_set_mac_address): a multicast address is refused. */
export function setLinkHwAddr(link: Link, mac: HwAddr): Errno | undefined {
  if (mac.length !== 6 || ((mac[0] ?? 0) & 1) === 1) return 'EADDRNOTAVAIL';
  link.mac = [...mac];
  link.macAssign = undefined;
  link.bridgeId = undefined;
  recalculateBridgeMac(link.master);
  return undefined;
}

/** Delete a device (rtnl_dellink): loopback cannot go; one end of a veth takes the other along. */
export function deleteLink(link: Link): Errno | undefined {
  if (link.kind === 'loopback') return 'EOPNOTSUPP';
  const drop = (l: Link) => {
    l.ns.links = l.ns.links.filter((x) => x !== l);
    l.ns.neighbours = l.ns.neighbours.filter((n) => n.dev !== l);
    if (l.lan) l.lan.ports = l.lan.ports.filter((x) => x !== l);
    l.ns.routes = l.ns.routes.filter((r) => r.dev !== l);
    for (const other of l.ns.links) {
      if (other.master === l) other.master = undefined;
      const fdb = other.fdb;
      fdb?.forEach((port, mac) => {
        if (port === l) fdb.delete(mac);
      });
    }
  };
  const masters = [link.master, link.peer?.master];
  drop(link);
  if (link.peer) drop(link.peer);
  for (const m of masters) recalculateBridgeMac(m);
  return undefined;
}

/**
 * Move a device to another namespace, keeping its ifindex unless taken there
 * (dev_change_net_namespace): loopback and bridges are local to their namespace (EINVAL), a name
 * taken there is EEXIST. The device arrives down, without addresses; a veth whose peer stays
 * behind gets a netnsid for it on both sides (what `link-netnsid` then shows).
 */
export function moveLinkToNetns(link: Link, to: Netns, newName?: string): Errno | undefined {
  if (link.kind === 'loopback' || link.kind === 'bridge') return 'EINVAL';
  const from = link.ns;
  if (from === to) return undefined;
  if (to.links.some((l) => l.name === (newName ?? link.name))) return 'EEXIST';
  from.links = from.links.filter((l) => l !== link);
  from.routes = from.routes.filter((r) => r.dev !== link);
  from.neighbours = from.neighbours.filter((n) => n.dev !== link);
  const master = link.master;
  link.master = undefined;
  recalculateBridgeMac(master);
  link.up = false;
  link.addrs = [];
  link.ipv6LinkLocal = false;
  if (to.links.some((l) => l.ifindex === link.ifindex)) link.ifindex = to.nextIfindex++;
  else to.nextIfindex = Math.max(to.nextIfindex, link.ifindex + 1);
  if (newName) link.name = newName;
  link.ns = to;
  to.links.push(link);
  to.links.sort((a, b) => a.ifindex - b.ifindex);
  if (link.peer && link.peer.ns !== to) {
    peerNetnsId(to, link.peer.ns);
    peerNetnsId(link.peer.ns, to);
  }
  return undefined;
}

/**
 * Rename a device (dev_change_name): the name must be free in its namespace. Since Linux 6.2 an
 * up device may be renamed too (the recording kernel allows it: netns-errors #43).
 */
export function renameLink(link: Link, name: string): Errno | undefined {
  if (link.name === name) return undefined;
  if (link.ns.links.some((l) => l.name === name)) return 'EEXIST';
  link.name = name;
  return undefined;
}

/** Set the MTU (dev_set_mtu); below the IPv4 minimum of 68 the kernel refuses. */
export function setLinkMtu(link: Link, mtu: number): Errno | undefined {
  if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) return 'EINVAL';
  link.mtu = mtu;
  return undefined;
}

/** Enable or disable IPv6 on one device (net.ipv6.conf.DEV.disable_ipv6). */
export function setLinkIpv6(link: Link, enabled: boolean): void {
  link.ipv6 = enabled;
}

/** Bring a device up; addrconf gives it an IPv6 link-local address once it has carrier. */
export function setLinkUp(link: Link, up: boolean): void {
  // A veth end's carrier follows both ends being up: count each change, on both ends.
  const affected = link.peer ? [link, link.peer] : [link];
  const carrierBefore = affected.map(hasCarrier);
  link.up = up;
  affected.forEach((l, i) => {
    if (hasCarrier(l) !== carrierBefore[i]) l.stats.carrierChanges += 1;
  });
  // A device gets its default qdisc when first opened (dev_activate); until then it shows "noop".
  if (up && link.qdisc === 'noop') link.qdisc = 'noqueue';
  if (up && link.kind === 'loopback' && !link.addrs.some((a) => a.addr === LOOPBACK_ADDR)) link.addrs.push({ addr: LOOPBACK_ADDR, len: 8, scope: 'host' });
  refreshLinkLocal(link.ns);
  if (up) trackIgmpReport(link);
}

/** Enslave `port` to `bridge` (or release it with undefined). */
export function setLinkMaster(port: Link, bridge: Link | undefined): Errno | undefined {
  if (bridge && bridge.kind !== 'bridge') return 'EOPNOTSUPP';
  if (bridge && (bridge === port || bridge.ns !== port.ns)) return 'EINVAL';
  const before = port.master;
  port.master = bridge;
  recalculateBridgeMac(before);
  recalculateBridgeMac(bridge);
  refreshLinkLocal(port.ns);
  return undefined;
}

/** Plug a physical device into an Ethernet segment shared with other machines (a cable, not netlink). */
export function plugIntoLan(link: Link, lan: Lan): void {
  if (link.lan) link.lan.ports = link.lan.ports.filter((x) => x !== link);
  lan.ports.push(link);
  link.lan = lan;
}

/** Give every device that has carrier and IPv6 enabled its link-local address (kept afterwards). */
export function refreshLinkLocal(ns: Netns, nested = false): void {
  const disabled = ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') === '1';
  for (const l of ns.links) {
    if (l.kind === 'loopback' || disabled || !l.ipv6) continue;
    if (hasCarrier(l)) l.ipv6LinkLocal = true;
  }
  if (nested) return;
  // A veth end coming up gives carrier to its peer (and the peer's bridge) in the other namespace.
  for (const l of ns.links) if (l.peer && l.peer.ns !== ns) refreshLinkLocal(l.peer.ns, true);
}
