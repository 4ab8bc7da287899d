/**
 * Swarm mode (moby daemon/cluster + swarmkit): the cluster state lives in the managers' Raft
 * store — nodes, networks, join tokens and the overlay address allocator — and every member
 * daemon holds a membership pointing at it. The simulation keeps one replicated store per
 * cluster (the managers' copies are identical by construction); workers reach it only through
 * a manager, so they cannot list nodes or create networks.
 */
import type { HwAddr } from '../kernel/hwaddr.ts';
import type { Prefix } from '../kernel/ipv4.ts';
import type { Link } from '../kernel/link.ts';
import type { Netns } from '../kernel/netns.ts';
import type { Random } from '../kernel/random.ts';
import type { Socket } from '../kernel/socket.ts';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import type { Endpoint } from './endpoint.ts';
import { Ipam, type Pool } from './ipam.ts';

/** A node as the managers know it (`docker node ls`). */
export interface ClusterNode {
  /** 25-character swarm id. */
  id: string;
  hostname: string;
  daemon: Daemon;
  /** The advertise address other nodes and VXLAN tunnels use. */
  addr: number;
  role: 'manager' | 'worker';
  leader: boolean;
  status: 'Ready' | 'Down';
  /** NetworkDB's node name (Peers in network inspect): 12 hex. */
  gossipName: string;
}

/** Something with an address on an overlay network, anywhere in the cluster (the gossiped peer table). */
export interface Attachment {
  daemon: Daemon;
  /** Key in inspect's Containers map: the container id, `lb-NET`, `ep-ENDPOINTID`. */
  key: string;
  name: string;
  endpointId: string;
  addr: number;
  mac: HwAddr;
  container?: Container;
  /** The swarm's network-attachment task for a container's endpoint (what keeps the network in use). */
  taskId?: string;
  aliases: string[];
}

/** An overlay network in the Raft store. */
export interface ClusterNetwork {
  id: string;
  name: string;
  created: number;
  attachable: boolean;
  internal: boolean;
  ingress: boolean;
  pool: Pool;
  vni: number;
  /** null when created without labels (the swarm API's spec keeps none). */
  labels: Record<string, string> | null;
  /** --opt values given at creation (the driver's options besides the VXLAN id, e.g. encrypted). */
  options: Record<string, string>;
  attachments: Attachment[];
}

/**
 * A swarm-scoped network of a node-local driver (`network create -d bridge --scope swarm`):
 * swarmkit keeps only its spec (no IPAM: its allocator skips node-local networks, so --subnet
 * is dropped) and each node instantiates it as its own bridge, from its local pools, while a
 * container there is attached.
 */
export interface NodeLocalClusterNetwork {
  id: string;
  name: string;
  created: number;
  driver: 'bridge';
  attachable: boolean;
  internal: boolean;
  /** null when created without labels (the swarm API's spec keeps none). */
  labels: Record<string, string> | null;
  /** --config-from: the local configuration network each node would take its IPAM from. */
  configFrom: string;
  /** The network-attachment tasks of containers attached to it anywhere (what keeps it in use). */
  tasks: { endpoint: Endpoint; taskId: string }[];
}

/** One swarm. */
export interface Cluster {
  id: string;
  created: number;
  nodes: ClusterNode[];
  networks: ClusterNetwork[];
  /** Swarm-scoped networks of node-local drivers. */
  nodeLocalNetworks: NodeLocalClusterNetwork[];
  /** Swarm's allocator: the default address pool in subnets of `subnetSize`. */
  ipam: Ipam;
  /** `docker swarm init --default-addr-pool` (10.0.0.0/8 unless given). */
  defaultAddrPool: Prefix[];
  /** `--default-addr-pool-mask-length` (24 unless given). */
  subnetSize: number;
  nextVni: number;
  workerToken: string;
  managerToken: string;
  /** Raft log index: bumped on every change of the store. */
  raftIndex: number;
}

