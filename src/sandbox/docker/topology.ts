/**
 * The real driver's SandboxState: built from what the sandbox host itself reports, through the
 * hidden exec channel (Sandbox.exec), so it works whatever the driver's internals are. One script
 * per node prints `docker network inspect`, `docker inspect` of the running containers, the host
 * namespace's `ip -d -j addr`, and each container namespace's `ip -d -j addr` (via nsenter, when
 * the host has it). Container interfaces are tied to bridges by their veth peer's ifindex
 * (`link_index`) when nsenter worked, else by the network the address belongs to.
 * There is no packet trace for the real driver (no `lastPath`).
 */
import type { Sandbox } from '../driver.ts';
import type { BridgeState, ContainerState, HostState, InterfaceKind, InterfaceState, NamespaceState, NetworkMode, OverlayState, PublishedPortState, SandboxState } from '../topology/state.ts';
import { SANDBOX_STATE_VERSION, networkModeOf } from '../topology/state.ts';

/** What one node's script prints, section by section. */
const SCRIPT = [
  'echo "### hostname"; hostname',
  'echo "### networks"; docker network inspect $(docker network ls -q) 2>/dev/null || echo "[]"',
  'echo "### containers"; ids=$(docker ps -q); if [ -n "$ids" ]; then docker inspect $ids 2>/dev/null || echo "[]"; else echo "[]"; fi',
  'echo "### links"; ip -d -j addr 2>/dev/null || echo "[]"',
  'for id in $(docker ps -q); do pid=$(docker inspect -f "{{.State.Pid}}" "$id" 2>/dev/null); echo "### ns $id"; nsenter -t "$pid" -n ip -d -j addr 2>/dev/null || echo "[]"; done',
].join('\n');

interface IpAddrInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
}
interface IpLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  master?: string;
  address?: string;
  operstate?: string;
  flags?: string[];
  link_type?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: IpAddrInfo[];
}
interface InspectNetwork {
  Name: string;
  Id: string;
  Driver: string;
  Created?: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Options?: Record<string, string> | null;
  Peers?: { Name: string; IP: string }[] | null;
}
interface InspectContainer {
  Id: string;
  Name: string;
  Created?: string;
  Config?: { Image?: string };
  State?: { Status?: string; Pid?: number };
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: {
    Networks?: Record<string, { IPAddress?: string; IPPrefixLen?: number; MacAddress?: string; NetworkID?: string }> | null;
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
  };
}

/** Parse one node's script output into its sections. */
export function splitSections(output: string): Map<string, string> {
  const sections = new Map<string, string>();
  let name = '';
  let body: string[] = [];
  for (const line of output.split('\n')) {
    const heading = /^### (.+)$/.exec(line)?.[1];
    if (heading !== undefined) {
      if (name) sections.set(name, body.join('\n'));
      name = heading.trim();
      body = [];
    } else body.push(line);
  }
  if (name) sections.set(name, body.join('\n'));
  return sections;
}

function json<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function kindOf(l: IpLink): InterfaceKind {
  const k = l.linkinfo?.info_kind;
  if (l.link_type === 'loopback' || l.ifname === 'lo') return 'lo';
  if (k === 'veth' || k === 'bridge' || k === 'vxlan') return k;
  return 'eth';
}

function addresses(l: IpLink): string[] {
  return (l.addr_info ?? []).filter((a) => a.family === 'inet' && a.local).map((a) => `${a.local}/${a.prefixlen ?? 32}`);
}

function modeOf(c: InspectContainer, networks: InspectNetwork[]): NetworkMode {
  return networkModeOf(c.HostConfig?.NetworkMode ?? 'default', (ref) => networks.find((n) => n.Name === ref || n.Id === ref)?.Driver);
}

