/**
 * Networks (libnetwork network.go): a name and id, a driver (bridge, host, null), the IPAM pool
 * and the endpoints attached. The bridge driver gives it a kernel bridge device.
 */
import type { Link } from '../kernel/link.ts';
import type { Endpoint } from './endpoint.ts';
import type { Pool } from './ipam.ts';
import type { ClusterNetwork } from './cluster.ts';
import type { OverlaySandbox } from './drivers/overlay.ts';

/** The network drivers the simulator implements. */
export type NetworkDriver = 'bridge' | 'host' | 'null' | 'overlay';

/** One network of a daemon. */
export interface Network {
  id: string;
  name: string;
  driver: NetworkDriver;
  created: number;
  internal: boolean;
  attachable: boolean;
  /** bridge, host and none: created by the daemon, cannot be removed. */
  predefined: boolean;
  /** The IPAM pool (bridge networks only). */
  pool?: Pool;
  /** IPAM options as inspect shows them: null for predefined networks, {} for created ones. */
  ipamOptions: Record<string, string> | null;
  /** Whether the user gave --subnet etc. (inspect shows IPRange only then). */
  ipRangeGiven: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** The Linux bridge (docker0 or br-<id12>). */
  bridge?: Link;
  endpoints: Endpoint[];
  /** Overlay networks: the record in the swarm's Raft store. */
  cluster?: ClusterNetwork;
  /** Overlay networks: this node's namespace for it, while a local endpoint uses it. */
  overlay?: OverlaySandbox;
}

/** Find a network as the API does: full id, then exact name, then unique id prefix. */
export function findNetwork(networks: readonly Network[], ref: string): Network | undefined {
  if (ref === '') return undefined;
  const byId = networks.find((n) => n.id === ref);
  if (byId) return byId;
  const byName = networks.find((n) => n.name === ref);
  if (byName) return byName;
  const prefixed = networks.filter((n) => n.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Whether this is the default bridge (docker0), which has no embedded DNS. */
export function isDefaultBridge(n: Network): boolean {
  return n.driver === 'bridge' && n.predefined;
}
