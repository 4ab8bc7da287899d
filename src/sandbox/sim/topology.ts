/**
 * The simulator's model as a SandboxState (src/sandbox/topology/state.ts), for the topology panel:
 * every node's host namespace, the namespaces of running containers (and of those sharing them),
 * driver namespaces (an overlay's "1-<id>"), their devices, bridges with subnets, published ports,
 * overlay networks across nodes, and the last packet's path (kernel/trace.ts) with ids resolved.
 * Read-only over the model.
 */
import type {
  BridgeState,
  ContainerState,
  HostState,
  InterfaceKind,
  InterfaceState,
  NamespaceState,
  NetworkMode,
  OverlayState,
  PathHop,
  PathState,
  PublishedPortState,
  SandboxState,
} from '../topology/state.ts';
import { SANDBOX_STATE_VERSION, networkModeOf } from '../topology/state.ts';
import { isV6HostIp, shortId, type Container } from './daemon/container.ts';
import type { Network } from './daemon/network.ts';
import { formatHwAddr } from './kernel/hwaddr.ts';
import { formatIp, formatPrefix } from './kernel/ipv4.ts';
import type { Link } from './kernel/link.ts';
import type { Netns } from './kernel/netns.ts';
import { nsFilesIn } from './kernel/nsfs.ts';
import { lastTrace, type PacketTrace } from './kernel/trace.ts';
import type { Node, World } from './userland/machine.ts';
import { SANDBOX_FALLBACK_LOCALE, sandboxTranslator, wordMessage, type SandboxMessage, type SandboxTranslator } from '../../i18n/sandbox-catalog.ts';

/** How one namespace is known. */
interface NsInfo {
  id: string;
  kind: NamespaceState['kind'];
  name: string;
  /** "container web", "host node1", worded in the reader's language. */
  label: SandboxMessage;
  order: number;
}

/** Names and ids of every namespace of the world, built once per snapshot. */
export class WorldIndex {
  private readonly byNs = new Map<Netns, NsInfo>();
  readonly world: World;

  constructor(world: World) {
    this.world = world;
    for (const node of world.nodes.values()) this.indexNode(node);
  }

  private indexNode(node: Node): void {
    const init = node.kernel.init;
    this.byNs.set(init, { id: node.name, kind: 'host', name: node.kernel.hostname, label: { key: 'where.host', vars: { node: node.name } }, order: -1 });
    node.daemon.containers.forEach((c, i) => {
      if (c.netns && c.ownsNetns && !this.byNs.has(c.netns)) {
        this.byNs.set(c.netns, { id: `${node.name}/${shortId(c.id)}`, kind: 'container', name: c.name, label: { key: 'where.container', vars: { name: c.name } }, order: i });
      }
    });
    for (const n of node.daemon.networks) {
      const ons = n.overlay?.ns;
      if (ons && !this.byNs.has(ons)) {
        this.byNs.set(ons, {
          id: `${node.name}/net-${n.id.slice(0, 12)}`,
          kind: 'network',
          name: `${n.name} (overlay)`,
          label: { key: 'where.overlay', vars: { network: n.name, node: node.name } },
          order: 10_000,
        });
      }
    }
    // Namespaces the learner named with `ip netns add` (oldest first), before any veth reaches them.
    nsFilesIn(node.kernel, '/run/netns')
      .reverse()
      .forEach(({ name, file }, i) => {
        if (file.ns && !this.byNs.has(file.ns)) {
          this.byNs.set(file.ns, {
            id: `${node.name}/netns-${name}`,
            kind: 'network',
            name: `netns ${name}`,
            label: { key: 'where.namespaceOn', vars: { inode: name, node: node.name } },
            order: 15_000 + i,
          });
        }
      });
    // Namespaces reached only through a veth (a driver's, or one the learner made).
    const seen = [...this.byNs.keys()].filter((ns) => ns.kernel === node.kernel);
    for (const ns of seen) {
      for (const l of ns.links) {
        const other = l.peer?.ns;
        if (other && !this.byNs.has(other) && other.kernel === node.kernel) {
          this.byNs.set(other, {
            id: `${node.name}/ns${other.inode}`,
            kind: 'network',
            name: `netns ${other.inode}`,
            label: { key: 'where.namespaceOn', vars: { inode: other.inode, node: node.name } },
            order: 20_000,
          });
        }
      }
    }
  }

