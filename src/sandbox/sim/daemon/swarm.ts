/**
 * Swarm mode on one daemon (moby daemon/cluster, libnetwork agent): init, join and leave, the
 * ingress network and its sandbox, docker_gwbridge, and overlay networks — created in the Raft
 * store by a manager, instantiated on a node (namespace, VXLAN, load-balancer endpoint) when a
 * container there first attaches, as the real engine does.
 */
import { dockerHwAddr } from '../kernel/hwaddr.ts';
import { formatIp, type Prefix } from '../kernel/ipv4.ts';
import { randomHex } from '../kernel/random.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import { routeLookup } from '../kernel/route.ts';
import { destroySandboxNetns, createSandboxNetns, updateGateway } from './sandbox.ts';
import { addClusterNode, findClusterNetwork, liveManagers, newCluster, type Attachment, type Cluster, type ClusterNetwork, type SwarmLocal } from './cluster.ts';
import type { Container } from './container.ts';
import { createNetwork, type Daemon } from './daemon.ts';
import { plugNamespace, leaveEndpoint } from './drivers/bridge.ts';
import { createOverlaySandbox, destroyOverlaySandbox, joinOverlay } from './drivers/overlay.ts';
import type { Endpoint } from './endpoint.ts';
import { fail, ok, type Result } from './errdefs.ts';
import type { Network } from './network.ts';

/** The swarm manager's port (cluster management, TCP). */
export const SWARM_PORT = 2377;

export const NOT_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
export const WORKER_NOT_MANAGER = "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
const ALREADY = 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';

function local(d: Daemon): SwarmLocal {
  return d.swarmLocal;
}

/** The daemon's own non-Docker IPv4 addresses by interface (what swarm may advertise). */
export function systemAddresses(d: Daemon): { dev: string; addr: number }[] {
  const out: { dev: string; addr: number }[] = [];
  for (const l of d.kernel.init.links) {
    if (l.kind !== 'ether') continue;
    for (const a of l.addrs) if (a.scope === 'global') out.push({ dev: l.name, addr: a.addr });
  }
  return out;
}

/** Which address to advertise: the given one (must be the host's) or the only one there is. */
function chooseAdvertise(d: Daemon, wanted: string | undefined, parse: (s: string) => number | undefined): Result<number> {
  const mine = systemAddresses(d);
  if (wanted !== undefined) {
    const byDev = mine.find((m) => m.dev === wanted);
    if (byDev) return ok(byDev.addr);
    const addr = parse(wanted.replace(/:\d+$/, ''));
    if (addr === undefined) return fail('invalid', `advertise address must be a non-zero IP address or network interface (with optional port number)`);
    if (!mine.some((m) => m.addr === addr) && !d.kernel.init.links.some((l) => l.addrs.some((a) => a.addr === addr))) {
      return fail('invalid', 'must specify a listening address because the address to advertise is not recognized as a system address, and a system\'s IP address to use could not be uniquely identified');
    }
    return ok(addr);
  }
  if (mine.length === 1) return ok(mine[0]!.addr);
  if (mine.length === 0) return fail('invalid', 'could not find a valid IP address to advertise');
  const [a, b] = mine as [{ dev: string; addr: number }, { dev: string; addr: number }];
  return fail('invalid', `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${formatIp(a.addr)} on ${a.dev} and ${formatIp(b.addr)} on ${b.dev})`);
}

/** The manager's cluster port: what `swarm join` connects to. */
function startListener(d: Daemon): void {
  const l = local(d);
  if (l.listener) return;
  const socket: Socket = { proto: 'tcp', addr: 0, port: SWARM_PORT, process: 'dockerd', v6: true, respond: (token) => (d.swarm && joinRole(d.swarm.cluster, token) ? 'accepted' : 'denied') };
  if (listen(d.kernel.init, socket)) l.listener = socket;
}

