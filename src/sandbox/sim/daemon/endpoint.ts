/**
 * Endpoints (libnetwork endpoint.go): a container's attachment to one network, with its address,
 * MAC, interface name in the container and the host end of its veth pair.
 */
import type { HwAddr } from '../kernel/hwaddr.ts';
import type { Link } from '../kernel/link.ts';
import type { Container } from './container.ts';
import type { Ipam } from './ipam.ts';
import type { Network } from './network.ts';

/** One container's attachment to one network. */
export interface Endpoint {
  id: string;
  network: Network;
  container: Container;
  /** Address in the network's subnet (bridge networks). */
  addr?: number;
  /** Requested with --ip; kept across restarts. */
  requestedAddr?: number;
  mac?: HwAddr;
  /** Interface in the container (eth0, eth1 …). */
  ifname?: string;
  /** The host end of the veth pair. */
  hostVeth?: Link;
  /** Joined to the network (the container is running). */
  active: boolean;
  /** Names this endpoint answers to in embedded DNS besides the container name. */
  aliases: string[];
  /**
   * --link NAME:ALIAS on a user-defined network (libnetwork's ep.aliases): names this container's
   * lookups translate, lower-cased alias → the target's name, resolved on this network.
   */
  linkAliases?: Map<string, string>;
  /** The container's leg on docker_gwbridge for an overlay network (inspect names it gateway_<sandbox>). */
  gateway?: boolean;
}

/** The endpoint is joined: active and listed by its network (its id is set by the caller, in draw order). */
export function markJoined(ep: Endpoint): void {
  ep.active = true;
  if (!ep.network.endpoints.includes(ep)) ep.network.endpoints.push(ep);
}

/** The endpoint has left: its address goes back to the network's pool and the network forgets it. */
export function markLeft(ipam: Ipam, ep: Endpoint): void {
  if (ep.addr !== undefined && ep.network.pool) ipam.releaseAddress(ep.network.pool, ep.addr);
  ep.addr = undefined;
  ep.mac = undefined;
  ep.active = false;
  ep.network.endpoints = ep.network.endpoints.filter((e) => e !== ep);
}