  /** The namespace's identity (unknown namespaces get one from their inode). */
  info(ns: Netns): NsInfo {
    const known = this.byNs.get(ns);
    if (known) return known;
    const node = [...this.world.nodes.values()].find((n) => n.kernel === ns.kernel);
    return { id: `${node?.name ?? ns.kernel.hostname}/ns${ns.inode}`, kind: 'network', name: `netns ${ns.inode}`, label: { key: 'where.namespace', vars: { inode: ns.inode } }, order: 30_000 };
  }

  namespaces(node: Node): Netns[] {
    return [...this.byNs.keys()].filter((ns) => ns.kernel === node.kernel);
  }

  linkId(l: Link): string {
    return `${this.info(l.ns).id}#${l.name}`;
  }
}

function kindOf(l: Link): InterfaceKind {
  switch (l.kind) {
    case 'loopback':
      return 'lo';
    case 'ether':
    // The panel has no icon of its own for a dummy: like a NIC, it ends in nothing the panel draws.
    case 'dummy':
      return 'eth';
    default:
      return l.kind;
  }
}

function interfaceState(index: WorldIndex, l: Link): InterfaceState {
  const s: InterfaceState = {
    id: index.linkId(l),
    name: l.name,
    kind: kindOf(l),
    addresses: l.addrs.map((a) => `${formatIp(a.addr)}/${a.len}`),
    up: l.up,
  };
  if (l.kind !== 'loopback') s.mac = formatHwAddr(l.mac);
  if (l.peer) s.peer = index.linkId(l.peer);
  if (l.master) s.master = index.linkId(l.master);
  return s;
}

function networkOf(node: Node, name: string): Network | undefined {
  return node.daemon.networks.find((n) => n.name === name || n.id === name);
}

function modeOf(node: Node, c: Container): NetworkMode {
  return networkModeOf(c.config.networkMode, (ref) => networkOf(node, ref)?.driver);
}

function containerState(node: Node, c: Container, order: number): ContainerState {
  const s: ContainerState = {
    id: c.id,
    name: c.name,
    image: c.config.imageRef,
    status: c.status,
    mode: modeOf(node, c),
    networks: c.endpoints.map((e) => e.network.name),
    order,
  };
  if (s.mode === 'container') {
    const owner = node.daemon.containers.find((o) => o !== c && o.ownsNetns && o.netns === c.netns);
    s.sharedWith = owner?.name ?? c.config.networkMode.slice('container:'.length);
  }
  return s;
}

function hostState(index: WorldIndex, node: Node): HostState {
  const daemon = node.daemon;
  const init = node.kernel.init;
  const namespaces: NamespaceState[] = [];
  const nsState = new Map<Netns, NamespaceState>();
  for (const ns of index.namespaces(node)) {
    const info = index.info(ns);
    const s: NamespaceState = { id: info.id, kind: info.kind, name: info.name, containers: [], interfaces: ns.links.map((l) => interfaceState(index, l)), order: info.order };
    nsState.set(ns, s);
    namespaces.push(s);
  }
  // Owners first, then containers living in others' namespaces (host mode, container: mode).
  const running = daemon.containers.flatMap((c, i) => (c.status === 'running' && c.netns ? [{ c, i, netns: c.netns }] : []));
  for (const { c, i, netns } of running.filter(({ c }) => c.ownsNetns)) nsState.get(netns)?.containers.push(containerState(node, c, i));
  for (const { c, i, netns } of running.filter(({ c }) => !c.ownsNetns)) nsState.get(netns)?.containers.push(containerState(node, c, i));
  namespaces.sort((a, b) => a.order - b.order);

  const bridges: BridgeState[] = [];
  for (const ns of index.namespaces(node)) {
    for (const l of ns.links) {
      if (l.kind !== 'bridge') continue;
      const n = daemon.networks.find((x) => x.bridge === l || x.overlay?.bridge === l);
      const a = l.addrs[0];
      const b: BridgeState = { id: index.linkId(l), name: l.name, namespace: index.info(ns).id, order: n ? daemon.networks.indexOf(n) : 1000 + l.ifindex };
      if (n) {
        b.network = n.name;
        b.driver = n.overlay?.bridge === l ? 'overlay' : 'bridge';
        const pool = n.pool ?? n.cluster?.pool;
        if (pool) {
          b.subnet = formatPrefix(pool.subnet);
          b.gateway = formatIp(pool.gateway);
        }
      } else if (a) {
        b.subnet = formatPrefix({ addr: (a.addr & (a.len === 0 ? 0 : (~0 << (32 - a.len)) >>> 0)) >>> 0, len: a.len });
        b.gateway = formatIp(a.addr);
      }
      bridges.push(b);
    }
  }
  bridges.sort((a, b) => a.order - b.order);

  const ports: PublishedPortState[] = [];
  for (const { c } of running) {
    // IPv4 bindings only, as the Docker driver lists them (an IPv6 one may have another host port).
    for (const p of c.ports.filter((b) => !isV6HostIp(b.hostIp))) {
      const ep = c.endpoints.find((e) => e.addr !== undefined);
      const port: PublishedPortState = {
        hostIp: p.hostIp,
        hostPort: p.hostPort,
        proto: p.proto,
        container: c.id,
        containerName: c.name,
        containerPort: p.containerPort,
      };
      if (ep?.addr !== undefined) port.containerIp = formatIp(ep.addr);
      ports.push(port);
    }
  }
  const addresses = init.links.filter((l) => l.kind === 'ether').flatMap((l) => l.addrs.map((a) => `${formatIp(a.addr)}/${a.len}`));
  return { id: node.name, hostname: node.kernel.hostname, addresses, namespaces, bridges, ports };
}

