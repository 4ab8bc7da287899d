/**
 * A frame as tcpdump decodes it: the device and direction it was seen at, its Ethernet addresses,
 * and its ARP message or IPv4 header with the transport header. The filter and the printer work
 * on these; capture.ts makes them from the frames the kernel's packet sockets deliver.
 */
import type { HwAddr } from '../../kernel/hwaddr.ts';
import type { DnsMessage } from '../../kernel/dns-message.ts';
import type { ArpMessage } from '../../kernel/link.ts';

/** Where a frame was seen. */
export interface Seen {
  /** The device's name (printed by `-i any`). */
  device: string;
  /** The device's own MAC, to tell PACKET_HOST from PACKET_OTHERHOST. */
  deviceMac: HwAddr;
  dir: 'in' | 'out';
  loopback: boolean;
}

/** ICMP echo. */
export interface IcmpEcho {
  proto: 'icmp';
  type: 'echo request' | 'echo reply';
  id: number;
  seq: number;
}

/** A UDP datagram; `vxlan` when it carries an overlay frame. */
export interface UdpDatagram {
  proto: 'udp';
  sport: number;
  dport: number;
  vxlan?: { vni: number; inner: WireFrame };
  /** The DNS message it carries (decoded when either port is 53). */
  dns?: DnsMessage;
}

/** One TCP segment, with absolute sequence numbers. */
export interface TcpSegment {
  proto: 'tcp';
  sport: number;
  dport: number;
  /** tcpdump's flag letters: S, S., ., P., F., R. */
  flags: string;
  seq: number;
  ack?: number;
  win: number;
  /** The option list as printed between `options [` and `]`, or undefined for none. */
  options?: string;
  /** Payload bytes and the text they start with (for the HTTP decoder). */
  length: number;
  data?: string;
}

/** An IPv4 packet. */
export interface Ipv4 {
  src: number;
  dst: number;
  ttl: number;
  /** Total length. */
  length: number;
  id: number;
  df: boolean;
  l4: IcmpEcho | UdpDatagram | TcpSegment;
}

/** A decoded frame. */
export interface WireFrame {
  seen: Seen;
  l2: { src: HwAddr; dst: HwAddr };
  body: { kind: 'arp'; arp: ArpMessage } | { kind: 'ipv4'; ip: Ipv4 };
}
