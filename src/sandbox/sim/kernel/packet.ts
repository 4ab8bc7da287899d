/** An IPv4 packet as the packet walk carries it: the header fields the model looks at. */

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
}
