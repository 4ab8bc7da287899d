import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/components/topology/graph.ts';
import { topologyWords } from '../../../src/components/topology/words.ts';
import { GEOMETRY, layoutGraph, overlaps, type Rect } from '../../../src/components/topology/layout.ts';
import { renderList, renderPath, renderSvg } from '../../../src/components/topology/render.ts';
import { simulationState } from '../../../src/sandbox/sim/topology.ts';
import type { SandboxState } from '../../../src/sandbox/topology/state.ts';
import { inContainer, newSim, run } from '../sim/run-program.ts';

/** The panel's words in English, which these tests read. */
const EN = topologyWords('en');

/** Two hosts, each with an overlay br0 and one container on it. */
function overlayState(): SandboxState {
  const host = (id: string, vtep: string, addr: string) => ({
    id,
    hostname: id,
    addresses: [`${vtep}/24`],
    namespaces: [
      { id, kind: 'host' as const, name: id, containers: [], interfaces: [{ id: `${id}#eth0`, name: 'eth0', kind: 'eth' as const, addresses: [`${vtep}/24`], up: true }], order: -1 },
      {
        id: `${id}/net-ov`,
        kind: 'network' as const,
        name: 'ov (overlay)',
        containers: [],
        order: 10000,
        interfaces: [
          { id: `${id}/net-ov#br0`, name: 'br0', kind: 'bridge' as const, addresses: ['10.0.1.1/24'], up: true },
          { id: `${id}/net-ov#vxlan0`, name: 'vxlan0', kind: 'vxlan' as const, addresses: [], up: true, master: `${id}/net-ov#br0` },
          { id: `${id}/net-ov#veth0`, name: 'veth0', kind: 'veth' as const, addresses: [], up: true, master: `${id}/net-ov#br0`, peer: `${id}/c1#eth0` },
        ],
      },
      {
        id: `${id}/c1`,
        kind: 'container' as const,
        name: `c-${id}`,
        order: 0,
        containers: [{ id: `c-${id}`, name: `c-${id}`, image: 'busybox', status: 'running' as const, mode: 'overlay' as const, networks: ['ov'], order: 0 }],
        interfaces: [{ id: `${id}/c1#eth0`, name: 'eth0', kind: 'veth' as const, addresses: [`${addr}/24`], up: true, peer: `${id}/net-ov#veth0` }],
      },
    ],
    bridges: [{ id: `${id}/net-ov#br0`, name: 'br0', namespace: `${id}/net-ov`, network: 'ov', driver: 'overlay' as const, subnet: '10.0.1.0/24', gateway: '10.0.1.1', order: 0 }],
    ports: [],
  });
  return {
    version: 1,
    driver: 'static',
    hosts: [host('node1', '192.168.56.11', '10.0.1.2'), host('node2', '192.168.56.12', '10.0.1.3')],
    overlays: [
      {
        id: 'ov',
        name: 'ov',
        subnet: '10.0.1.0/24',
        vni: 4097,
        members: [
          { host: 'node1', bridge: 'node1/net-ov#br0', vtep: '192.168.56.11' },
          { host: 'node2', bridge: 'node2/net-ov#br0', vtep: '192.168.56.12' },
        ],
      },
    ],
  };
}

async function twelveOnFour() {
  const sim = newSim();
  for (const n of ['n1', 'n2', 'n3']) await run(sim, `docker network create ${n}`);
  const nets = ['bridge', 'n1', 'n2', 'n3'];
  for (let i = 0; i < 12; i++) await run(sim, `docker run -dit --name c${i} --network ${nets[i % 4]} busybox`);
  return sim;
}

function allRects(layout: ReturnType<typeof layoutGraph>): [string, Rect][] {
  const rects: [string, Rect][] = [...layout.boxes];
  for (const [id, l] of layout.lanes) rects.push([id, { x: l.x1, y: l.y - 10, w: l.x2 - l.x1, h: 20 }]);
  return rects;
}

