/**
 * SandboxState → the graph the topology panel draws: per host a host box (its own namespace with
 * eth0, host-mode containers and published ports), bridge lanes, and one box per container
 * namespace (containers sharing it listed inside); edges are veth pairs (namespace → the bridge
 * its peer is a port of, or → the namespace of a bare peer), published ports (host → container)
 * and overlay memberships (a host's br0 → the overlay spanning hosts). Pure; no DOM.
 */
import type { ContainerState, HostState, InterfaceState, NamespaceState, NetworkMode, SandboxState } from '../../sandbox/topology/state.ts';
import type { TopologyWords } from './words.ts';

/** A box in the drawing. */
export interface GraphBox {
  /** The namespace id (container boxes) or host id (host boxes). */
  id: string;
  kind: 'host' | 'namespace';
  host: string;
  title: string;
  subtitle?: string;
  /** Network mode of the owner (container boxes). */
  mode?: NetworkMode;
  /** Detail lines (interfaces with addresses, sharing containers, ports). */
  lines: string[];
  order: number;
  /** One-sentence description for the text alternative and the tooltip. */
  description: string;
}

/** A bridge drawn as a horizontal lane in its host. */
export interface GraphLane {
  id: string;
  host: string;
  label: string;
  driver: 'bridge' | 'overlay';
  order: number;
}

/** A spanning overlay network. */
export interface GraphOverlay {
  id: string;
  label: string;
  /** Lane ids of its per-host bridges. */
  lanes: string[];
}

/** A connection. */
export interface GraphEdge {
  /** The interface id on the box side (veth), or `port:…` for a published port. */
  id: string;
  kind: 'veth' | 'publish';
  /** Box id. */
  from: string;
  /** Lane id (veth to a bridge), box id (bare veth pair, published port's host). */
  to: string;
  toKind: 'lane' | 'box';
  /** Interface ids this edge stands for (both veth ends), for path highlighting. */
  members: string[];
  label: string;
}

export interface Graph {
  hosts: { id: string; title: string }[];
  boxes: GraphBox[];
  lanes: GraphLane[];
  overlays: GraphOverlay[];
  edges: GraphEdge[];
}

/** How a network mode is called in the drawing. */
function modeText(t: TopologyWords, mode: NetworkMode): string {
  return t(`topology.mode.${mode}`);
}

function ifaceLine(i: InterfaceState): string {
  return i.addresses.length > 0 ? `${i.name} ${i.addresses.join(', ')}` : i.name;
}

function containerTitle(c: ContainerState): string {
  return c.name;
}

/** The box of one container namespace. */
function namespaceBox(t: TopologyWords, host: HostState, ns: NamespaceState): GraphBox {
  const owner = ns.containers[0];
  const shown = ns.interfaces.filter((i) => i.kind !== 'lo' || ns.interfaces.length === 1 || owner?.mode === 'none');
  const lines = shown.map(ifaceLine);
  for (const c of ns.containers.slice(1)) lines.push(`+ ${c.name} (${c.image}, container:${c.sharedWith ?? owner?.name ?? ''})`);
  for (const p of host.ports) if (ns.containers.some((c) => c.id === p.container)) lines.push(`⇠ ${p.hostIp}:${p.hostPort} → :${p.containerPort}/${p.proto}`);
  const box: GraphBox = {
    id: ns.id,
    kind: 'namespace',
    host: host.id,
    title: owner ? containerTitle(owner) : ns.name,
    lines,
    order: ns.order,
    description: '',
  };
  if (owner) {
    box.subtitle = `${owner.image} · ${modeText(t, owner.mode)}`;
    box.mode = owner.mode;
  } else box.subtitle = t(ns.kind === 'network' ? 'topology.box.networkNamespace' : 'topology.box.namespace');
  const others = ns.containers.slice(1).map((c) => c.name);
  const details = shown.map(ifaceLine).join('; ') || t('topology.describe.noInterfaces');
  box.description = !owner
    ? t('topology.describe.namespace', { name: ns.name, details })
    : others.length
      ? t('topology.describe.containerShared', { name: owner.name, image: owner.image, mode: modeText(t, owner.mode), details, others: others.join(', ') })
      : t('topology.describe.container', { name: owner.name, image: owner.image, mode: modeText(t, owner.mode), details });
  return box;
}