/** The swarm-side state a daemon keeps beyond its membership. */
export interface SwarmLocal {
  /** The ingress sandbox (ingress_sbox): its namespace and its legs. */
  ingress?: { ns: Netns; gwAddr?: number; gwHost?: Link };
  /** The manager's listener on :2377. */
  listener?: Socket;
  /** The overlay driver's one-time VXLAN probe has run (once per daemon process, swarm or not). */
  vxlanProbed?: boolean;
}

/** A daemon's view of its swarm. */
export interface SwarmMembership {
  cluster: Cluster;
  node: ClusterNode;
}

/** What a swarm command answers on a node that is not in a swarm. */
export const NOT_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

/** The manager's answer to a container attaching by hand to a swarm network made without --attachable. */
export function notAttachable(ref: string): string {
  return `Could not attach to network ${ref}: rpc error: code = PermissionDenied desc = network ${ref} not manually attachable`;
}

const BASE36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A swarmkit identifier: 25 characters of [a-z0-9]. */
export function swarmId(random: Random, n = 25): string {
  return Array.from(random.bytes(n), (byte) => BASE36.charAt(byte % 36)).join('');
}

/** Swarm's default address pool and subnet size (swarmkit's defaults). */
const DEFAULT_ADDR_POOL: Prefix = { addr: (10 << 24) >>> 0, len: 8 };
const DEFAULT_SUBNET_SIZE = 24;

/** The first /24s of 10.0.0.0/8, in allocation order. */
function swarmSubnets(): Prefix[] {
  const out: Prefix[] = [];
  for (let i = 0; i < 256; i++) out.push({ addr: (DEFAULT_ADDR_POOL.addr | (i << 8)) >>> 0, len: DEFAULT_SUBNET_SIZE });
  return out;
}

/** A new cluster whose first node (manager and leader) is `daemon` advertising `addr`. */
export function newCluster(daemon: Daemon, hostname: string, addr: number): SwarmMembership {
  const r = daemon.random;
  const fingerprint = swarmId(r, 50);
  const cluster: Cluster = {
    id: swarmId(r),
    created: daemon.clock.now(),
    nodes: [],
    networks: [],
    nodeLocalNetworks: [],
    // swarmkit's allocator hands subnets out round-robin too: after `network rm` of 10.0.1.0/24 the
    // next overlay gets 10.0.2.0/24 (seen on a real 20.10 engine).
    ipam: new Ipam(swarmSubnets()),
    defaultAddrPool: [DEFAULT_ADDR_POOL],
    subnetSize: DEFAULT_SUBNET_SIZE,
    nextVni: 4096,
    workerToken: `SWMTKN-1-${fingerprint}-${swarmId(r)}`,
    managerToken: `SWMTKN-1-${fingerprint}-${swarmId(r)}`,
    raftIndex: 10,
  };
  const node = addClusterNode(cluster, daemon, hostname, addr, 'manager');
  node.leader = true;
  return { cluster, node };
}

/** Register a node (swarm join). */
export function addClusterNode(cluster: Cluster, daemon: Daemon, hostname: string, addr: number, role: 'manager' | 'worker'): ClusterNode {
  const node: ClusterNode = {
    id: swarmId(daemon.random),
    hostname,
    daemon,
    addr,
    role,
    leader: false,
    status: 'Ready',
    gossipName: Array.from(daemon.random.bytes(6), (b) => b.toString(16).padStart(2, '0')).join(''),
  };
  cluster.nodes.push(node);
  cluster.raftIndex++;
  return node;
}

/** Managers that are still up. */
export function liveManagers(cluster: Cluster): ClusterNode[] {
  return cluster.nodes.filter((n) => n.role === 'manager' && n.status === 'Ready');
}

/** The cluster network called or identified by `ref`. */
export function findClusterNetwork(cluster: Cluster, ref: string): ClusterNetwork | undefined {
  return cluster.networks.find((n) => n.id === ref) ?? cluster.networks.find((n) => n.name === ref) ?? cluster.networks.find((n) => n.id.startsWith(ref));
}

/** The member whose daemon is `d`. */
export function nodeOf(cluster: Cluster, d: Daemon): ClusterNode | undefined {
  return cluster.nodes.find((n) => n.daemon === d);
}
