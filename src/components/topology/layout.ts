/**
 * Where everything of a topology Graph goes: deterministic and stable. Hosts are columns; in each
 * host, the host box on top, then one lane per bridge, then container boxes in a grid of slots.
 * A box keeps its slot (kept in LayoutMemory, keyed by id) when others come and go; a new box takes
 * the lowest free slot, in creation order. Lanes keep their relative order. Lines from a box to a
 * lane run left of the box's column, in the gutter, so they never cross another box.
 * Pure; no DOM.
 */
import type { Graph, GraphBox } from './graph.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the layout remembers between redraws of one panel. */
export interface LayoutMemory {
  /** Per host: box id → slot index. */
  slots: Record<string, Record<string, number>>;
  /** Per host: lane id → rank (relative order kept). */
  lanes: Record<string, Record<string, number>>;
  /** Per host: column count chosen for it the first time. */
  columns: Record<string, number>;
  nextLaneRank: number;
}

export interface Layout {
  width: number;
  height: number;
  boxes: Map<string, Rect>;
  lanes: Map<string, { x1: number; x2: number; y: number }>;
  /** Overlay bands (spanning hosts). */
  overlays: Map<string, { x1: number; x2: number; y: number }>;
  /** Polylines of edges, by edge id. */
  edges: Map<string, { points: [number, number][] }>;
  memory: LayoutMemory;
}

export const GEOMETRY = {
  pad: 16,
  slotW: 200,
  gutter: 30,
  lineH: 15,
  headerH: 38,
  laneH: 20,
  lanePitch: 34,
  rowGap: 18,
  minBoxH: 70,
  hostGap: 28,
  overlayPitch: 30,
} as const;

export function emptyMemory(): LayoutMemory {
  return { slots: {}, lanes: {}, columns: {}, nextLaneRank: 0 };
}

function boxHeight(b: GraphBox): number {
  return Math.max(GEOMETRY.minBoxH, GEOMETRY.headerH + GEOMETRY.lineH * b.lines.length + 8);
}

/** Lay `graph` out, remembering slots in (a copy of) `memory`. */
export function layoutGraph(graph: Graph, previous: LayoutMemory = emptyMemory(), maxColumns?: number): Layout {
  const G = GEOMETRY;
  const memory: LayoutMemory = structuredClone(previous);
  const boxes = new Map<string, Rect>();
  const lanes = new Map<string, { x1: number; x2: number; y: number }>();
  const overlays = new Map<string, { x1: number; x2: number; y: number }>();
  const edges = new Map<string, { points: [number, number][] }>();
  const defaultCols = maxColumns ?? (graph.hosts.length > 1 ? 2 : 3);
  const top = G.pad + graph.overlays.length * G.overlayPitch;
  let x = G.pad;
  let height = top;
  for (const host of graph.hosts) {
    const cols = memory.columns[host.id] ?? defaultCols;
    memory.columns[host.id] = cols;
    const colW = G.gutter + G.slotW;
    const hostW = cols * colW;
    const hostBox = graph.boxes.find((b) => b.kind === 'host' && b.id === host.id);
    let y = top;
    if (hostBox) {
      const h = boxHeight(hostBox);
      boxes.set(hostBox.id, { x: x + 2, y, w: hostW - 2, h });
      y += h + G.rowGap;
    }
    // Lanes: ranks kept, new ones after the known ones (by order).
    const hostLanes = graph.lanes.filter((l) => l.host === host.id);
    const ranks = memory.lanes[host.id] ?? {};
    memory.lanes[host.id] = ranks;
    for (const id of Object.keys(ranks)) if (!hostLanes.some((l) => l.id === id)) delete ranks[id];
    for (const l of [...hostLanes].sort((a, b) => a.order - b.order)) ranks[l.id] ??= memory.nextLaneRank++;
    const laneOrder = [...hostLanes].sort((a, b) => (ranks[a.id] ?? 0) - (ranks[b.id] ?? 0));
    for (const l of laneOrder) {
      lanes.set(l.id, { x1: x + G.gutter / 2, x2: x + hostW, y: y + G.laneH / 2 });
      y += G.lanePitch;
    }
    y += G.rowGap / 2;
    // Slots: kept; new boxes take the lowest free slot in creation order.
    const hostBoxes = graph.boxes.filter((b) => b.kind === 'namespace' && b.host === host.id);
    const slots = memory.slots[host.id] ?? {};
    memory.slots[host.id] = slots;
    for (const id of Object.keys(slots)) if (!hostBoxes.some((b) => b.id === id)) delete slots[id];
    const used = new Set(Object.values(slots));
    for (const b of [...hostBoxes].sort((a, c) => a.order - c.order || (a.id < c.id ? -1 : 1))) {
      if (slots[b.id] !== undefined) continue;
      let s = 0;
      while (used.has(s)) s++;
      slots[b.id] = s;
      used.add(s);
    }
    const rowH = Math.max(G.minBoxH, ...hostBoxes.map(boxHeight)) + G.rowGap;
    const gridTop = y;
    for (const b of hostBoxes) {
      const s = slots[b.id] ?? 0;
      const col = s % cols;
      const row = Math.floor(s / cols);
      const rect = { x: x + col * colW + G.gutter, y: gridTop + row * rowH, w: G.slotW, h: boxHeight(b) };
      boxes.set(b.id, rect);
      height = Math.max(height, rect.y + rect.h);
    }
    height = Math.max(height, y);
    x += hostW + G.hostGap;
  }
  const width = x - G.hostGap + G.pad;

  // Edges: box → lane (or box) through the gutter left of the box's column.
  const perBox = new Map<string, number>();
  for (const e of graph.edges) {
    const from = boxes.get(e.from);
    if (!from) continue;
    const k = perBox.get(e.from) ?? 0;
    perBox.set(e.from, k + 1);
    const startY = from.y + G.headerH + G.lineH * k - 4;
    const slotRow = Math.round(from.y);
    const gx = from.x - 6 - ((k * 5 + (slotRow % 3) * 2) % (G.gutter - 8));
    let targetY: number | undefined;
    if (e.toKind === 'lane') targetY = lanes.get(e.to)?.y;
    else {
      const to = boxes.get(e.to);
      if (to) targetY = to.y + to.h;
    }
    if (targetY === undefined) continue;
    edges.set(e.id, { points: [[from.x, Math.min(startY, from.y + from.h - 6)], [gx, Math.min(startY, from.y + from.h - 6)], [gx, targetY]] });
  }
  // Overlay bands on top, joined to their per-host lanes down the host's left margin.
  graph.overlays.forEach((o, i) => {
    const y = G.pad + i * G.overlayPitch + G.laneH / 2;
    overlays.set(o.id, { x1: G.pad, x2: width - G.pad, y });
    for (const laneId of o.lanes) {
      const lane = lanes.get(laneId);
      if (lane) edges.set(`${o.id}|${laneId}`, { points: [[lane.x1, y], [lane.x1, lane.y]] });
    }
  });
  return { width, height: height + G.pad, boxes, lanes, overlays, edges, memory };
}

/** Whether two rectangles overlap (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
