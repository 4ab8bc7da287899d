/**
 * The network-driver interface (libnetwork driverapi.Driver): what the daemon asks of a driver
 * for a network's life and its endpoints'. Each driver is one file beside this one and is
 * registered in registry.ts; the daemon never branches on a driver's name.
 */
import type { Prefix } from '../../kernel/ipv4.ts';
import type { Daemon } from '../daemon.ts';
import type { Endpoint } from '../endpoint.ts';
import type { Result } from '../errdefs.ts';
import type { DriverName, Network } from '../network.ts';

/** What `docker network create` asks for. */
export interface NetworkRequest {
  name: string;
  driver: string;
  subnet?: Prefix;
  gateway?: number;
  ipRange?: Prefix;
  /** Further --subnet values (one IPAM config each); the bridge driver refuses them. */
  moreSubnets?: Prefix[];
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** --scope as given ('' when absent): local, swarm, or anything else the daemon cannot store. */
  scope: string;
  /** --config-only. */
  configOnly: boolean;
  /** --config-from ('' when absent). */
  configFrom: string;
}

/**
 * One network driver. Methods take the driver's own kind of network; the registry only hands a
 * driver the networks it created (method syntax lets one table hold drivers of each kind).
 */
export interface NetworkDriver<N extends Network = Network> {
  readonly name: DriverName;
  /** Where its networks live (libnetwork's Capability.DataScope): a node's store, or the swarm's. */
  readonly scope: 'local' | 'global';
  /** Containers of this network live in the host's namespace (`--network host`). */
  readonly usesHostNamespace: boolean;
  /** `docker network connect` may add containers to networks of this driver. */
  readonly connectable: boolean;
  /** Create a network for `req` and register it with the daemon (CreateNetwork). */
  create(d: Daemon, req: NetworkRequest): Result<N>;
  /** Remove a network nobody uses (DeleteNetwork); predefined networks never get here. */
  remove(d: Daemon, n: N): Result<void>;
  /** Attach a running container's endpoint: address, interface, routes (Join). */
  join(d: Daemon, ep: Endpoint, n: N): Result<void>;
  /** Detach an endpoint (Leave); the address goes back to the pool. */
  leave(d: Daemon, ep: Endpoint, n: N): void;
}
