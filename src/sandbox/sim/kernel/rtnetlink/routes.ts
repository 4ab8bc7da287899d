/**
 * Route operations (rtnetlink RTM_NEWROUTE / RTM_DELROUTE, net/ipv4/fib_frontend.c) on a
 * namespace's main table. Only stored routes change here; connected ones follow from addresses.
 */
import type { Errno } from '../errno.ts';
import type { Prefix } from '../ipv4.ts';
import type { Link } from '../link.ts';
import type { Netns } from '../netns.ts';
import type { Route } from '../route.ts';

/** Which route a delete means: the destination, narrowed by whatever else the caller gave. */
export interface RouteMatch {
  dst: Prefix;
  via?: number;
  dev?: Link;
  metric?: number;
}

/** The default route's destination, 0.0.0.0/0. */
export const DEFAULT_DST: Prefix = { addr: 0, len: 0 };

function sameKey(r: Route, dst: Prefix, metric: number | undefined): boolean {
  return r.dst.addr === dst.addr && r.dst.len === dst.len && (r.metric ?? 0) === (metric ?? 0);
}

function matches(r: Route, m: RouteMatch): boolean {
  if (r.dst.addr !== m.dst.addr || r.dst.len !== m.dst.len) return false;
  if (m.via !== undefined && r.via !== m.via) return false;
  if (m.dev !== undefined && r.dev !== m.dev) return false;
  return m.metric === undefined || (r.metric ?? 0) === m.metric;
}

/** Add a route (NLM_F_CREATE | NLM_F_EXCL): EEXIST when one with the same prefix and metric is there. */
export function addRoute(ns: Netns, route: Route): Errno | undefined {
  if (route.dev.ns !== ns) return 'ENODEV';
  if (ns.routes.some((r) => sameKey(r, route.dst, route.metric))) return 'EEXIST';
  ns.routes.push({ ...route });
  return undefined;
}

/** Add or replace the route with the same prefix and metric (NLM_F_CREATE | NLM_F_REPLACE). */
export function replaceRoute(ns: Netns, route: Route): Errno | undefined {
  if (route.dev.ns !== ns) return 'ENODEV';
  const at = ns.routes.findIndex((r) => sameKey(r, route.dst, route.metric));
  if (at < 0) ns.routes.push({ ...route });
  else ns.routes = ns.routes.map((r, i) => (i === at ? { ...route } : r));
  return undefined;
}

/** Delete the first route that matches; ESRCH when none does. */
export function deleteRoute(ns: Netns, match: RouteMatch): Errno | undefined {
  const at = ns.routes.findIndex((r) => matches(r, match));
  if (at < 0) return 'ESRCH';
  ns.routes = ns.routes.filter((_, i) => i !== at);
  return undefined;
}

/** Delete every stored route that matches (`ip route flush`); returns how many went. */
export function flushRoutes(ns: Netns, match: RouteMatch): number {
  const before = ns.routes.length;
  ns.routes = ns.routes.filter((r) => !matches(r, match));
  return before - ns.routes.length;
}
