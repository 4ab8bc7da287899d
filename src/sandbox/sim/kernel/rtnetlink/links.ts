/**
 * Link operations (rtnetlink RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK, net/core/dev.c): create,
 * delete, bring up or down, enslave to a bridge, move to another namespace, rename, set the MTU.
 * Daemon and userland change devices only through these, as dockerd and iproute2 do through
 * netlink; addrconf's IPv6 link-local address follows from carrier here too.
 */
import type { Errno } from '../errno.ts';
import type { HwAddr } from '../hwaddr.ts';
import { emptyStats, hasCarrier, type Lan, type Link, type LinkKind, type LinkStats, type VxlanConfig } from '../link.ts';
import type { Netns } from '../netns.ts';

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
  return [link, peer];
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
      const fdb = other.fdb;
      fdb?.forEach((port, mac) => {
        if (port === l) fdb.delete(mac);
      });
    }
  };
  drop(link);
  if (link.peer) drop(link.peer);
}

/** Move a device to another namespace, keeping its ifindex unless taken there (dev_change_net_namespace). */
export function moveLinkToNetns(link: Link, to: Netns, newName?: string): void {
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

/** Rename a device (dev_change_name): it must be down and the name free in its namespace. */
export function renameLink(link: Link, name: string): Errno | undefined {
  if (link.name === name) return undefined;
  if (link.ns.links.some((l) => l.name === name)) return 'EEXIST';
  if (link.up) return 'EBUSY';
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
  link.up = up;
  refreshLinkLocal(link.ns);
}

/** Enslave `port` to `bridge` (or release it with undefined). */
export function setLinkMaster(port: Link, bridge: Link | undefined): Errno | undefined {
  if (bridge && bridge.kind !== 'bridge') return 'EOPNOTSUPP';
  if (bridge && (bridge === port || bridge.ns !== port.ns)) return 'EINVAL';
  port.master = bridge;
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