describe('topology graph and layout', () => {
  it('overlay: one band across hosts joined to each host’s br0 lane, containers on br0', () => {
    const graph = buildGraph(overlayState(), EN);
    expect(graph.hosts.map((h) => h.id)).toEqual(['node1', 'node2']);
    expect(graph.overlays).toEqual([{ id: 'overlay:ov', label: 'overlay ov · 10.0.1.0/24 · VNI 4097', lanes: ['node1/net-ov#br0', 'node2/net-ov#br0'] }]);
    expect(graph.lanes.map((l) => [l.host, l.driver, l.label])).toEqual([
      ['node1', 'overlay', 'br0 · ov (overlay) · 10.0.1.0/24'],
      ['node2', 'overlay', 'br0 · ov (overlay) · 10.0.1.0/24'],
    ]);
    expect(graph.edges.filter((e) => e.kind === 'veth').map((e) => [e.from, e.to])).toEqual([
      ['node1/c1', 'node1/net-ov#br0'],
      ['node2/c1', 'node2/net-ov#br0'],
    ]);
    const layout = layoutGraph(graph);
    const band = layout.overlays.get('overlay:ov')!;
    const l1 = layout.lanes.get('node1/net-ov#br0')!;
    const l2 = layout.lanes.get('node2/net-ov#br0')!;
    expect(band.x1).toBeLessThanOrEqual(l1.x1);
    expect(band.x2).toBeGreaterThanOrEqual(l2.x2);
    expect(layout.edges.has('overlay:ov|node2/net-ov#br0')).toBe(true);
    // Hosts are side by side.
    expect(layout.boxes.get('node2')!.x).toBeGreaterThan(layout.boxes.get('node1')!.x + layout.boxes.get('node1')!.w);
  });

  it('12 containers on 4 networks: no two boxes or lanes overlap, and lines avoid boxes', async () => {
    const sim = await twelveOnFour();
    const state = simulationState(sim.world);
    const graph = buildGraph(state, EN);
    expect(graph.boxes.filter((b) => b.kind === 'namespace')).toHaveLength(12);
    expect(graph.lanes).toHaveLength(4);
    const layout = layoutGraph(graph);
    const rects = allRects(layout);
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i]![1], rects[j]![1]), `${rects[i]![0]} / ${rects[j]![0]}`).toBe(false);
    }
    // Vertical runs of edges stay in gutters: never inside another box.
    for (const [id, e] of layout.edges) {
      const [, [gx, y1], [, y2]] = e.points as [[number, number], [number, number], [number, number]];
      for (const [bid, r] of layout.boxes) {
        if (r.w > 300) continue; // the host box spans the gutters; lines end at its edge
        const crosses = gx > r.x && gx < r.x + r.w && Math.min(y1, y2) < r.y + r.h && Math.max(y1, y2) > r.y;
        expect(crosses, `${id} crosses ${bid}`).toBe(false);
      }
    }
  });

  it('is stable: adding a container keeps everyone’s place; removing one keeps the others', async () => {
    const sim = await twelveOnFour();
    const first = layoutGraph(buildGraph(simulationState(sim.world), EN));
    await run(sim, 'docker run -dit --name late --network n2 busybox');
    const second = layoutGraph(buildGraph(simulationState(sim.world), EN), first.memory);
    for (const [id, r] of first.boxes) expect(second.boxes.get(id), id).toEqual(r);
    await run(sim, 'docker rm -f c3');
    const third = layoutGraph(buildGraph(simulationState(sim.world), EN), second.memory);
    for (const [id, r] of third.boxes) expect(r, id).toEqual(second.boxes.get(id));
    await run(sim, 'docker run -dit --name again busybox');
    const fourth = layoutGraph(buildGraph(simulationState(sim.world), EN), third.memory);
    // The newcomer takes the slot c3 left.
    const removed = [...second.boxes.keys()].find((id) => !third.boxes.has(id))!;
    const newcomer = [...fourth.boxes.keys()].find((id) => !third.boxes.has(id))!;
    expect(fourth.boxes.get(newcomer)).toMatchObject({ x: second.boxes.get(removed)!.x, y: second.boxes.get(removed)!.y });
    // Deterministic: the same state lays out the same way.
    expect(layoutGraph(buildGraph(simulationState(sim.world), EN), third.memory).boxes).toEqual(fourth.boxes);
  });

  it('fits the width it has by fewer columns, then by stacking hosts, never by shrinking', async () => {
    const sim = await twelveOnFour();
    const graph = buildGraph(simulationState(sim.world), EN);
    expect(layoutGraph(graph).width).toBeGreaterThan(600);
    for (const maxWidth of [300, 480, 700]) {
      const layout = layoutGraph(graph, undefined, { maxWidth });
      expect(layout.width, `at ${maxWidth}`).toBeLessThanOrEqual(maxWidth);
    }
    const two = buildGraph(overlayState(), EN);
    const side = layoutGraph(two, undefined, { maxWidth: 1000 });
    expect(side.boxes.get('node2')!.x).toBeGreaterThan(side.boxes.get('node1')!.x);
    const stacked = layoutGraph(two, undefined, { maxWidth: 450 });
    expect(stacked.width).toBeLessThanOrEqual(450);
    expect(stacked.boxes.get('node2')!.y).toBeGreaterThan(stacked.boxes.get('node1')!.y + stacked.boxes.get('node1')!.h);
    // The overlay's line to node2's lane passes beside node1, not through it.
    const node1 = stacked.boxes.get('node1')!;
    const toNode2 = stacked.edges.get('overlay:ov|node2/net-ov#br0')!.points;
    expect(toNode2.slice(0, 2).every(([x]) => x < node1.x)).toBe(true);
  });

  it('lines end at a lane’s lower edge, under its label', async () => {
    const sim = await twelveOnFour();
    const graph = buildGraph(simulationState(sim.world), EN);
    const layout = layoutGraph(graph, undefined, { maxWidth: 700 });
    for (const e of graph.edges.filter((x) => x.toKind === 'lane')) {
      const lane = layout.lanes.get(e.to)!;
      const end = layout.edges.get(e.id)!.points.at(-1)!;
      expect(end[1]).toBe(lane.y + GEOMETRY.laneH / 2);
    }
  });

  it('renders an accessible SVG, a list alternative and highlights the last path', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    await run(sim, 'docker run -dit --name b2 busybox');
    await run(sim, 'ping -c 1 172.17.0.3', { target: inContainer(sim, 'b1') });
    const state = simulationState(sim.world);
    const graph = buildGraph(state, EN);
    const svg = renderSvg(graph, layoutGraph(graph), { title: 'Network', highlight: new Set(state.lastPath!.elements), words: EN });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="vl-topo-title vl-topo-desc"/);
    expect(svg).toContain('<title id="vl-topo-title">Network</title>');
    expect(svg.match(/tabindex="0"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(svg.match(/is-path/g)!.length).toBeGreaterThanOrEqual(5);
    const list = renderList(state, EN);
    expect(list).toContain('Container namespace of b1');
    expect(list).toContain('Bridge docker0 (network bridge), subnet 172.17.0.0/16, gateway 172.17.0.1');
    expect(renderPath(state.lastPath!, EN)).toContain('<ol class="vl-topo__hops">');
  });
});
