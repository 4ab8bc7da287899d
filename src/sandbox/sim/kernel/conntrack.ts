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

/** How the other direction of a flow looks: addresses and ports swapped. */
export function reversed(t: Tuple): Tuple {
  return { src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
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

/**
 * After source NAT, two flows from different containers can look the same from outside (two busybox
 * pings with one echo id, both masqueraded to eth0's address): their replies could not be told apart.
 * Like nf_nat's get_unique_tuple, keep the source port (the echo id for ICMP) when the translated
 * flow is unique, else take the next free one (ports from 1024 up, echo ids from 0 up).
 */
export function uniqueSourceTuple(table: readonly ConntrackEntry[], p: Packet, orig: Tuple): void {
  const taken = (sport: number): boolean => table.some((e) => e.proto === p.proto && !same(e.orig, orig) && same(e.reply, reversed({ ...tupleOf(p), sport })));
  const first = p.sport ?? 0;
  if (!taken(first)) return;
  const low = p.proto === 'icmp' ? 0 : 1024;
  const size = 65536 - low;
  for (let step = 1; step < size; step += 1) {
    const candidate = low + ((Math.max(first, low) - low + step) % size);
    if (!taken(candidate)) {
      p.sport = candidate;
      return;
    }
  }
}

/** Keep the table small: the model only needs recent flows. */
export function remember(table: ConntrackEntry[], entry: ConntrackEntry): void {
  table.push(entry);
  if (table.length > 64) table.shift();
}
