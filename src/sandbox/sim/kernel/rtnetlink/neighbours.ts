/**
 * Neighbour operations (rtnetlink RTM_NEWNEIGH / RTM_DELNEIGH, net/core/neighbour.c): static
 * entries a program sets (`ip neigh add ... nud permanent`, VXLAN peers). Entries learned by
 * ARP are the kernel's own business (neighbour.ts's noteNeighbour, called by delivery).
 */
import type { Errno } from '../errno.ts';
import type { HwAddr } from '../hwaddr.ts';
import type { Link } from '../link.ts';
import type { Neighbour } from '../neighbour.ts';
import type { Netns } from '../netns.ts';

/** What `ip neigh add|replace` sets. */
export interface NeighbourSpec {
  dev: Link;
  addr: number;
  mac: HwAddr;
  /** nud permanent (never ages); otherwise the entry starts REACHABLE. */
  permanent: boolean;
}

/** Add an entry; EEXIST when the device already has one for the address (NLM_F_EXCL). */
export function addNeighbour(ns: Netns, spec: NeighbourSpec): Errno | undefined {
  if (spec.dev.ns !== ns) return 'ENODEV';
  if (ns.neighbours.some((n) => n.dev === spec.dev && n.addr === spec.addr)) return 'EEXIST';
  return replaceNeighbour(ns, spec);
}

/** Add or overwrite the entry for the address on the device. */
export function replaceNeighbour(ns: Netns, spec: NeighbourSpec): Errno | undefined {
  if (spec.dev.ns !== ns) return 'ENODEV';
  const now = ns.kernel.clock.now();
  const entry: Neighbour = { dev: spec.dev, addr: spec.addr, mac: spec.mac, nud: 'REACHABLE', since: now, probes: 0, ...(spec.permanent ? { permanent: true } : {}) };
  ns.neighbours = [...ns.neighbours.filter((n) => !(n.dev === spec.dev && n.addr === spec.addr)), entry];
  return undefined;
}

/** Delete the entry for `addr` on `dev`; ENOENT when there is none. */
export function deleteNeighbour(ns: Netns, dev: Link, addr: number): Errno | undefined {
  const before = ns.neighbours.length;
  ns.neighbours = ns.neighbours.filter((n) => !(n.dev === dev && n.addr === addr));
  return ns.neighbours.length < before ? undefined : 'ENOENT';
}

/** Forget every entry of a device (`ip neigh flush dev DEV`). */
export function flushNeighbours(ns: Netns, dev: Link): void {
  ns.neighbours = ns.neighbours.filter((n) => n.dev !== dev);
}