function overlays(index: WorldIndex): OverlayState[] {
  const byId = new Map<string, OverlayState>();
  for (const node of index.world.nodes.values()) {
    for (const n of node.daemon.networks) {
      const cn = n.cluster;
      if (!cn) continue;
      let o = byId.get(cn.id);
      if (!o) {
        o = { id: cn.id, name: cn.name, subnet: formatPrefix(cn.pool.subnet), vni: cn.vni, members: [] };
        byId.set(cn.id, o);
      }
      const member: OverlayState['members'][number] = { host: node.name };
      if (n.overlay) {
        member.bridge = index.linkId(n.overlay.bridge);
        const local = n.overlay.vxlan.vxlan?.local;
        if (local !== undefined) member.vtep = formatIp(local);
      }
      o.members.push(member);
    }
  }
  return [...byId.values()];
}

/** A recorded trace with namespaces and devices turned into ids and names, worded by `t`. */
export function pathState(index: WorldIndex, trace: PacketTrace, t: SandboxTranslator): PathState {
  const elements = new Set<string>();
  const hops: PathHop[] = trace.hops.map((h) => {
    const hop: PathHop = { kind: h.kind, dir: h.dir, depth: h.depth, text: wordMessage(t, h.message) };
    if (h.ns) {
      const info = index.info(h.ns);
      hop.namespace = info.id;
      hop.where = wordMessage(t, info.label);
      elements.add(info.id);
    }
    if (h.links && h.links.length > 0) {
      hop.interfaces = h.links.map((l) => index.linkId(l));
      for (const id of hop.interfaces) elements.add(id);
      for (const l of h.links) elements.add(index.info(l.ns).id);
    }
    if (h.table) hop.table = h.table;
    if (h.chain) hop.chain = h.chain;
    if (h.rule) hop.rule = h.rule;
    if (h.verdict) hop.verdict = h.verdict;
    return hop;
  });
  const packet = trace.summaryMessage ? wordMessage(t, trace.summaryMessage) : trace.summary;
  const summary = t('path.summary', { packet, where: wordMessage(t, index.info(trace.from).label) });
  return { seq: trace.seq, summary, outcome: trace.outcome, hops, elements: [...elements] };
}

/** The most recent trace of any node of the world. */
export function latestTrace(world: World): PacketTrace | undefined {
  let best: PacketTrace | undefined;
  for (const node of world.nodes.values()) {
    const t = lastTrace(node.kernel);
    if (t && (!best || t.seq > best.seq)) best = t;
  }
  return best;
}

/** The whole simulation as a SandboxState; the last packet's path worded by `t` (English by default). */
export function simulationState(world: World, t: SandboxTranslator = sandboxTranslator(SANDBOX_FALLBACK_LOCALE)): SandboxState {
  const index = new WorldIndex(world);
  const state: SandboxState = {
    version: SANDBOX_STATE_VERSION,
    driver: 'simulator',
    hosts: [...world.nodes.values()].map((node) => hostState(index, node)),
    overlays: overlays(index),
  };
  const trace = latestTrace(world);
  if (trace) state.lastPath = pathState(index, trace, t);
  return state;
}
