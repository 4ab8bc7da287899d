/**
 * Connection tracking (nf_conntrack): every flow the packet walk moves through a namespace's
 * hooks is an entry with its original and reply tuples, a state and a timeout, so replies are
 * ESTABLISHED, NAT is undone on the way back (DNAT, MASQUERADE, SNAT), and `conntrack -L` lists
 * what the kernel remembers. Timeouts are the kernel's defaults (net.netfilter.nf_conntrack_*).
 */
import type { L4Proto, Packet } from './packet.ts';
import type { Netns } from './netns.ts';
import type { Link } from './link.ts';
import { announceDestroy, announceNew, announceUpdate, beforeUpdate } from './conntrack-events.ts';
import { countConntrackStat } from './conntrack-stats.ts';

/** Addresses and ports of one direction of a flow (ICMP: the echo identifier as both ports). */
export interface Tuple {
  src: number;
  dst: number;
  sport: number;
  dport: number;
}

/** What conntrack tracks: the model's L4 protocols, and IGMP (a "generic" entry, as `unknown 2`). */
export type CtProto = L4Proto | 'igmp';

/** TCP states the model's connections pass through (one request and one answer each). */
export type TcpCtState = 'SYN_SENT' | 'TIME_WAIT' | 'CLOSE';

/** One tracked flow. */
export interface ConntrackEntry {
  proto: CtProto;
  orig: Tuple;
  /** What a reply looks like when it arrives (after NAT). */
  reply: Tuple;
  /** A packet of the reply direction was seen (without it, `[UNREPLIED]`). */
  seenReply: boolean;
  /** `[ASSURED]`: a TCP connection that completed its handshake. */
  assured: boolean;
  tcpState?: TcpCtState;
  /** When it expires, on the kernel's clock (ms). */
  expires: number;
}

/** The kernel's default timeouts in seconds (nf_conntrack_{icmp,udp,tcp_*,generic}_timeout). */
const TIMEOUT_S = { icmp: 30, udp: 30, generic: 600, SYN_SENT: 120, TIME_WAIT: 120, CLOSE: 10 } as const;

/** The table never grows past this (nf_conntrack_max is far larger; a sandbox moves few flows). */
const MAX_ENTRIES = 256;

const IGMP_ALL_V3_ROUTERS = 0xe0000016; // 224.0.0.22

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

/** Whether the flow is translated (the reply is not the original reversed): NAT to undo. */
export function isTranslated(e: ConntrackEntry): boolean {
  return !same(e.reply, reversed(e.orig));
}

function now(ns: Netns): number {
  return ns.kernel.clock.now();
}

function timeoutFor(e: ConntrackEntry): number {
  if (e.proto === 'tcp') return TIMEOUT_S[e.tcpState ?? 'SYN_SENT'];
  if (e.proto === 'igmp') return TIMEOUT_S.generic;
  return TIMEOUT_S[e.proto];
}

/** The entries still alive (expired ones are garbage-collected here, as the kernel's gc worker does). */
export function liveEntries(ns: Netns): readonly ConntrackEntry[] {
  const t = now(ns);
  if (ns.conntrack.some((e) => e.expires <= t)) {
    for (const e of ns.conntrack) if (e.expires <= t) announceDestroy(ns, e);
    ns.conntrack = ns.conntrack.filter((e) => e.expires > t);
  }
  return ns.conntrack;
}

/** Seconds left before `e` expires, as /proc/net/nf_conntrack and `conntrack -L` print it. */
export function secondsLeft(ns: Netns, e: ConntrackEntry): number {
  // The kernel rounds down and a listing always comes a little after the last packet: 29 after a ping.
  return Math.max(0, Math.ceil((e.expires - now(ns)) / 1000) - 1);
}

/** The entry whose reply direction `p` is, if any. */
export function findReply(table: readonly ConntrackEntry[], p: Packet): ConntrackEntry | undefined {
  const t = tupleOf(p);
  return table.find((e) => e.proto === p.proto && same(e.reply, t));
}

/** The entry whose original direction `p` is, if any. */
export function findOriginal(table: readonly ConntrackEntry[], p: Packet): ConntrackEntry | undefined {
  const t = tupleOf(p);
  return table.find((e) => e.proto === p.proto && same(e.orig, t));
}

function insert(ns: Netns, entry: ConntrackEntry): ConntrackEntry {
  ns.conntrack.push(entry);
  announceNew(ns, entry);
  if (ns.conntrack.length > MAX_ENTRIES) {
    // A full table evicts its oldest flow to make room (early_drop).
    const evicted = ns.conntrack.shift();
    countConntrackStat(ns, 'early_drop');
    if (evicted) announceDestroy(ns, evicted);
  }
  return entry;
}

