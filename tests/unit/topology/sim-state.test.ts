import { describe, expect, it } from 'vitest';
import { simulationState } from '../../../src/sandbox/sim/topology.ts';
import { buildGraph } from '../../../src/components/topology/graph.ts';
import { topologyWords } from '../../../src/components/topology/words.ts';
import type { SandboxState } from '../../../src/sandbox/topology/state.ts';
import { newSim, run } from '../sim/run-program.ts';

/** The panel's words in English, which these tests read. */
const EN = topologyWords('en');

function ns(state: SandboxState, name: string) {
  return state.hosts[0]!.namespaces.find((n) => n.kind === 'container' && n.containers[0]?.name === name);
}

describe('simulator state → topology', () => {
  it('draws the host with eth0, docker0 and its subnet', async () => {
    const sim = newSim();
    const state = simulationState(sim.world);
    expect(state.driver).toBe('simulator');
    const host = state.hosts[0]!;
    expect(host.id).toBe('node1');
    expect(host.addresses).toEqual(['10.0.2.15/24']);
    expect(host.bridges).toMatchObject([{ name: 'docker0', network: 'bridge', subnet: '172.17.0.0/16', gateway: '172.17.0.1' }]);
    const graph = buildGraph(state, EN);
    expect(graph.boxes.map((b) => b.kind)).toEqual(['host']);
    expect(graph.lanes.map((l) => l.label)).toEqual(['docker0 · bridge · 172.17.0.0/16']);
  });

  it('bridge mode: a namespace with eth0 whose veth peer is a docker0 port', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    const state = simulationState(sim.world);
    const b1 = ns(state, 'b1')!;
    expect(b1.kind).toBe('container');
    expect(b1.containers[0]).toMatchObject({ name: 'b1', image: 'busybox', mode: 'bridge', networks: ['bridge'] });
    const eth0 = b1.interfaces.find((i) => i.name === 'eth0')!;
    expect(eth0.addresses).toEqual(['172.17.0.2/16']);
    const hostNs = state.hosts[0]!.namespaces.find((n) => n.kind === 'host')!;
    const peer = hostNs.interfaces.find((i) => i.id === eth0.peer)!;
    expect(peer.kind).toBe('veth');
    expect(peer.master).toBe('node1#docker0');
    const graph = buildGraph(state, EN);
    expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'veth', from: b1.id, to: 'node1#docker0', toKind: 'lane' }));
  });

  it('namespaces named with ip netns add show by name, joined by their veth', async () => {
    const sim = newSim();
    for (const line of ['ip netns add red', 'ip netns add blue', 'ip link add r0 type veth peer name b0', 'ip link set r0 netns red', 'ip link set b0 netns blue']) await run(sim, line);
    const state = simulationState(sim.world);
    const named = state.hosts[0]!.namespaces.filter((n) => n.kind === 'network').map((n) => [n.id, n.name]);
    expect(named).toEqual([
      ['node1/netns-red', 'netns red'],
      ['node1/netns-blue', 'netns blue'],
    ]);
    const red = state.hosts[0]!.namespaces.find((n) => n.id === 'node1/netns-red')!;
    const blue = state.hosts[0]!.namespaces.find((n) => n.id === 'node1/netns-blue')!;
    expect(red.interfaces.find((i) => i.name === 'r0')!.peer).toBe(blue.interfaces.find((i) => i.name === 'b0')!.id);
  });

  it('user network: its own br- lane, and the container is attached to it', async () => {
    const sim = newSim();
    await run(sim, 'docker network create appnet');
    await run(sim, 'docker run -dit --name a1 --network appnet busybox');
    const state = simulationState(sim.world);
    const lane = state.hosts[0]!.bridges.find((b) => b.network === 'appnet')!;
    expect(lane.name).toMatch(/^br-[0-9a-f]{12}$/);
    expect(lane.subnet).toBe('172.18.0.0/16');
    expect(ns(state, 'a1')!.containers[0]!.mode).toBe('network');
    const graph = buildGraph(state, EN);
    expect(graph.edges.filter((e) => e.from === ns(state, 'a1')!.id).map((e) => e.to)).toEqual([lane.id]);
  });

  it('host mode: drawn inside the host namespace, no namespace of its own', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name hn --network host nginx');
    const state = simulationState(sim.world);
    const hostNs = state.hosts[0]!.namespaces.find((n) => n.kind === 'host')!;
    expect(hostNs.containers.map((c) => [c.name, c.mode])).toEqual([['hn', 'host']]);
    expect(ns(state, 'hn')).toBeUndefined();
    const graph = buildGraph(state, EN);
    expect(graph.boxes.find((b) => b.kind === 'host')!.lines).toContain('▣ hn (nginx, host mode)');
    expect(graph.boxes.filter((b) => b.kind === 'namespace')).toEqual([]);
  });

  it('none mode: a namespace with only lo and no links', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name iso --network none busybox');
    const state = simulationState(sim.world);
    const iso = ns(state, 'iso')!;
    expect(iso.interfaces.map((i) => i.name)).toEqual(['lo']);
    const graph = buildGraph(state, EN);
    const box = graph.boxes.find((b) => b.id === iso.id)!;
    expect(box.mode).toBe('none');
    expect(box.lines).toEqual(['lo 127.0.0.1/8']);
    expect(graph.edges.filter((e) => e.from === iso.id)).toEqual([]);
  });

  it('container mode: drawn inside the namespace it shares', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name web busybox');
    await run(sim, 'docker run -dit --name side --network container:web busybox');
    const state = simulationState(sim.world);
    const web = ns(state, 'web')!;
    expect(web.containers.map((c) => [c.name, c.mode, c.sharedWith])).toEqual([
      ['web', 'bridge', undefined],
      ['side', 'container', 'web'],
    ]);
    expect(state.hosts[0]!.namespaces.filter((n) => n.kind === 'container')).toHaveLength(1);
    const graph = buildGraph(state, EN);
    expect(graph.boxes.find((b) => b.id === web.id)!.lines).toContain('+ side (busybox, container:web)');
  });

  it('published port: from the host edge to the container port', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web -p 1234:80 nginx');
    const state = simulationState(sim.world);
    expect(state.hosts[0]!.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 1234, proto: 'tcp', container: expect.any(String), containerName: 'web', containerPort: 80, containerIp: '172.17.0.2' }]);
    const graph = buildGraph(state, EN);
    expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'publish', from: ns(state, 'web')!.id, to: 'node1', label: '0.0.0.0:1234 → web:80/tcp' }));
    expect(graph.boxes.find((b) => b.kind === 'host')!.lines).toContain('0.0.0.0:1234/tcp → web:80');
  });

  it('is JSON: survives a round trip unchanged', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    const state = simulationState(sim.world);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
