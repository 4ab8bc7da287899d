/**
 * The neighbour table (net/core/neighbour.c, ARP for IPv4): per namespace, which link-layer
 * address answers for a next hop on a device, with the kernel's NUD state machine on the kernel
 * clock. A packet to a next hop without a usable entry sends an ARP request: answered, the entry
 * is REACHABLE for base_reachable_time, then STALE; unanswered, INCOMPLETE while the kernel
 * retries, then FAILED. The host the request asked for learns the asker from it (STALE). A packet
 * sent on a STALE entry goes out at once and turns it DELAY; if nothing confirms the neighbour
 * within delay_first_probe_time, a unicast probe does (PROBE), and the entry is REACHABLE again.
 * TCP confirms its neighbours itself (acknowledged data), so a connection leaves them REACHABLE.
 */
import { sameHwAddr, type HwAddr } from './hwaddr.ts';
import type { Link } from './link.ts';
import type { Netns } from './netns.ts';

/** NUD states iproute2 prints. */
export type NudState = 'REACHABLE' | 'STALE' | 'DELAY' | 'INCOMPLETE' | 'FAILED' | 'PERMANENT';

/** The states an entry is put in; the others follow from them with time (see nudState). */
type SetState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY';

/** One entry. */
export interface Neighbour {
  dev: Link;
  addr: number;
  mac?: HwAddr;
  /** The state the entry was put in, and when. */
  nud: SetState;
  since: number;
  /** Static entries (`ip neigh add ... nud permanent`, VXLAN peers Docker programs). */
  permanent?: boolean;
  /** Probes sent, for busybox's listing. */
  probes: number;
}

/** base_reachable_time: 30 s. */
const REACHABLE_MS = 30_000;
/** delay_first_probe_time: 5 s. */
const DELAY_MS = 5_000;
/** mcast_solicit (3) × retrans_time (1 s). */
const RESOLVE_MS = 3_000;
/** The table's size before the oldest entries go (gc_thresh3 is larger; a small table is enough here). */
const MAX_ENTRIES = 256;

function entryFor(ns: Netns, dev: Link, addr: number, now: number): Neighbour {
  let e = neighbourEntry(ns, dev, addr);
  if (!e) {
    e = { dev, addr, nud: 'INCOMPLETE', since: now, probes: 0 };
    ns.neighbours.push(e);
    if (ns.neighbours.length > MAX_ENTRIES) {
      // neigh_forced_gc never drops a PERMANENT entry (Docker's VXLAN peers): the oldest other one goes.
      const oldest = ns.neighbours.findIndex((n) => !n.permanent);
      ns.neighbours.splice(oldest, 1);
    }
  }
  return e;
}

/** The entry for `addr` on `dev`, if any. */
export function neighbourEntry(ns: Netns, dev: Link, addr: number): Neighbour | undefined {
  return ns.neighbours.find((n) => n.dev === dev && n.addr === addr);
}

/** The state of an entry at `now`. */
export function nudState(e: Neighbour, now: number): NudState {
  if (e.permanent) return 'PERMANENT';
  const age = now - e.since;
  switch (e.nud) {
    case 'REACHABLE':
      return age < REACHABLE_MS ? 'REACHABLE' : 'STALE';
    case 'DELAY':
      // Unconfirmed after the delay, the unicast probe was answered: REACHABLE from then on.
      return age < DELAY_MS ? 'DELAY' : age < DELAY_MS + REACHABLE_MS ? 'REACHABLE' : 'STALE';
    case 'STALE':
      return 'STALE';
    case 'INCOMPLETE':
      return age < RESOLVE_MS ? 'INCOMPLETE' : 'FAILED';
  }
}

/** Whether sending to the entry's neighbour at `now` needs an ARP request first (none, INCOMPLETE or FAILED). */
export function needsResolution(e: Neighbour | undefined, now: number): boolean {
  if (!e) return true;
  const state = nudState(e, now);
  return state === 'INCOMPLETE' || state === 'FAILED';
}

function setState(e: Neighbour, nud: SetState, now: number): void {
  e.nud = nud;
  e.since = now;
}

/**
 * A packet leaves `dev` for next hop `addr` at `now`; `mac` is who answers for it on the segment
 * (undefined: nobody). `confirmed` when the protocol confirms the neighbour itself (TCP).
 */
export function noteNeighbour(ns: Netns, dev: Link, addr: number, mac: HwAddr | undefined, now: number, confirmed = false): void {
  const e = entryFor(ns, dev, addr, now);
  if (e.permanent) return;
  const state = nudState(e, now);
  if (!mac) {
    // Nobody answers: a usable entry still sends (and will fail its probe); otherwise the kernel retries.
    if (state === 'REACHABLE' || state === 'DELAY') return;
    if (state !== 'INCOMPLETE') setState(e, 'INCOMPLETE', now);
    e.mac = undefined;
    e.probes = Math.min(e.probes + 1, 3);
    return;
  }
  if (state === 'INCOMPLETE' || state === 'FAILED' || confirmed) {
    if (state !== 'REACHABLE') e.probes = 1;
    e.mac = mac;
    setState(e, 'REACHABLE', now);
    return;
  }
  if (state === 'STALE') {
    e.mac = mac;
    setState(e, 'DELAY', now);
  }
}

/**
 * The host an ARP request asked for learns the asker (arp_process → neigh_event_ns): a new entry
 * is STALE; an entry with the same address keeps its state, one with another address is STALE.
 */
export function learnFromArpRequest(ns: Netns, dev: Link, addr: number, mac: HwAddr, now: number): void {
  const e = entryFor(ns, dev, addr, now);
  if (e.permanent) return;
  const known = e.mac !== undefined && sameHwAddr(e.mac, mac) && !needsResolution(e, now);
  if (known) return;
  e.mac = mac;
  setState(e, 'STALE', now);
}

/** Entries of `ns` (newest first, as the kernel's hash walk usually shows a small table). */
export function neighbours(ns: Netns, dev?: Link): Neighbour[] {
  return ns.neighbours.filter((n) => (dev === undefined || n.dev === dev) && n.dev.ns === ns).reverse();
}
