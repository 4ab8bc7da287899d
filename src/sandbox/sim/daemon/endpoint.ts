/**
 * Endpoints (libnetwork endpoint.go): a container's attachment to one network, with its address,
 * MAC, interface name in the container and the host end of its veth pair.
 */
import type { HwAddr } from '../kernel/hwaddr.ts';
import type { Link } from '../kernel/link.ts';
import type { Container } from './container.ts';
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
  /** The container's leg on docker_gwbridge for an overlay network (inspect names it gateway_<sandbox>). */
  gateway?: boolean;
}
