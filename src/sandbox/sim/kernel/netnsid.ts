/**
 * Network namespace ids (net/core/net_namespace.c, RTM_NEWNSID): the number one namespace gives
 * another, which `link-netnsid N` and `ip netns list` print. The kernel allocates one when a
 * device's link (a veth peer) ends up in the other namespace.
 */
import type { Errno } from './errno.ts';
import type { Netns } from './netns.ts';

/** The netnsid `ns` uses for `other`, allocated on first use: the lowest free, from 0 (idr_alloc). */
export function peerNetnsId(ns: Netns, other: Netns): number {
  let id = ns.peerIds.get(other);
  if (id === undefined) {
    const taken = new Set(ns.peerIds.values());
    for (id = 0; taken.has(id); id++);
    ns.peerIds.set(other, id);
  }
  return id;
}

/** The netnsid `ns` has given `other`, if any (`ip netns list` shows it, never allocates one). */
export function knownNetnsId(ns: Netns, other: Netns): number | undefined {
  return ns.peerIds.get(other);
}

/** Give `other` the netnsid `id` in `ns` (RTM_NEWNSID, `ip netns set`): EEXIST when either is taken. */
export function setNetnsId(ns: Netns, other: Netns, id: number): Errno | undefined {
  if (ns.peerIds.has(other) || [...ns.peerIds.values()].includes(id)) return 'EEXIST';
  ns.peerIds.set(other, id);
  return undefined;
}
