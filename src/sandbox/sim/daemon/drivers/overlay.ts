/**
 * The overlay driver (libnetwork drivers/overlay): networks live in the swarm's Raft store and
 * are created by a manager; a node instantiates one (namespace, VXLAN, load-balancer endpoint,
 * see overlay-sandbox.ts) when a local container first attaches, gives each container a leg on
 * docker_gwbridge for its way out, and tears the instance down after the last one leaves.
 */
import { dockerHwAddr } from '../../kernel/hwaddr.ts';
import { randomHex } from '../../kernel/random.ts';
import { findClusterNetwork, liveManagers, NOT_MANAGER, notAttachable, swarmId, type Attachment, type ClusterNetwork } from '../cluster.ts';
import type { Daemon } from '../daemon.ts';
import { markJoined, markLeft, type Endpoint } from '../endpoint.ts';
import { fail, ok, type Result } from '../errdefs.ts';
import { ensureGwBridge } from '../gwbridge.ts';
import { releaseIngressSandbox } from '../ingress.ts';
import type { Network, OverlayNetwork } from '../network.ts';
import { containerLegs, createSandboxNetns, nextSandboxIfname, updateGateway } from '../sandbox.ts';
import { bridgeDriver, leaveEndpoint } from './bridge.ts';
import type { NetworkDriver } from './driver.ts';
import { createOverlaySandbox, destroyOverlaySandbox, joinOverlay, type OverlaySandbox } from './overlay-sandbox.ts';