function stopListener(d: Daemon): void {
  const l = local(d);
  if (l.listener) unlisten(d.kernel.init, l.listener);
  l.listener = undefined;
}

/** The role a join token grants, if it is one of the cluster's. */
export function joinRole(cluster: Cluster, token: string): 'manager' | 'worker' | undefined {
  if (token === cluster.workerToken) return 'worker';
  if (token === cluster.managerToken) return 'manager';
  return undefined;
}

/** docker swarm init. */
export function swarmInit(d: Daemon, advertise: string | undefined, parse: (s: string) => number | undefined): Result<{ nodeId: string; token: string; addr: number }> {
  if (d.swarm) return fail('system', ALREADY);
  const addr = chooseAdvertise(d, advertise, parse);
  if (!addr.ok) return addr;
  const m = newCluster(d, d.kernel.hostname, addr.value);
  d.swarm = m;
  const pool = m.cluster.ipam.requestPool();
  if (!pool.ok) return pool;
  const ingress: ClusterNetwork = {
    id: randomSwarmId(d), name: 'ingress', created: d.clock.now(), attachable: false, internal: false, ingress: true,
    pool: pool.value, vni: m.cluster.nextVni++, labels: {}, attachments: [],
  };
  m.cluster.networks.push(ingress);
  startListener(d);
  joinedCluster(d);
  return ok({ nodeId: m.node.id, token: m.cluster.workerToken, addr: addr.value });
}

function randomSwarmId(d: Daemon): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(d.random.bytes(25), (b) => chars[b % 36]).join('');
}

/** docker swarm join: `manager` is the daemon that accepted the connection (found through the model). */
export function swarmJoin(d: Daemon, manager: Daemon, token: string, advertise: string | undefined, parse: (s: string) => number | undefined): Result<'manager' | 'worker'> {
  if (d.swarm) return fail('system', ALREADY);
  const m = manager.swarm;
  if (!m || m.node.role !== 'manager') return fail('system', 'rpc error: code = Unavailable desc = connection error');
  if (!/^SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}$/.test(token)) return fail('invalid', 'invalid join token');
  const role = joinRole(m.cluster, token);
  if (!role) return fail('invalid', 'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
  // Without --advertise-addr, swarmkit uses the local address of its connection to the manager.
  const route = routeLookup(d.kernel.init, m.node.addr);
  const addr = advertise === undefined && route.kind === 'unicast' ? ok(route.src) : chooseAdvertise(d, advertise, parse);
  if (!addr.ok) return addr;
  const node = addClusterNode(m.cluster, d, d.kernel.hostname, addr.value, role);
  d.swarm = { cluster: m.cluster, node };
  if (role === 'manager') {
    startListener(d);
    // A new manager sees the store's overlay networks like the others.
    for (const cn of m.cluster.networks) if (!cn.ingress) localNetwork(d, cn);
  }
  joinedCluster(d);
  return ok(role);
}

/** After init or join: the ingress network and sandbox, and docker_gwbridge a moment later. */
function joinedCluster(d: Daemon): void {
  const m = d.swarm!;
  const ingress = m.cluster.networks.find((n) => n.ingress);
  if (ingress) {
    const n = localNetwork(d, ingress);
    const addr = d.ipam.requestAddress(ingress.pool);
    if (addr.ok) {
      const s = ensureOverlay(d, n);
      const ns = createSandboxNetns(d.kernel);
      joinOverlay(d.kernel, s, ns, addr.value, ingress.pool.subnet.len);
      const id = randomHex(d.random, 32);
      ingress.attachments.push({ daemon: d, key: `ep-${id}`, name: 'ingress-endpoint', endpointId: id, addr: addr.value, mac: dockerHwAddr(addr.value), aliases: [] });
      local(d).ingress = { ns };
    }
  }
  // The agent sets up the ingress sandbox's egress bridge asynchronously, within about a second.
  d.kernel.timers.clock().sleep(800).then(
    () => {
      if (d.swarm === m) ensureGwBridge(d);
    },
    () => {},
  );
}

