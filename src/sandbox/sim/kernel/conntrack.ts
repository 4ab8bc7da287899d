/**
 * Connection tracking (nf_conntrack): remembers each flow with its original and reply tuples, so
 * replies are ESTABLISHED and NAT is undone on the way back, as the kernel does for DNAT and
 * MASQUERADE.
 */
import type { L4Proto, Packet } from './packet.ts';

/** Addresses and ports of one direction of a flow. */
export interface Tuple {
  src: number;
  dst: number;
  sport: number;
  dport: number;
}

/** One tracked flow. */
export interface ConntrackEntry {
  proto: L4Proto;
  orig: Tuple;
  /** What a reply looks like when it arrives (after NAT). */
  reply: Tuple;
}

/** The tuple of a packet. */
export function tupleOf(p: Packet): Tuple {
  return { src: p.src, dst: p.dst, sport: p.sport ?? 0, dport: p.dport ?? 0 };
}

function same(a: Tuple, b: Tuple): boolean {
  return a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;
}

/** The entry whose reply direction `p` is, if any. */
export function findReply(table: ConntrackEntry[], p: Packet): ConntrackEntry | undefined {
  const t = tupleOf(p);
  return table.find((e) => e.proto === p.proto && same(e.reply, t));
}

/** The entry whose original direction `p` is, if any. */
export function findOriginal(table: ConntrackEntry[], p: Packet): ConntrackEntry | undefined {
  const t = tupleOf(p);
  return table.find((e) => e.proto === p.proto && same(e.orig, t));
}

/** Keep the table small: the model only needs recent flows. */
export function remember(table: ConntrackEntry[], entry: ConntrackEntry): void {
  table.push(entry);
  if (table.length > 64) table.shift();
}
