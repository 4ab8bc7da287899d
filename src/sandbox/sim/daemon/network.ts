/**
 * Networks (libnetwork network.go): a name and id, a driver (bridge, overlay, host, null), the
 * IPAM pool and the endpoints attached, plus what its driver keeps: a kernel bridge device, or an
 * overlay's swarm record and per-node namespace.
 */
import type { Prefix } from '../kernel/ipv4.ts';
import type { Link } from '../kernel/link.ts';
import type { Endpoint } from './endpoint.ts';
import type { Pool } from './ipam.ts';
import type { ClusterNetwork, NodeLocalClusterNetwork } from './cluster.ts';
import type { OverlaySandbox } from './drivers/overlay-sandbox.ts';

/** The network drivers the simulator implements (each one a file under drivers/). */
export type DriverName = 'bridge' | 'host' | 'null' | 'overlay';

/** What every network has, whatever its driver. */
interface NetworkBase {
  id: string;
  name: string;
  created: number;
  internal: boolean;
  attachable: boolean;
  /** bridge, host and none: created by the daemon, cannot be removed. */
  predefined: boolean;
  /** The IPAM pool (bridge and overlay networks). */
  pool?: Pool;
  /** IPAM options as inspect shows them: null for predefined networks, {} for created ones. */
  ipamOptions: Record<string, string> | null;
  /** Whether the user gave --subnet etc. (inspect shows IPRange only then). */
  ipRangeGiven: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  endpoints: Endpoint[];
  /** --config-only: a network that only holds configuration for others (no driver, no endpoints). */
  configOnly?: ConfigOnlyIpam;
  /** --config-from: the configuration network this one took its IPAM from. */
  configFrom?: string;
}

/** What a configuration-only network holds: the IPAM request as given, nothing allocated. */
export interface ConfigOnlyIpam {
  subnet?: Prefix;
  ipRange?: Prefix;
  gateway?: number;
}

/** Driver state other drivers' networks do not have (absent there, so readers need no cast). */
type Without<K extends string> = { [P in K]?: undefined };

/** A bridge network: a Linux bridge (docker0 or br-<id12>) on the host. */
export interface BridgeNetwork extends NetworkBase, Without<'cluster' | 'overlay'> {
  driver: 'bridge';
  /** The Linux bridge device. */
  bridge?: Link;
  /** A swarm-scoped bridge: its record in the swarm (pool and device exist only while instantiated). */
  swarmSpec?: NodeLocalClusterNetwork;
}

/** An overlay network: a swarm-scoped record, instantiated on a node while a local endpoint uses it. */
export interface OverlayNetwork extends NetworkBase, Without<'bridge' | 'swarmSpec'> {
  driver: 'overlay';
  pool: Pool;
  /** The record in the swarm's Raft store. */
  cluster: ClusterNetwork;
  /** This node's namespace for it, while a local endpoint uses it. */
  overlay?: OverlaySandbox;
}

/** The host network: containers share the host's namespace. */
export interface HostNetwork extends NetworkBase, Without<'bridge' | 'cluster' | 'overlay' | 'swarmSpec'> {
  driver: 'host';
}

/** The none network: containers get a namespace with only lo. */
export interface NullNetwork extends NetworkBase, Without<'bridge' | 'cluster' | 'overlay' | 'swarmSpec'> {
  driver: 'null';
}

/** One network of a daemon, by driver. */
export type Network = BridgeNetwork | OverlayNetwork | HostNetwork | NullNetwork;

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

/** The network's scope as ls and inspect show it: swarm for the swarm's networks, local otherwise. */
export function networkScope(n: Network): 'swarm' | 'local' {
  return n.cluster || n.swarmSpec ? 'swarm' : 'local';
}