/** docker_gwbridge: created on first need (the ingress sandbox, a container on an overlay). */
export function ensureGwBridge(d: Daemon): Network | undefined {
  let gw = d.networks.find((n) => n.name === 'docker_gwbridge');
  if (!gw) {
    const r = createNetwork(d, {
      name: 'docker_gwbridge', driver: 'bridge', internal: false, attachable: false, labels: {},
      options: { 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.name': 'docker_gwbridge' },
    });
    if (!r.ok) return undefined;
    gw = r.value;
  }
  const ing = local(d).ingress;
  if (ing && ing.gwAddr === undefined && gw.pool) {
    const addr = d.ipam.requestAddress(gw.pool);
    if (addr.ok) {
      const plugged = plugNamespace(d.kernel, gw, ing.ns, addr.value);
      ing.gwAddr = addr.value;
      if (plugged) ing.gwHost = plugged.host;
    }
  }
  return gw;
}

/** This daemon's Network object for a cluster network (created, uninstantiated, when missing). */
export function localNetwork(d: Daemon, cn: ClusterNetwork): Network {
  let n = d.networks.find((x) => x.cluster === cn);
  if (n) return n;
  n = {
    id: cn.id, name: cn.name, driver: 'overlay', created: cn.created, internal: cn.internal, attachable: cn.attachable,
    predefined: false, pool: cn.pool, ipamOptions: null, ipRangeGiven: false, options: { 'com.docker.network.driver.overlay.vxlanid_list': String(cn.vni) },
    labels: cn.labels ?? {}, endpoints: [], cluster: cn,
  };
  d.networks.push(n);
  return n;
}

/** Instantiate the network on this node: its namespace, and the load-balancer endpoint (not for ingress). */
function ensureOverlay(d: Daemon, n: Network) {
  if (n.overlay) return n.overlay;
  const cn = n.cluster!;
  const m = d.swarm!;
  n.overlay = createOverlaySandbox(d, m.cluster, cn, m.node.addr);
  n.created = d.clock.now();
  if (!cn.ingress) {
    const addr = d.ipam.requestAddress(cn.pool);
    if (addr.ok) {
      const ns = createSandboxNetns(d.kernel);
      joinOverlay(d.kernel, n.overlay, ns, addr.value, cn.pool.subnet.len);
      const id = randomHex(d.random, 32);
      cn.attachments.push({ daemon: d, key: `lb-${cn.name}`, name: `${cn.name}-endpoint`, endpointId: id, addr: addr.value, mac: dockerHwAddr(addr.value), aliases: [] });
      n.overlay.lb = ns;
    }
  }
  return n.overlay;
}

/** Undo ensureOverlay once no local container uses the network; a worker then forgets it. */
function releaseOverlay(d: Daemon, n: Network): void {
  const cn = n.cluster!;
  if (!n.overlay || cn.ingress) return;
  if (cn.attachments.some((a) => a.daemon === d && a.container)) return;
  for (const a of cn.attachments.filter((x) => x.daemon === d)) d.ipam.releaseAddress(cn.pool, a.addr);
  cn.attachments = cn.attachments.filter((x) => x.daemon !== d);
  destroyOverlaySandbox(n.overlay);
  n.overlay = undefined;
  n.created = cn.created;
  n.endpoints = [];
  if (d.swarm?.node.role !== 'manager') d.networks = d.networks.filter((x) => x !== n);
}

/** The network a container asks for by name, from the swarm when this node does not have it yet. */
export function clusterNetworkFor(d: Daemon, ref: string): Result<Network> | undefined {
  const m = d.swarm;
  if (!m) return undefined;
  const cn = findClusterNetwork(m.cluster, ref);
  if (!cn || cn.ingress) return undefined;
  if (!cn.attachable) return fail('forbidden', `Could not attach to network ${ref}: rpc error: code = PermissionDenied desc = network ${ref} not manually attachable`);
  return ok(localNetwork(d, cn));
}

/** Attach a running container's endpoint to an overlay network, with its docker_gwbridge leg. */
export function activateOverlayEndpoint(d: Daemon, ep: Endpoint, activateBridge: (ep: Endpoint) => Result<void>): Result<void> {
  const n = ep.network;
  const cn = n.cluster;
  const c = ep.container;
  if (!cn || !d.swarm || !c.netns || !d.swarm.cluster.networks.includes(cn)) return fail('not-found', `network ${n.name} not found`);
  if (!cn.attachable) return fail('forbidden', `Could not attach to network ${n.name}: rpc error: code = PermissionDenied desc = network ${n.name} not manually attachable`);
  const addr = d.ipam.requestAddress(cn.pool, ep.requestedAddr);
  if (!addr.ok) return addr;
  const s = ensureOverlay(d, n);
  ep.addr = addr.value;
  ep.id = randomHex(d.random, 32);
  const { port, ifname } = joinOverlay(d.kernel, s, c.netns, addr.value, cn.pool.subnet.len);
  ep.hostVeth = port;
  ep.ifname = ifname;
  ep.mac = dockerHwAddr(addr.value);
  ep.active = true;
  if (!n.endpoints.includes(ep)) n.endpoints.push(ep);
  const att: Attachment = { daemon: d, key: c.id, name: c.name, endpointId: ep.id, addr: addr.value, mac: ep.mac, container: c, aliases: ep.aliases };
  cn.attachments.push(att);
  if (!c.gatewayEndpoint) {
    const gw = ensureGwBridge(d);
    if (gw) {
      const gep: Endpoint = { id: '', network: gw, container: c, aliases: [], active: false, gateway: true };
      c.gatewayEndpoint = gep;
      const r = activateBridge(gep);
      if (!r.ok) c.gatewayEndpoint = undefined;
    }
  }
  updateGateway(c.netns, containerLegs(c));
  return ok(undefined);
}

/** Every endpoint of a container's sandbox, including the docker_gwbridge leg. */
export function containerLegs(c: Container): Endpoint[] {
  return c.gatewayEndpoint ? [...c.endpoints, c.gatewayEndpoint] : [...c.endpoints];
}

/** Detach an overlay endpoint; the node's instance of the network goes with the last one. */
export function deactivateOverlayEndpoint(d: Daemon, ep: Endpoint): void {
  const n = ep.network;
  const cn = n.cluster;
  leaveEndpoint(ep);
  if (cn && ep.addr !== undefined) {
    d.ipam.releaseAddress(cn.pool, ep.addr);
    cn.attachments = cn.attachments.filter((a) => a.endpointId !== ep.id);
  }
  ep.addr = undefined;
  ep.mac = undefined;
  ep.active = false;
  n.endpoints = n.endpoints.filter((e) => e !== ep);
  if (cn) releaseOverlay(d, n);
}

/** docker network create -d overlay on a manager. */
export function createOverlayNetwork(d: Daemon, req: { name: string; subnet?: Prefix; gateway?: number; attachable: boolean; internal: boolean; labels: Record<string, string> }): Result<Network> {
  const m = d.swarm;
  if (!m) return fail('forbidden', NOT_MANAGER);
  if (m.node.role !== 'manager') return fail('forbidden', 'Cannot create a multi-host network from a worker node. Please create the network from a manager node.');
  if (m.cluster.networks.some((n) => n.name === req.name) || d.networks.some((n) => n.name === req.name)) return fail('conflict', `network with name ${req.name} already exists`);
  const pool = m.cluster.ipam.requestPool(req.subnet, undefined, req.gateway);
  if (!pool.ok) return pool;
  const cn: ClusterNetwork = {
    id: randomSwarmId(d), name: req.name, created: d.clock.now(), attachable: req.attachable, internal: req.internal, ingress: false,
    pool: pool.value, vni: m.cluster.nextVni++, labels: Object.keys(req.labels).length > 0 ? req.labels : null, attachments: [],
  };
  m.cluster.networks.push(cn);
  m.cluster.raftIndex++;
  let mine: Network | undefined;
  for (const node of liveManagers(m.cluster)) {
    const n = localNetwork(node.daemon, cn);
    if (node.daemon === d) mine = n;
  }
  return ok(mine ?? localNetwork(d, cn));
}

/** docker network rm of an overlay network (from the Raft store, on every node). */
export function removeOverlayNetwork(d: Daemon, n: Network): Result<void> {
  const cn = n.cluster!;
  const m = d.swarm;
  if (cn.ingress) return fail('forbidden', 'rpc error: code = InvalidArgument desc = ingress network cannot be removed because service');
  if (cn.attachments.some((a) => a.container && a.container.status === 'running')) {
    return fail('forbidden', `error while removing network: network ${n.name} id ${n.id} has active endpoints`);
  }
  if (!m || m.node.role !== 'manager') {
    d.networks = d.networks.filter((x) => x !== n);
    return ok(undefined);
  }
  m.cluster.networks = m.cluster.networks.filter((x) => x !== cn);
  m.cluster.ipam.releasePool(cn.pool);
  m.cluster.raftIndex++;
  for (const node of m.cluster.nodes) {
    const theirs = node.daemon.networks.find((x) => x.cluster === cn);
    if (!theirs) continue;
    if (theirs.overlay) destroyOverlaySandbox(theirs.overlay);
    node.daemon.networks = node.daemon.networks.filter((x) => x !== theirs);
  }
  return ok(undefined);
}

/** docker swarm leave [--force]. */
export function swarmLeave(d: Daemon, force: boolean): Result<void> {
  const m = d.swarm;
  if (!m) return fail('system', 'This node is not part of a swarm');
  const managers = liveManagers(m.cluster);
  if (m.node.role === 'manager' && !force) {
    if (managers.length <= 1) {
      return fail('system', 'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.');
    }
    return fail('system', `You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves ${managers.length - 1} managers out of ${managers.length}. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`);
  }
  // Containers on overlay networks lose those endpoints.
  for (const c of d.containers) {
    for (const ep of c.endpoints.filter((e) => e.network.cluster)) {
      if (ep.active) deactivateOverlayEndpoint(d, ep);
      c.endpoints = c.endpoints.filter((e) => e !== ep);
    }
  }
  for (const n of d.networks.filter((x) => x.cluster)) {
    const cn = n.cluster!;
    for (const a of cn.attachments.filter((x) => x.daemon === d)) d.ipam.releaseAddress(cn.pool, a.addr);
    cn.attachments = cn.attachments.filter((x) => x.daemon !== d);
    if (n.overlay) destroyOverlaySandbox(n.overlay);
  }
  d.networks = d.networks.filter((x) => !x.cluster);
  const l = local(d);
  if (l.ingress) {
    const gw = d.networks.find((n) => n.name === 'docker_gwbridge');
    if (gw?.pool && l.ingress.gwAddr !== undefined) d.ipam.releaseAddress(gw.pool, l.ingress.gwAddr);
    destroySandboxNetns(l.ingress.ns);
    l.ingress = undefined;
  }
  stopListener(d);
  m.node.status = 'Down';
  if (m.node.role === 'manager') {
    m.node.role = 'worker';
    m.node.leader = false;
    const next = liveManagers(m.cluster)[0];
    if (next) next.leader = true;
  }
  // A worker that leaves stays listed as Down; the last manager takes the whole store with it.
  if (liveManagers(m.cluster).length === 0) m.cluster.nodes = m.cluster.nodes.filter((n) => n !== m.node);
  d.swarm = undefined;
  return ok(undefined);
}
