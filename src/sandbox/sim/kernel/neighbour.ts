/**
 * The neighbour table (net/core/neighbour.c, ARP for IPv4): per namespace, which link-layer
 * address answers for a next hop on a device. Entries are made when a packet needs the next hop
 * (ping, wget, a forwarded packet); an answered ARP request makes them REACHABLE, which decays to
 * STALE; an unanswered one stays INCOMPLETE while the kernel retries, then FAILED.
 */
import type { HwAddr } from './hwaddr.ts';
import type { Link } from './link.ts';
import type { Netns } from './netns.ts';

/** NUD states iproute2 prints. */
export type NudState = 'REACHABLE' | 'STALE' | 'INCOMPLETE' | 'FAILED' | 'PERMANENT';

/** One entry. */
export interface Neighbour {
  dev: Link;
  addr: number;
  mac?: HwAddr;
  /** When the entry was last confirmed (or first probed, for unanswered ones). */
  confirmed: number;
  answered: boolean;
  /** Static entries (`ip neigh add ... nud permanent`, VXLAN peers Docker programs). */
  permanent?: boolean;
  /** Probes sent, for busybox's listing. */
  probes: number;
}

/** base_reachable_time: 30 s. */
const REACHABLE_MS = 30_000;
/** mcast_solicit (3) × retrans_time (1 s). */
const RESOLVE_MS = 3_000;

/** Record the outcome of resolving `addr` on `dev` at time `now`. */
export function noteNeighbour(ns: Netns, dev: Link, addr: number, mac: HwAddr | undefined, now: number): void {
  let e = ns.neighbours.find((n) => n.dev === dev && n.addr === addr);
  if (!e) {
    e = { dev, addr, confirmed: now, answered: false, probes: 0 };
    ns.neighbours.push(e);
    if (ns.neighbours.length > 256) ns.neighbours.shift();
  }
  if (e.permanent) return;
  if (mac) {
    if (!e.answered || now - e.confirmed >= REACHABLE_MS) e.probes = 1;
    e.mac = mac;
    e.answered = true;
    e.confirmed = now;
  } else if (!e.answered || now - e.confirmed >= REACHABLE_MS) {
    if (e.answered) e.confirmed = now;
    e.answered = false;
    e.mac = undefined;
    e.probes = Math.min(e.probes + 1, 3);
  }
}

/** The state of an entry at `now`. */
export function nudState(e: Neighbour, now: number): NudState {
  if (e.permanent) return 'PERMANENT';
  if (e.answered) return now - e.confirmed < REACHABLE_MS ? 'REACHABLE' : 'STALE';
  return now - e.confirmed < RESOLVE_MS ? 'INCOMPLETE' : 'FAILED';
}

/** Entries of `ns` (newest first, as the kernel's hash walk usually shows a small table). */
export function neighbours(ns: Netns, dev?: Link): Neighbour[] {
  return ns.neighbours.filter((n) => (dev === undefined || n.dev === dev) && n.dev.ns === ns).reverse();
}
