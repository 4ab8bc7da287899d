/**
 * Swarm mode on one daemon (moby daemon/cluster, libnetwork agent): init, join and leave, the
 * manager's listener, and the ingress network with its sandbox. Overlay networks themselves are
 * the overlay driver's (drivers/overlay.ts).
 */
import { dockerHwAddr } from '../kernel/hwaddr.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { randomHex } from '../kernel/random.ts';
import { routeLookup } from '../kernel/route.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import { addClusterNode, liveManagers, newCluster, NOT_MANAGER, swarmId, type Cluster, type ClusterNetwork, type SwarmLocal, type SwarmMembership } from './cluster.ts';
import type { Daemon } from './daemon.ts';
import { ensureOverlay, localNetwork, overlayDriver } from './drivers/overlay.ts';
import { joinOverlay, destroyOverlaySandbox } from './drivers/overlay-sandbox.ts';
import { fail, ok, type Result } from './errdefs.ts';
import { ensureGwBridge } from './gwbridge.ts';
import { releaseIngressSandbox } from './ingress.ts';
import { createSandboxNetns, nextSandboxIfname } from './sandbox.ts';
import { forgetSwarmScoped, swarmScopedRecord } from './swarm-scoped.ts';
import { ignoreError } from '../../../errors/ignore-error.ts';

/** The swarm manager's port (cluster management, TCP). */
export const SWARM_PORT = 2377;

export { NOT_MANAGER };
export const WORKER_NOT_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
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
      return fail(
        'invalid',
        "must specify a listening address because the address to advertise is not recognized as a system address, and a system's IP address to use could not be uniquely identified",
      );
    }
    return ok(addr);
  }
  const [only] = mine;
  if (mine.length === 1 && only) return ok(only.addr);
  if (mine.length === 0) return fail('invalid', 'could not find a valid IP address to advertise');
  const [a, b] = mine as [{ dev: string; addr: number }, { dev: string; addr: number }];
  return fail(
    'invalid',
    `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${formatIp(a.addr)} on ${a.dev} and ${formatIp(b.addr)} on ${b.dev})`,
  );
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
    id: swarmId(d.random),
    name: 'ingress',
    created: d.clock.now(),
    attachable: false,
    internal: false,
    ingress: true,
    pool: pool.value,
    vni: m.cluster.nextVni++,
    labels: {},
    options: {},
    attachments: [],
  };
  m.cluster.networks.push(ingress);
  startListener(d);
  joinedCluster(d, m);
  return ok({ nodeId: m.node.id, token: m.cluster.workerToken, addr: addr.value });
}

/** docker swarm join: `manager` is the daemon that accepted the connection (found through the model). */
export function swarmJoin(d: Daemon, manager: Daemon, token: string, advertise: string | undefined, parse: (s: string) => number | undefined): Result<'manager' | 'worker'> {
  if (d.swarm) return fail('system', ALREADY);
  const m = manager.swarm;
  if (m?.node.role !== 'manager') return fail('system', 'rpc error: code = Unavailable desc = connection error');
  if (!/^SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}$/.test(token)) return fail('invalid', 'invalid join token');
  const role = joinRole(m.cluster, token);
  if (!role) return fail('invalid', 'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
  // Without --advertise-addr, swarmkit uses the local address of its connection to the manager.
  const route = routeLookup(d.kernel.init, m.node.addr);
  const addr = advertise === undefined && route.kind === 'unicast' ? ok(route.src) : chooseAdvertise(d, advertise, parse);
  if (!addr.ok) return addr;
  const node = addClusterNode(m.cluster, d, d.kernel.hostname, addr.value, role);
  const membership = { cluster: m.cluster, node };
  d.swarm = membership;
  if (role === 'manager') {
    startListener(d);
    // A new manager sees the store's overlay networks like the others.
    for (const cn of m.cluster.networks) if (!cn.ingress) localNetwork(d, cn);
    for (const spec of m.cluster.nodeLocalNetworks) swarmScopedRecord(d, spec);
  }
  joinedCluster(d, membership);
  return ok(role);
}

/** After init or join: the ingress network and sandbox, and docker_gwbridge a moment later. */
function joinedCluster(d: Daemon, m: SwarmMembership): void {
  const ingress = m.cluster.networks.find((n) => n.ingress);
  if (ingress) {
    const n = localNetwork(d, ingress);
    const addr = d.ipam.requestAddress(ingress.pool);
    if (addr.ok) {
      const s = ensureOverlay(d, n, m);
      const ns = createSandboxNetns(d.kernel);
      joinOverlay(d.kernel, s, ns, addr.value, ingress.pool.subnet.len, nextSandboxIfname(d.sandboxIfIndexes, ns));
      const id = randomHex(d.random, 32);
      ingress.attachments.push({ daemon: d, key: `ep-${id}`, name: 'ingress-endpoint', endpointId: id, addr: addr.value, mac: dockerHwAddr(addr.value), aliases: [] });
      local(d).ingress = { ns };
    }
  }
  // The agent sets up the ingress sandbox's egress bridge asynchronously, within about a second.
  d.kernel.timers
    .clock()
    .sleep(800)
    .then(() => {
      if (d.swarm === m) ensureGwBridge(d);
    }, ignoreError('a simulation closed before the bridge was due needs none'));
}

/** docker swarm leave [--force]. */
export function swarmLeave(d: Daemon, force: boolean): Result<void> {
  const m = d.swarm;
  if (!m) return fail('system', 'This node is not part of a swarm');
  const managers = liveManagers(m.cluster);
  if (m.node.role === 'manager' && !force) {
    if (managers.length <= 1) {
      return fail(
        'system',
        'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.',
      );
    }
    return fail(
      'system',
      `You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves ${managers.length - 1} managers out of ${managers.length}. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`,
    );
  }
  // Containers on overlay networks lose those endpoints.
  for (const c of d.containers) {
    for (const ep of c.endpoints.filter((e) => e.network.cluster)) {
      const n = ep.network;
      if (ep.active && n.driver === 'overlay') overlayDriver.leave(d, ep, n);
      c.endpoints = c.endpoints.filter((e) => e !== ep);
    }
  }
  for (const n of d.networks) {
    const cn = n.cluster;
    if (!cn) continue;
    for (const a of cn.attachments.filter((x) => x.daemon === d)) d.ipam.releaseAddress(cn.pool, a.addr);
    cn.attachments = cn.attachments.filter((x) => x.daemon !== d);
    if (n.overlay) destroyOverlaySandbox(n.overlay);
  }
  d.networks = d.networks.filter((x) => !x.cluster);
  forgetSwarmScoped(d);
  releaseIngressSandbox(d);
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