function bridgeName(n: InspectNetwork): string | undefined {
  if (n.Driver !== 'bridge') return undefined;
  return n.Options?.['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}`;
}

/** Build one host from its script output (exported for tests). */
export function hostFromOutput(node: string, output: string): { host: HostState; overlays: OverlayState[] } {
  const sections = splitSections(output);
  const hostname = (sections.get('hostname') ?? node).trim() || node;
  const networks = json<InspectNetwork[]>(sections.get('networks'), []);
  const containers = json<InspectContainer[]>(sections.get('containers'), []);
  const links = json<IpLink[]>(sections.get('links'), []);
  const hostNsId = node;
  const linkId = (nsId: string, name: string) => `${nsId}#${name}`;
  const byIndex = new Map(links.map((l) => [l.ifindex, l]));

  const hostIfaces: InterfaceState[] = links.map((l) => {
    const s: InterfaceState = {
      id: linkId(hostNsId, l.ifname),
      name: l.ifname,
      kind: kindOf(l),
      addresses: addresses(l),
      up: l.operstate === 'UP' || l.operstate === 'UNKNOWN' || (l.flags ?? []).includes('UP'),
    };
    if (l.address && s.kind !== 'lo') s.mac = l.address;
    if (l.master) s.master = linkId(hostNsId, l.master);
    return s;
  });
  const hostNs: NamespaceState = { id: hostNsId, kind: 'host', name: hostname, containers: [], interfaces: hostIfaces, order: -1 };
  const namespaces: NamespaceState[] = [hostNs];

  const bridges: BridgeState[] = [];
  const overlays: OverlayState[] = [];
  networks.forEach((n, order) => {
    const cfg = n.IPAM?.Config?.[0];
    const name = bridgeName(n);
    if (name && links.some((l) => l.ifname === name)) {
      const b: BridgeState = { id: linkId(hostNsId, name), name, namespace: hostNsId, network: n.Name, driver: 'bridge', order };
      if (cfg?.Subnet) b.subnet = cfg.Subnet;
      if (cfg?.Gateway) b.gateway = cfg.Gateway;
      bridges.push(b);
    } else if (n.Driver === 'overlay') {
      // The overlay's br0 lives in its own namespace, which the host's `ip` does not show.
      const nsId = `${node}/net-${n.Id.slice(0, 12)}`;
      const br0: InterfaceState = { id: linkId(nsId, 'br0'), name: 'br0', kind: 'bridge', addresses: cfg?.Gateway && cfg.Subnet ? [`${cfg.Gateway}/${cfg.Subnet.split('/')[1]}`] : [], up: true };
      namespaces.push({ id: nsId, kind: 'network', name: `${n.Name} (overlay)`, containers: [], interfaces: [br0], order: 10_000 + order });
      const b: BridgeState = { id: br0.id, name: 'br0', namespace: nsId, network: n.Name, driver: 'overlay', order };
      if (cfg?.Subnet) b.subnet = cfg.Subnet;
      if (cfg?.Gateway) b.gateway = cfg.Gateway;
      bridges.push(b);
      const self = (n.Peers ?? []).find((p) => p.Name === hostname);
      const o: OverlayState = { id: n.Id, name: n.Name, members: [{ host: node, bridge: br0.id, ...(self ? { vtep: self.IP } : {}) }] };
      if (cfg?.Subnet) o.subnet = cfg.Subnet;
      overlays.push(o);
    }
  });

  const ports: PublishedPortState[] = [];
  const sorted = [...containers].sort((a, b) => (a.Created ?? '').localeCompare(b.Created ?? ''));
  const nsOfContainer = new Map<string, NamespaceState>();
  sorted.forEach((c, order) => {
    const mode = modeOf(c, networks);
    const name = c.Name.replace(/^\//, '');
    const cs: ContainerState = {
      id: c.Id,
      name,
      image: c.Config?.Image ?? '',
      status: c.State?.Status === 'running' ? 'running' : c.State?.Status === 'created' ? 'created' : 'exited',
      mode,
      networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
      order,
    };
    if (mode === 'host') {
      hostNs.containers.push(cs);
      return;
    }
    if (mode === 'container') {
      const ref = (c.HostConfig?.NetworkMode ?? '').slice('container:'.length);
      const owner = sorted.find((o) => o.Id.startsWith(ref) || o.Name.replace(/^\//, '') === ref);
      cs.sharedWith = owner?.Name.replace(/^\//, '') ?? ref;
      return; // placed once all owners have namespaces
    }
    const nsId = `${node}/${c.Id.slice(0, 12)}`;
    const inside = json<IpLink[]>(sections.get(`ns ${c.Id.slice(0, 12)}`) ?? sections.get(`ns ${c.Id}`), []);
    const ifaces: InterfaceState[] = [];
    const attached = Object.entries(c.NetworkSettings?.Networks ?? {});
    if (inside.length > 0) {
      for (const l of inside) {
        const s: InterfaceState = { id: linkId(nsId, l.ifname), name: l.ifname, kind: kindOf(l), addresses: addresses(l), up: l.operstate !== 'DOWN' };
        if (l.address && s.kind !== 'lo') s.mac = l.address;
        const hostEnd = l.link_index !== undefined && l.link_netnsid !== undefined ? byIndex.get(l.link_index) : undefined;
        if (hostEnd) {
          s.peer = linkId(hostNsId, hostEnd.ifname);
          const he = hostIfaces.find((h) => h.name === hostEnd.ifname);
          if (he) he.peer = s.id;
        }
        ifaces.push(s);
      }
    } else {
      ifaces.push({ id: linkId(nsId, 'lo'), name: 'lo', kind: 'lo', addresses: ['127.0.0.1/8'], up: true });
      attached.forEach(([, ep], i) => {
        if (!ep.IPAddress) return;
        ifaces.push({ id: linkId(nsId, `eth${i}`), name: `eth${i}`, kind: 'veth', addresses: [`${ep.IPAddress}/${ep.IPPrefixLen ?? 16}`], up: true, ...(ep.MacAddress ? { mac: ep.MacAddress } : {}) });
      });
    }
    // Interfaces whose peer is not known: tie them to their network's bridge through a stand-in peer.
    for (const s of ifaces) {
      if (s.kind === 'lo' || s.peer) continue;
      const ep = attached.find(([, e]) => e.IPAddress && s.addresses.some((a) => a.startsWith(`${e.IPAddress}/`)));
      const net = ep ? networks.find((n) => n.Name === ep[0] || n.Id === ep[1].NetworkID) : undefined;
      const bridge = net ? bridges.find((b) => b.network === net.Name) : undefined;
      if (!bridge) continue;
      const brNs = namespaces.find((x) => x.id === bridge.namespace);
      const stand: InterfaceState = {
        id: linkId(bridge.namespace, `veth-${c.Id.slice(0, 6)}-${s.name}`),
        name: `veth (${name} ${s.name})`,
        kind: 'veth',
        addresses: [],
        up: true,
        peer: s.id,
        master: bridge.id,
      };
      brNs?.interfaces.push(stand);
      s.peer = stand.id;
    }
    const ns: NamespaceState = { id: nsId, kind: 'container', name, containers: [cs], interfaces: ifaces, order };
    namespaces.push(ns);
    nsOfContainer.set(c.Id, ns);
    for (const [key, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
      const [port, proto] = key.split('/');
      for (const b of bindings ?? []) {
        if (b.HostIp.includes(':')) continue;
        const p: PublishedPortState = {
          hostIp: b.HostIp || '0.0.0.0',
          hostPort: Number(b.HostPort),
          proto: proto === 'udp' ? 'udp' : 'tcp',
          container: c.Id,
          containerName: name,
          containerPort: Number(port),
        };
        const ip = attached.find(([, e]) => e.IPAddress)?.[1].IPAddress;
        if (ip) p.containerIp = ip;
        ports.push(p);
      }
    }
  });
  // container: mode containers join their owner's namespace.
  sorted.forEach((c, order) => {
    if (!(c.HostConfig?.NetworkMode ?? '').startsWith('container:')) return;
    const ref = (c.HostConfig?.NetworkMode ?? '').slice('container:'.length);
    const owner = sorted.find((o) => o.Id.startsWith(ref) || o.Name.replace(/^\//, '') === ref);
    const ns = owner ? nsOfContainer.get(owner.Id) : undefined;
    const name = c.Name.replace(/^\//, '');
    ns?.containers.push({ id: c.Id, name, image: c.Config?.Image ?? '', status: 'running', mode: 'container', sharedWith: owner?.Name.replace(/^\//, '') ?? ref, networks: [], order });
  });
  const addressesOfHost = links.filter((l) => kindOf(l) === 'eth').flatMap(addresses);
  bridges.sort((a, b) => a.order - b.order);
  return { host: { id: node, hostname, addresses: addressesOfHost, namespaces, bridges, ports }, overlays };
}

/** The sandbox's state, one exec per node. */
export async function dockerSandboxState(sandbox: Pick<Sandbox, 'nodes' | 'exec'>): Promise<SandboxState> {
  const results = await Promise.all(sandbox.nodes.map((node) => sandbox.exec(SCRIPT, { node, timeoutMs: 5000 }).then((r) => ({ node, r }))));
  const state: SandboxState = { version: SANDBOX_STATE_VERSION, driver: 'docker', hosts: [], overlays: [] };
  const overlays = new Map<string, OverlayState>();
  for (const { node, r } of results) {
    const { host, overlays: mine } = hostFromOutput(node, r.output);
    state.hosts.push(host);
    for (const o of mine) {
      const known = overlays.get(o.id);
      if (known) known.members.push(...o.members);
      else overlays.set(o.id, o);
    }
  }
  state.overlays = [...overlays.values()];
  return state;
}
