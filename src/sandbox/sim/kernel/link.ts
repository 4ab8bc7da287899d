/**
 * Network devices (net/core/dev.c): loopback, Ethernet, veth pairs and bridges, with the flags
 * and operational state the kernel reports for them. Carrier is derived, never stored: a veth has
 * carrier when both ends are up, a bridge when one of its ports has, as in the kernel.
 */
import type { HwAddr } from './hwaddr.ts';
import type { Netns } from './netns.ts';
import type { Packet } from './packet.ts';

/** The device types the simulator knows. */
export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'vxlan' | 'dummy';

/** An Ethernet segment (a switch) joining devices of different machines. */
export interface Lan {
  name: string;
  ports: Link[];
}

/** Where a VXLAN device sends a frame for an inner address: the remote VTEP and its device. */
export interface VxlanPeer {
  /** The remote node's underlay address (its swarm advertise address). */
  vtep: number;
  /** The VXLAN device on the remote node that decapsulates. */
  remote: Link;
  /** The inner MAC behind that VTEP. */
  mac: HwAddr;
}

/** VXLAN device configuration (drivers/net/vxlan): VNI, UDP port and the FDB Docker programs. */
export interface VxlanConfig {
  vni: number;
  port: number;
  /** The underlay address packets leave from. */
  local: number;
  /** Remote endpoints by inner IPv4 address (Docker fills it from the gossip'd peer table). */
  lookup(inner: number): VxlanPeer | undefined;
}

/** An IPv4 address on a device (struct in_ifaddr). */
export interface IfAddr {
  addr: number;
  len: number;
  scope: 'host' | 'link' | 'global';
  /** The broadcast address (IFA_BROADCAST), when one was given (`brd +`; Docker and DHCP set it). */
  brd?: number;
  /** Leased by DHCP: iproute2 prints `dynamic` and finite lifetimes. */
  dynamic?: boolean;
}

/** Interface statistics, as in /proc/net/dev. */
export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
  /** Times the carrier went on or off (IFLA_CARRIER_CHANGES, `ip -s -s link`'s transns). */
  carrierChanges: number;
}

/** One network device in one namespace. */
export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac: HwAddr;
  mtu: number;
  /** Administratively up (IFF_UP). */
  up: boolean;
  ns: Netns;
  addrs: IfAddr[];
  /** The bridge this device is a port of. */
  master?: Link;
  /** The other end of a veth pair. */
  peer?: Link;
  qdisc: string;
  txqlen: number;
  stats: LinkStats;
  altname?: string;
  /** Has an IPv6 link-local address (addrconf assigns one the first time carrier comes up). */
  ipv6LinkLocal: boolean;
  /** Whether IPv6 is enabled on this device (Docker disables it in container namespaces). */
  ipv6: boolean;
  /** Bridge forwarding database: learned MAC → port. */
  fdb?: Map<string, Link>;
  /** The segment a physical device is plugged into (other hosts' NICs). */
  lan?: Lan;
  /** VXLAN devices only. */
  vxlan?: VxlanConfig;
  /**
   * How the MAC was chosen (addr_assign_type): 'random' for a device `ip link add` made; a
   * bridge with a random MAC takes its lowest port's (br_stp_recalculate_bridge_id).
   */
  macAssign?: 'random';
  /**
   * A bridge's STP bridge id address when it is not its MAC: all zeros for one `ip link add` made,
   * until its ports give it their lowest MAC (brctl prints it).
   */
  bridgeId?: HwAddr;
  /** Packet sockets bound to this device (tcpdump -i DEV): told of every frame it counts. */
  taps?: Set<PacketBinding>;
}

/** One IPv4 frame a device sent or received, as a packet socket sees it. */
export interface TappedFrame {
  dir: 'in' | 'out';
  pkt: Packet;
}

/** An ARP message (RFC 826) on the wire, with the Ethernet addresses of its frame. */
export interface ArpMessage {
  op: 'request' | 'reply';
  senderMac: HwAddr;
  senderIp: number;
  targetMac: HwAddr;
  targetIp: number;
  l2: { src: HwAddr; dst: HwAddr };
}

/** One ARP frame a device sent or received. */
export interface TappedArp {
  dir: 'in' | 'out';
  arp: ArpMessage;
}

/** Any frame an ETH_P_ALL socket sees. */
export type CapturedFrame = TappedFrame | TappedArp;

/** A listener on a device's IPv4 frames (an ETH_P_IP packet socket). */
export type PacketTap = (frame: TappedFrame) => void;

/**
 * A packet socket bound to a device: which frames it wants (ARP too, for ETH_P_ALL) and whether
 * it put the device in promiscuous mode (a bridge then passes up the frames it forwards).
 */
export interface PacketBinding {
  /** `link` is the device the frame crossed (what `tcpdump -i any` prints). */
  deliver(frame: CapturedFrame, link: Link): void;
  arp: boolean;
  promisc: boolean;
}

/** Interface flag bits as in <linux/if.h>, for ifconfig's numeric flags. */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  LOOPBACK: 0x8,
  RUNNING: 0x40,
  MULTICAST: 0x1000,
} as const;