/** The host's own box: its uplinks, host-mode containers, published ports. */
function hostBox(t: TopologyWords, host: HostState, ns: NamespaceState | undefined): GraphBox {
  const lines: string[] = [];
  for (const i of ns?.interfaces ?? []) if (i.kind === 'eth') lines.push(ifaceLine(i));
  for (const c of ns?.containers ?? []) lines.push(t('topology.box.hostModeLine', { name: c.name, image: c.image }));
  for (const p of host.ports) lines.push(`${p.hostIp}:${p.hostPort}/${p.proto} → ${p.containerName}:${p.containerPort}`);
  return {
    id: host.id,
    kind: 'host',
    host: host.id,
    title: host.id === host.hostname ? t('topology.box.host', { node: host.id }) : t('topology.box.hostNamed', { node: host.id, hostname: host.hostname }),
    subtitle: t('topology.box.hostNamespace'),
    lines,
    order: -1,
    description: t('topology.describe.host', { node: host.id, details: lines.join('; ') || t('topology.describe.noInterfaces') }),
  };
}

/** Map a state to the graph to draw, its words from `t`. */
export function buildGraph(state: SandboxState, t: TopologyWords): Graph {
  const g: Graph = { hosts: [], boxes: [], lanes: [], overlays: [], edges: [] };
  const laneOfIface = new Map<string, string>();
  const boxOfNs = new Map<string, string>();
  for (const host of state.hosts) {
    g.hosts.push({ id: host.id, title: host.id });
    const hostNs = host.namespaces.find((n) => n.kind === 'host');
    g.boxes.push(hostBox(t, host, hostNs));
    if (hostNs) boxOfNs.set(hostNs.id, host.id);
    for (const b of host.bridges) {
      const where = b.network ? `${b.network}${b.driver === 'overlay' ? ' (overlay)' : ''}` : t('topology.lane.bridge');
      g.lanes.push({ id: b.id, host: host.id, label: `${b.name} · ${where}${b.subnet ? ` · ${b.subnet}` : ''}`, driver: b.driver ?? 'bridge', order: b.order });
      laneOfIface.set(b.id, b.id);
    }
    for (const ns of host.namespaces) {
      if (ns.kind !== 'container') continue;
      g.boxes.push(namespaceBox(t, host, ns));
      boxOfNs.set(ns.id, ns.id);
    }
  }
  // Interfaces by id, and which namespace each is in.
  const iface = new Map<string, { i: InterfaceState; ns: NamespaceState }>();
  for (const host of state.hosts) for (const ns of host.namespaces) for (const i of ns.interfaces) iface.set(i.id, { i, ns });
  for (const host of state.hosts) {
    for (const ns of host.namespaces) {
      const from = boxOfNs.get(ns.id);
      if (!from || ns.kind === 'host') continue;
      for (const i of ns.interfaces) {
        if (!i.peer) continue;
        const peer = iface.get(i.peer);
        if (!peer) continue;
        const label = ifaceLine(i);
        if (peer.i.master && laneOfIface.has(peer.i.master)) {
          g.edges.push({ id: i.id, kind: 'veth', from, to: peer.i.master, toKind: 'lane', members: [i.id, peer.i.id], label });
        } else {
          const to = boxOfNs.get(peer.ns.id);
          if (to && to !== from) g.edges.push({ id: i.id, kind: 'veth', from, to, toKind: 'box', members: [i.id, peer.i.id], label });
        }
      }
    }
    for (const p of host.ports) {
      const ns = host.namespaces.find((n) => n.kind === 'container' && n.containers.some((c) => c.id === p.container));
      if (!ns) continue;
      g.edges.push({
        id: `port:${host.id}:${p.proto}:${p.hostIp}:${p.hostPort}`,
        kind: 'publish',
        from: ns.id,
        to: host.id,
        toKind: 'box',
        members: [],
        label: `${p.hostIp}:${p.hostPort} → ${p.containerName}:${p.containerPort}/${p.proto}`,
      });
    }
  }
  for (const o of state.overlays) {
    g.overlays.push({
      id: `overlay:${o.id}`,
      label: `overlay ${o.name}${o.subnet ? ` · ${o.subnet}` : ''}${o.vni !== undefined ? ` · VNI ${o.vni}` : ''}`,
      lanes: o.members.flatMap((m) => (m.bridge ? [m.bridge] : [])),
    });
  }
  return g;
}
