/**
 * The routing table (net/ipv4/fib_*): connected routes follow from the addresses of devices that
 * are up; the rest (default routes) are stored. Lookup is longest-prefix match after the local
 * table, as fib_lookup does.
 */
import { inPrefix, networkOf, type Prefix } from './ipv4.ts';
import { hasCarrier, type Link } from './link.ts';
import { isLocalAddress, type Netns } from './netns.ts';

/** One route of the main table. */
export interface Route {
  dst: Prefix;
  via?: number;
  dev: Link;
  proto: 'kernel' | 'boot' | 'static' | 'dhcp';
  scope: 'link' | 'global' | 'host';
  src?: number;
  metric?: number;
}

/** The main table: stored routes plus connected ones, in the order `ip route` dumps them. */
export function mainTable(ns: Netns): Route[] {
  const connected: Route[] = [];
  for (const dev of ns.links) {
    if (!dev.up || dev.kind === 'loopback') continue;
    for (const a of dev.addrs) {
      if (a.scope === 'host' || a.len === 32) continue;
      connected.push({ dst: { addr: networkOf(a.addr, a.len), len: a.len }, dev, proto: 'kernel', scope: 'link', src: a.addr });
    }
  }
  const all = [...ns.routes.filter((r) => r.dev.up), ...connected];
  // The FIB trie walks keys in address order, shorter prefix first on ties.
  return all.sort((a, b) => a.dst.addr - b.dst.addr || a.dst.len - b.dst.len || (a.metric ?? 0) - (b.metric ?? 0));
}

/** Whether iproute2 marks the route `linkdown` (its device has no carrier). */
export function isLinkDown(route: Route): boolean {
  return !hasCarrier(route.dev);
}

/** Where a packet to `dst` goes from `ns`. */
export type RouteResult = { kind: 'local' } | { kind: 'unicast'; dev: Link; nexthop: number; src: number } | { kind: 'unreachable' };

/** Route lookup for `dst` (local table first, then longest prefix in main). */
export function routeLookup(ns: Netns, dst: number): RouteResult {
  if (isLocalAddress(ns, dst)) return { kind: 'local' };
  let best: Route | undefined;
  for (const r of mainTable(ns)) {
    if (!inPrefix(dst, r.dst)) continue;
    if (!best || r.dst.len > best.dst.len || (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  if (!best) return { kind: 'unreachable' };
  const src = best.src ?? best.dev.addrs.find((a) => a.scope === 'global')?.addr ?? 0;
  return { kind: 'unicast', dev: best.dev, nexthop: best.via ?? dst, src };
}