/**
 * A packet of a new flow's original direction enters the namespace's hooks: the entry it belongs
 * to, created unreplied when it is the first (a second echo request of the same ping refreshes it).
 */
export function trackOriginal(ns: Netns, p: Packet): ConntrackEntry {
  liveEntries(ns);
  const found = findOriginal(ns.conntrack, p);
  if (found) {
    found.expires = Math.max(found.expires, now(ns) + timeoutFor(found) * 1000);
    return found;
  }
  const orig = tupleOf(p);
  const entry: ConntrackEntry = { proto: p.proto, orig, reply: reversed(orig), seenReply: false, assured: false, expires: 0 };
  if (p.proto === 'tcp') entry.tcpState = 'SYN_SENT';
  entry.expires = now(ns) + timeoutFor(entry) * 1000;
  return insert(ns, entry);
}

/**
 * A packet of a flow's reply direction: its entry sees the reply. A TCP answer completes the
 * model's connection (handshake, data, close: TIME_WAIT, assured); a reset closes it (CLOSE).
 */
export function trackReply(ns: Netns, p: Packet): ConntrackEntry | undefined {
  liveEntries(ns);
  const e = findReply(ns.conntrack, p);
  if (!e) return undefined;
  beforeUpdate(e);
  const before = `${e.seenReply} ${e.tcpState} ${e.assured}`;
  e.seenReply = true;
  if (e.proto === 'tcp') {
    e.tcpState = p.role === 'reset' ? 'CLOSE' : 'TIME_WAIT';
    if (p.role !== 'reset') e.assured = true;
  }
  e.expires = now(ns) + timeoutFor(e) * 1000;
  if (`${e.seenReply} ${e.tcpState} ${e.assured}` !== before) announceUpdate(ns, e);
  return e;
}

/** After NAT changed `p` (which looked like `before`), the reply the flow's entry now expects. */
export function natTranslated(ns: Netns, p: Packet, before: Tuple): void {
  const e = ns.conntrack.find((x) => x.proto === p.proto && same(x.reply, reversed(before)));
  if (e) e.reply = reversed(tupleOf(p));
  else trackOriginal(ns, { ...p, ...before }).reply = reversed(tupleOf(p));
}

/**
 * After source NAT, two flows from different containers can look the same from outside (two busybox
 * pings with one echo id, both masqueraded to eth0's address): their replies could not be told apart.
 * Like nf_nat's get_unique_tuple, keep the source port (the echo id for ICMP) when the translated
 * flow is unique, else take the next free one (ports from 1024 up, echo ids from 0 up).
 */
export function uniqueSourceTuple(table: readonly ConntrackEntry[], p: Packet, orig: Tuple): void {
  // The flow's own entry: the same original, or one still expecting the untranslated reply (after a DNAT).
  const own = (e: ConntrackEntry): boolean => same(e.orig, orig) || same(e.reply, reversed(orig));
  const taken = (sport: number): boolean => table.some((e) => e.proto === p.proto && !own(e) && same(e.reply, reversed({ ...tupleOf(p), sport })));
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

/**
 * A bridge brought up with an IPv4 address sends an IGMPv3 membership report to 224.0.0.22, which
 * leaves a generic entry (recorded: docker0's `unknown 2 ... [UNREPLIED]`; containers' interfaces
 * leave none).
 */
export function trackIgmpReport(link: Link): void {
  const src = link.addrs.find((a) => a.scope === 'global')?.addr;
  if (link.kind !== 'bridge' || !link.up || src === undefined) return;
  const orig = { src, dst: IGMP_ALL_V3_ROUTERS, sport: 0, dport: 0 };
  const ns = link.ns;
  liveEntries(ns);
  const found = ns.conntrack.find((e) => e.proto === 'igmp' && same(e.orig, orig));
  if (found) found.expires = now(ns) + TIMEOUT_S.generic * 1000;
  else insert(ns, { proto: 'igmp', orig, reply: reversed(orig), seenReply: false, assured: false, expires: now(ns) + TIMEOUT_S.generic * 1000 });
}

/** Remove entries (`conntrack -D`); the number removed. */
export function deleteConntrack(ns: Netns, doomed: (e: ConntrackEntry) => boolean): number {
  const before = ns.conntrack.length;
  const [gone, kept] = [ns.conntrack.filter(doomed), ns.conntrack.filter((e) => !doomed(e))];
  ns.conntrack = kept;
  for (const e of gone) announceDestroy(ns, e);
  return before - ns.conntrack.length;
}

/** Empty the table (`conntrack -F`). */
export function flushConntrack(ns: Netns): void {
  deleteConntrack(ns, () => true);
}

/** Seconds a flow in its current state lives without traffic (what an event line shows). */
export function timeoutSeconds(e: ConntrackEntry): number {
  return timeoutFor(e);
}
