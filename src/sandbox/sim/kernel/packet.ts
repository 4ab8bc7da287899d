/** An IPv4 packet as the packet walk carries it: the header fields the model looks at. */
import type { DnsMessage } from './dns-message.ts';
import type { HwAddr } from './hwaddr.ts';

/** The L4 protocols the model delivers. */
export type L4Proto = 'icmp' | 'tcp' | 'udp';

/** One packet. `bytes` is the IP length, used for interface and rule counters. */
export interface Packet {
  proto: L4Proto;
  src: number;
  dst: number;
  sport?: number;
  dport?: number;
  bytes: number;
  /** Which leg of an exchange it is: absent for the first packet, `reply` for the answer, `reset` for a TCP RST. */
  role?: 'reply' | 'reset';
  /** ICMP echo sequence number. */
  seq?: number;
  /** Application data (an HTTP request or response), which captures decode. */
  payload?: string;
  /** A UDP datagram's DNS message (a query to port 53 or its answer). */
  dns?: DnsMessage;
  /** TCP: the MSS the sender's route allows (65495 over lo). */
  mss?: number;
  /** IP TTL on the segment the packet is crossing now. */
  ttl?: number;
  /** Ethernet addresses of the frame on the segment it is crossing now (set when a device sends it). */
  l2?: { src: HwAddr; dst: HwAddr };
  /** VXLAN: the inner frame this UDP packet carries, with its VNI. */
  inner?: { vni: number; pkt: Packet };
}