/** Fresh zeroed statistics. */
export function emptyStats(): LinkStats {
  return { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, rxDropped: 0, txDropped: 0, carrierChanges: 0 };
}

/** Whether the device has carrier (IFF_LOWER_UP / IFF_RUNNING). */
export function hasCarrier(link: Link): boolean {
  if (!link.up) return false;
  switch (link.kind) {
    case 'loopback':
    case 'ether':
    case 'vxlan':
    case 'dummy':
      return true;
    case 'veth':
      return link.peer?.up === true;
    case 'bridge':
      return bridgePorts(link).some(hasCarrier);
  }
}

/** The operational state iproute2 prints after `state` (RFC 2863 names). */
export function operState(link: Link): 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN' {
  if (link.kind === 'loopback') return link.up ? 'UNKNOWN' : 'DOWN';
  if (!link.up) return 'DOWN';
  if (hasCarrier(link)) return 'UP';
  return link.kind === 'veth' ? 'LOWERLAYERDOWN' : 'DOWN';
}

/** The IFF_* bits `ifconfig` shows (SIOCGIFFLAGS). */
export function ifFlags(link: Link): number {
  let f = 0;
  if (link.up) f |= IFF.UP;
  if (link.kind === 'loopback') f |= IFF.LOOPBACK;
  else f |= IFF.BROADCAST | IFF.MULTICAST;
  if (hasCarrier(link)) f |= IFF.RUNNING;
  return f;
}

/** The flag names iproute2 prints between < and >, in its order. */
export function linkFlagNames(link: Link): string[] {
  const names: string[] = [];
  const carrier = hasCarrier(link);
  if (link.up && !carrier) names.push('NO-CARRIER');
  if (link.kind === 'loopback') names.push('LOOPBACK');
  else names.push('BROADCAST', 'MULTICAST');
  if (link.up) names.push('UP');
  if (carrier) names.push('LOWER_UP');
  return names;
}

/** Ports enslaved to a bridge, in ifindex order. */
export function bridgePorts(bridge: Link): Link[] {
  return bridge.ns.links.filter((l) => l.master === bridge);
}

/** Bytes of the Ethernet header a device counts with each frame (loopback strips it before counting). */
const ETH_HLEN = 14;
/** An ARP frame for IPv4 over Ethernet: 28 bytes of ARP and the header (veth does not pad it). */
const ARP_FRAME_BYTES = 28 + ETH_HLEN;

/** What a device's byte counters add for an IP packet of `ipBytes`. */
function frameBytes(link: Link, ipBytes: number): number {
  return link.kind === 'loopback' ? ipBytes : ipBytes + ETH_HLEN;
}

/** Count one frame sent by `link` (and received by a veth peer), and show it to the device's taps. */
export function countTx(link: Link, pkt: Packet): void {
  link.stats.txPackets++;
  link.stats.txBytes += frameBytes(link, pkt.bytes);
  tapFrame(link, 'out', pkt, false);
}

/** Count one frame received by `link`, and show it to the device's taps. */
export function countRx(link: Link, pkt: Packet): void {
  link.stats.rxPackets++;
  link.stats.rxBytes += frameBytes(link, pkt.bytes);
  tapFrame(link, 'in', pkt, false);
}

/**
 * A frame a bridge receives on one of its ports: one for the bridge itself is passed up to it;
 * one it forwards reaches its packet sockets only in promiscuous mode (tcpdump's default).
 */
export function tapBridgeInput(bridge: Link, pkt: Packet, forwarded: boolean): void {
  tapFrame(bridge, 'in', pkt, forwarded);
}

/**
 * An ARP frame crossing `link`: counted (unless it is one a bridge only forwards, `promiscOnly`)
 * and shown to the device's ETH_P_ALL sockets.
 */
export function tapArp(link: Link, dir: 'in' | 'out', arp: ArpMessage, promiscOnly = false): void {
  if (!promiscOnly) {
    if (dir === 'out') {
      link.stats.txPackets++;
      link.stats.txBytes += ARP_FRAME_BYTES;
    } else {
      link.stats.rxPackets++;
      link.stats.rxBytes += ARP_FRAME_BYTES;
    }
  }
  for (const b of bindings(link)) if (b.arp && (b.promisc || !promiscOnly)) b.deliver({ dir, arp }, link);
}

/** A copy for each socket: the walk goes on changing the packet (NAT) after the device has seen it. */
function tapFrame(link: Link, dir: 'in' | 'out', pkt: Packet, promiscOnly: boolean): void {
  for (const b of bindings(link)) if (b.promisc || !promiscOnly) b.deliver({ dir, pkt: { ...pkt } }, link);
}

const NONE: readonly PacketBinding[] = [];

/** The sockets bound to `link` and those bound to any device of its namespace. */
function bindings(link: Link): Iterable<PacketBinding> {
  const any = link.ns.anyTaps;
  if (!any) return link.taps ?? NONE;
  if (!link.taps) return any;
  return [...link.taps, ...any];
}
