/**
 * A container's network sandbox (libnetwork sandbox.go / osl): the namespace Docker creates for
 * it, with lo up, IPv6 off (the network has no IPv6) and unprivileged ping allowed.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { createNetns, deleteNetns, linkByName, loopback, type Netns } from '../kernel/netns.ts';
import { setLinkUp } from '../kernel/rtnetlink/links.ts';
import { addRoute, DEFAULT_DST, deleteRoute } from '../kernel/rtnetlink/routes.ts';
import type { Container } from './container.ts';
import type { Endpoint } from './endpoint.ts';

/** A new sandbox namespace, as dockerd sets one up for `docker run`. */
export function createSandboxNetns(kernel: Kernel): Netns {
  const ns = createNetns(kernel, kernel.init.sysctl);
  setLinkUp(loopback(ns), true);
  ns.sysctl.set('net.ipv6.conf.all.disable_ipv6', '1');
  // Docker 20.10 lets any user send ICMP echo from containers.
  ns.sysctl.set('net.ipv4.ping_group_range', '0 2147483647');
  return ns;
}

/**
 * Point the sandbox's default route at its gateway endpoint: among the attached bridge networks,
 * non-internal ones first, then by network name (libnetwork sorts a sandbox's endpoints that way).
 * An --internal network still gives the route when it is all there is (recorded: connect-cycles);
 * its isolation rules, not a missing route, keep the packets in.
 */
export function updateGateway(ns: Netns, endpoints: readonly Endpoint[]): void {
  while (deleteRoute(ns, { dst: DEFAULT_DST }) === undefined);
  const candidates = endpoints
    // Overlay networks never give the default route: the docker_gwbridge leg does.
    .filter((e) => e.active && e.addr !== undefined && e.network.pool && e.ifname && e.network.driver !== 'overlay')
    .sort((a, b) => Number(a.network.internal) - Number(b.network.internal) || (a.network.name < b.network.name ? -1 : a.network.name > b.network.name ? 1 : 0));
  const gw = candidates[0];
  const dev = gw?.ifname ? linkByName(ns, gw.ifname) : undefined;
  if (!gw || !dev || !gw.network.pool) return;
  addRoute(ns, { dst: DEFAULT_DST, via: gw.network.pool.gateway, dev, proto: 'boot', scope: 'global' });
}

/** Where dockerd keeps each sandbox's interface counter (osl's nextIfIndex), by the sandbox's namespace. */
export type SandboxIfIndexes = WeakMap<Netns, number>;

/**
 * The name of the next interface libnetwork puts into a sandbox: osl.AddInterface names it ethN
 * from a counter of its own that only grows, so after `disconnect n1` and `connect n1` a container
 * with eth0..eth2 gets eth3, not the eth1 that is free again. A new sandbox (a restart) starts at eth0.
 */
export function nextSandboxIfname(indexes: SandboxIfIndexes, ns: Netns): string {
  const n = indexes.get(ns) ?? 0;
  indexes.set(ns, n + 1);
  return `eth${n}`;
}

/** Tear a sandbox down: its devices go with it (veth pairs included). */
export function destroySandboxNetns(ns: Netns): void {
  deleteNetns(ns);
}

/** Whether the sandbox still needs its docker_gwbridge leg (needDefaultGW): an overlay endpoint is left. */
export function needsGatewayLeg(c: Container): boolean {
  return c.endpoints.some((e) => e.network.driver === 'overlay');
}

/** Every endpoint of a container's sandbox, including the docker_gwbridge leg. */
export function containerLegs(c: Container): Endpoint[] {
  return c.gatewayEndpoint ? [...c.endpoints, c.gatewayEndpoint] : [...c.endpoints];
}
