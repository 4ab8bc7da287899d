/**
 * The sandbox as the topology panel draws it: a driver-neutral, JSON-serialisable snapshot of the
 * machines of one sandbox — hosts, network namespaces (the host's and the containers'), their
 * interfaces, bridges with their subnets, published ports, overlay networks across hosts — plus,
 * for the simulator, the path the last packet took (`lastPath`).
 *
 * The simulator builds it from its model (src/sandbox/sim/topology.ts), the real driver from the
 * engine's inspect data and `ip -j` output (src/sandbox/docker/topology.ts). The server sends it to
 * the browser in the `state` control message (src/sandbox/protocol.ts); lessons may embed a saved
 * one as a static diagram (`<Topology state={...} />`). See docs/topology.md.
 *
 * Ids are stable strings (a container keeps its id across redraws) so the layout can keep
 * positions: hosts are node names, namespaces `node/…`, interfaces `<namespace id>#<ifname>`.
 */

export const SANDBOX_STATE_VERSION = 1;

/** Interface kinds the panel tells apart. */
export type InterfaceKind = 'lo' | 'eth' | 'veth' | 'bridge' | 'vxlan';

/** How a container is attached (Docker's network mode, plus `network` for user-defined networks). */
export type NetworkMode = 'bridge' | 'host' | 'none' | 'container' | 'network' | 'overlay';

/**
 * The panel's mode for Docker's `HostConfig.NetworkMode` value (`default`, `bridge`, `host`, `none`,
 * `container:<id>` or a network's name or id); `driverOf` gives the driver of the network a name or
 * id refers to, so a user-defined overlay network is told from a bridge one.
 */
export function networkModeOf(mode: string, driverOf: (ref: string) => string | undefined): NetworkMode {
  if (mode === 'default' || mode === 'bridge') return 'bridge';
  if (mode === 'host' || mode === 'none') return mode;
  if (mode.startsWith('container:')) return 'container';
  return driverOf(mode) === 'overlay' ? 'overlay' : 'network';
}

/** One network device. */
export interface InterfaceState {
  /** `<namespace id>#<name>`. */
  id: string;
  name: string;
  kind: InterfaceKind;
  /** IPv4 addresses with prefix length, e.g. "172.17.0.2/16". */
  addresses: string[];
  mac?: string;
  up: boolean;
  /** The other end of a veth pair (an interface id, possibly in another namespace). */
  peer?: string;
  /** The bridge this device is a port of (an interface id). */
  master?: string;
}

/** A container living in a namespace (its own, the host's, or another container's). */
export interface ContainerState {
  id: string;
  name: string;
  image: string;
  status: 'created' | 'running' | 'exited';
  mode: NetworkMode;
  /** For mode `container`: the name of the container whose namespace it shares. */
  sharedWith?: string;
  /** Names of the networks it is attached to (bridge, user networks, overlays). */
  networks: string[];
  /** Creation order (monotonic per host), used for stable placement. */
  order: number;
}

/** One network namespace. */
export interface NamespaceState {
  id: string;
  /** `host`: the node's own namespace; `container`: a container's; `network`: a driver's (overlay). */
  kind: 'host' | 'container' | 'network';
  /** Shown as the box title: host name, container name, or network namespace name. */
  name: string;
  /** Containers that live in this namespace: for a container namespace the owner first, then those sharing it. */
  containers: ContainerState[];
  interfaces: InterfaceState[];
  /** Creation order for stable placement (the owner container's). */
  order: number;
}

/** A Linux bridge (docker0, br-xxxx, an overlay's br0). */
export interface BridgeState {
  /** The bridge's interface id. */
  id: string;
  name: string;
  /** The namespace it lives in. */
  namespace: string;
  /** The Docker network it belongs to, if any. */
  network?: string;
  driver?: 'bridge' | 'overlay';
  /** e.g. "172.17.0.0/16". */
  subnet?: string;
  gateway?: string;
  /** Creation order for stable lanes. */
  order: number;
}

/** A published port: host address and port to a container port. */
export interface PublishedPortState {
  hostIp: string;
  hostPort: number;
  proto: 'tcp' | 'udp';
  /** Container id and name. */
  container: string;
  containerName: string;
  containerPort: number;
  /** The container's address the DNAT rule points at. */
  containerIp?: string;
}

/** One host (a sandbox node). */
export interface HostState {
  /** The node name ("node1"). */
  id: string;
  hostname: string;
  /** The host's addresses on its uplinks (eth0 …), for the host edge. */
  addresses: string[];
  namespaces: NamespaceState[];
  bridges: BridgeState[];
  ports: PublishedPortState[];
}

/** An overlay network spanning hosts. */
export interface OverlayState {
  id: string;
  name: string;
  subnet?: string;
  vni?: number;
  /** Per host: the bridge (br0) the network has there, and its VTEP (underlay) address. */
  members: { host: string; bridge?: string; vtep?: string }[];
}

/** One step of the last packet's path. */
export interface PathHop {
  kind: 'dns' | 'leave' | 'route' | 'link' | 'bridge' | 'rule' | 'policy' | 'nat' | 'unnat' | 'arrive' | 'deliver' | 'drop' | 'vxlan' | 'note';
  /** Direction of the exchange this hop belongs to. */
  dir: 'request' | 'reply';
  /** Nesting: 1 for a connection a proxy (docker-proxy) opened on behalf of the first. */
  depth: number;
  /** Human-readable description (English, like the terminal's output). */
  text: string;
  /** Where it happened, for people: "container web", "host node1". */
  where?: string;
  /** Namespace id where it happened. */
  namespace?: string;
  /** Interface ids involved (the device and, for a veth, its peer; for a bridge, the ports). */
  interfaces?: string[];
  table?: 'filter' | 'nat';
  chain?: string;
  /** The rule as `iptables -S` prints it, e.g. "-A DOCKER-USER -j DROP". */
  rule?: string;
  verdict?: string;
}

/** The path of the last packet the simulator delivered (or dropped). */
export interface PathState {
  /** Monotonic sequence number: a new number means a new packet. */
  seq: number;
  /** e.g. "ICMP echo 172.18.0.2 → 172.18.0.3". */
  summary: string;
  outcome: 'delivered' | 'answered' | 'dropped' | 'refused' | 'unreachable' | 'no-route' | 'timeout' | 'dns';
  hops: PathHop[];
  /** Everything on the path (namespace, interface and bridge ids), for highlighting. */
  elements: string[];
}

/** The whole sandbox. */
export interface SandboxState {
  version: typeof SANDBOX_STATE_VERSION;
  /** Which driver produced it ("simulator", "docker", "static"). */
  driver: string;
  hosts: HostState[];
  overlays: OverlayState[];
  lastPath?: PathState;
}

/** An empty state (before anything is known). */
export function emptyState(driver = 'static'): SandboxState {
  return { version: SANDBOX_STATE_VERSION, driver, hosts: [], overlays: [] };
}

/** Whether `value` looks like a SandboxState (for states from the wire or a lesson file). */
export function isSandboxState(value: unknown): value is SandboxState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SandboxState>;
  return v.version === SANDBOX_STATE_VERSION && Array.isArray(v.hosts) && Array.isArray(v.overlays);
}