/** The network's driver options as a node sees them: the VXLAN id the manager allocated and the --opt values, sorted as Go prints a map. */
function overlayOptions(cn: ClusterNetwork): Record<string, string> {
  const all: Record<string, string> = { ...cn.options, 'com.docker.network.driver.overlay.vxlanid_list': String(cn.vni) };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** This daemon's Network object for a cluster network (created, uninstantiated, when missing). */
export function localNetwork(d: Daemon, cn: ClusterNetwork): OverlayNetwork {
  const found = d.networks.find((x): x is OverlayNetwork => x.cluster === cn);
  if (found) return found;
  const n: OverlayNetwork = {
    id: cn.id,
    name: cn.name,
    driver: 'overlay',
    created: cn.created,
    internal: cn.internal,
    attachable: cn.attachable,
    predefined: false,
    pool: cn.pool,
    ipamOptions: null,
    ipRangeGiven: false,
    options: overlayOptions(cn),
    labels: cn.labels ?? {},
    endpoints: [],
    cluster: cn,
  };
  d.networks.push(n);
  return n;
}

/** Instantiate the network on this node: its namespace, and the load-balancer endpoint (not for ingress). */
export function ensureOverlay(d: Daemon, n: OverlayNetwork, m: NonNullable<Daemon['swarm']>): OverlaySandbox {
  if (n.overlay) return n.overlay;
  const cn = n.cluster;
  n.overlay = createOverlaySandbox(d, m.cluster, cn, m.node.addr);
  n.created = d.clock.now();
  if (!cn.ingress) {
    const addr = d.ipam.requestAddress(cn.pool);
    if (addr.ok) {
      const ns = createSandboxNetns(d.kernel);
      joinOverlay(d.kernel, n.overlay, ns, addr.value, cn.pool.subnet.len, nextSandboxIfname(d.sandboxIfIndexes, ns));
      const id = randomHex(d.random, 32);
      cn.attachments.push({ daemon: d, key: `lb-${cn.name}`, name: `${cn.name}-endpoint`, endpointId: id, addr: addr.value, mac: dockerHwAddr(addr.value), aliases: [] });
      n.overlay.lb = ns;
    }
  }
  return n.overlay;
}

/** Undo ensureOverlay once no local container uses the network; a worker then forgets it. */
function releaseOverlay(d: Daemon, n: OverlayNetwork): void {
  const cn = n.cluster;
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
  if (!cn.attachable) return fail('forbidden', notAttachable(ref));
  return ok(localNetwork(d, cn));
}

/** Give a container on an overlay its docker_gwbridge leg, once. */
function joinGwBridge(d: Daemon, ep: Endpoint): void {
  const c = ep.container;
  if (c.gatewayEndpoint) return;
  const gw = ensureGwBridge(d);
  if (!gw) return;
  const gep: Endpoint = { id: '', network: gw, container: c, aliases: [], active: false, gateway: true };
  c.gatewayEndpoint = gep;
  const r = bridgeDriver.join(d, gep, gw);
  if (!r.ok) c.gatewayEndpoint = undefined;
}

/** The overlay driver. */
export const overlayDriver: NetworkDriver<OverlayNetwork> = {
  name: 'overlay',
  scope: 'global',
  usesHostNamespace: false,
  connectable: true,

  /** docker network create -d overlay on a manager: into the Raft store, and onto every manager. */
  create(d, req) {
    const m = d.swarm;
    if (!m) return fail('forbidden', NOT_MANAGER);
    if (m.node.role !== 'manager') return fail('forbidden', 'Cannot create a multi-host network from a worker node. Please create the network from a manager node.');
    if (m.cluster.networks.some((n) => n.name === req.name) || d.networks.some((n) => n.name === req.name)) return fail('conflict', `network with name ${req.name} already exists`);
    const pool = m.cluster.ipam.requestPool(req.subnet, undefined, req.gateway);
    if (!pool.ok) return pool;
    const cn: ClusterNetwork = {
      id: swarmId(d.random),
      name: req.name,
      created: d.clock.now(),
      attachable: req.attachable,
      internal: req.internal,
      ingress: false,
      pool: pool.value,
      vni: m.cluster.nextVni++,
      labels: Object.keys(req.labels).length > 0 ? req.labels : null,
      options: req.options,
      attachments: [],
    };
    m.cluster.networks.push(cn);
    m.cluster.raftIndex++;
    let mine: OverlayNetwork | undefined;
    for (const node of liveManagers(m.cluster)) {
      const n = localNetwork(node.daemon, cn);
      if (node.daemon === d) mine = n;
    }
    return ok(mine ?? localNetwork(d, cn));
  },

  /** docker network rm of an overlay network (from the Raft store, on every node). */
  remove(d, n) {
    const cn = n.cluster;
    const m = d.swarm;
    const inUse = cn.attachments.find((a) => a.container && a.container.status === 'running');
    if (inUse) {
      // A manager's store knows the attachment task (controlapi.RemoveNetwork); a worker only its endpoints.
      if (m?.node.role === 'manager' && inUse.taskId) return fail('forbidden', `rpc error: code = FailedPrecondition desc = network ${cn.id} is in use by task ${inUse.taskId}`);
      return fail('forbidden', `error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    }
    if (m?.node.role !== 'manager') {
      d.networks = d.networks.filter((x) => x !== n);
      return ok(undefined);
    }
    m.cluster.networks = m.cluster.networks.filter((x) => x !== cn);
    m.cluster.ipam.releasePool(cn.pool);
    m.cluster.raftIndex++;
    for (const node of m.cluster.nodes) {
      // Without services nothing depends on the routing mesh: each node drops its ingress sandbox.
      if (cn.ingress) releaseIngressSandbox(node.daemon);
      const theirs = node.daemon.networks.find((x) => x.cluster === cn);
      if (!theirs) continue;
      if (theirs.overlay) destroyOverlaySandbox(theirs.overlay);
      node.daemon.networks = node.daemon.networks.filter((x) => x !== theirs);
    }
    return ok(undefined);
  },

  /** Attach a running container's endpoint, with its docker_gwbridge leg. */
  join(d, ep, n) {
    const cn = n.cluster;
    const c = ep.container;
    const m = d.swarm;
    if (!m || !c.netns || !m.cluster.networks.includes(cn)) return fail('not-found', `network ${n.name} not found`);
    if (!cn.attachable) return fail('forbidden', notAttachable(n.name));
    const addr = d.ipam.requestAddress(cn.pool, ep.requestedAddr);
    if (!addr.ok) return addr;
    const s = ensureOverlay(d, n, m);
    ep.addr = addr.value;
    ep.id = randomHex(d.random, 32);
    const { port, ifname } = joinOverlay(d.kernel, s, c.netns, addr.value, cn.pool.subnet.len, nextSandboxIfname(d.sandboxIfIndexes, c.netns));
    ep.hostVeth = port;
    ep.ifname = ifname;
    ep.mac = dockerHwAddr(addr.value);
    markJoined(ep);
    const att: Attachment = { daemon: d, key: c.id, name: c.name, endpointId: ep.id, addr: addr.value, mac: ep.mac, container: c, taskId: swarmId(d.random), aliases: ep.aliases };
    cn.attachments.push(att);
    joinGwBridge(d, ep);
    updateGateway(c.netns, containerLegs(c));
    return ok(undefined);
  },

  /** Detach an endpoint; the node's instance of the network goes with the last one. */
  leave(d, ep, n) {
    leaveEndpoint(ep);
    if (ep.addr !== undefined) n.cluster.attachments = n.cluster.attachments.filter((a) => a.endpointId !== ep.id);
    markLeft(d.ipam, ep);
    releaseOverlay(d, n);
  },
};
