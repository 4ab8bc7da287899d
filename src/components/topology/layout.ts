/**
 * Where everything of a topology Graph goes: deterministic and stable. Hosts are columns; in each
 * host, the host box on top, then one lane per bridge, then container boxes in a grid of slots.
 * The drawing is shown at its natural size (one unit is one CSS pixel, so text keeps its size):
 * given the width it has, the layout picks fewer columns per host, and puts hosts one under the
 * other when they do not fit side by side, rather than being scaled down.
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

/** The room the drawing has. */
export interface LayoutOptions {
  /** Most columns of boxes per host (default: 3 with one host, 2 with more). */
  maxColumns?: number;
  /** Width available in CSS pixels: fewer columns, then hosts stacked, to fit it. */
  maxWidth?: number;
}

export const GEOMETRY = {
  pad: 16,
  slotW: 200,
  gutter: 30,
  lineH: 15,
  headerH: 38,
  laneH: 24,
  lanePitch: 36,
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

/** Widest a box grows to when there is room (wider lines and lane labels are cut). */
const MAX_SLOT_W = 340;

/** Hosts side by side or stacked, columns per host and box width, for the width available. */
function arrangement(hosts: number, options: LayoutOptions): { across: number; columns: number | undefined; slotW: number } {
  const G = GEOMETRY;
  const colW = G.gutter + G.slotW;
  const most = options.maxColumns ?? (hosts > 1 ? 2 : 3);
  const maxWidth = options.maxWidth;
  if (maxWidth === undefined) return { across: hosts, columns: options.maxColumns, slotW: G.slotW };
  const perHost = (across: number) => (maxWidth - 2 * G.pad - (across - 1) * G.hostGap) / across;
  const across = hosts > 1 && perHost(hosts) < colW ? 1 : Math.max(1, hosts);
  const columns = Math.max(1, Math.min(most, Math.floor(perHost(across) / colW)));
  // The room left over widens the boxes (and the lanes with them), so labels are cut less.
  const slotW = Math.max(G.slotW, Math.min(MAX_SLOT_W, Math.floor(perHost(across) / columns) - G.gutter));
  return { across, columns, slotW };
}

/** Lay `graph` out, remembering slots in (a copy of) `memory`. */
export function layoutGraph(graph: Graph, previous: LayoutMemory = emptyMemory(), options: LayoutOptions = {}): Layout {
  const G = GEOMETRY;
  const memory: LayoutMemory = structuredClone(previous);
  const boxes = new Map<string, Rect>();
  const lanes = new Map<string, { x1: number; x2: number; y: number }>();
  const overlays = new Map<string, { x1: number; x2: number; y: number }>();
  const edges = new Map<string, { points: [number, number][] }>();
  const { across, columns, slotW } = arrangement(graph.hosts.length, options);
  const defaultCols = columns ?? (graph.hosts.length > 1 ? 2 : 3);
  const top = G.pad + graph.overlays.length * G.overlayPitch;
  let x: number = G.pad;
  let height = top;
  let rowTop = top;
  let right: number = G.pad;
  graph.hosts.forEach((host, index) => {
    // A width to fit overrides the remembered columns (slots keep their numbers; the grid reflows).
    const cols = columns ?? memory.columns[host.id] ?? defaultCols;
    memory.columns[host.id] = cols;
    const colW = G.gutter + slotW;
    const hostW = cols * colW;
    const hostBox = graph.boxes.find((b) => b.kind === 'host' && b.id === host.id);
    if (index > 0 && index % across === 0) {
      x = G.pad;
      rowTop = height + G.hostGap;
    }
    let y = rowTop;
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
      const rect = { x: x + col * colW + G.gutter, y: gridTop + row * rowH, w: slotW, h: boxHeight(b) };
      boxes.set(b.id, rect);
      height = Math.max(height, rect.y + rect.h);
    }
    height = Math.max(height, y);
    right = Math.max(right, x + hostW);
    x += hostW + G.hostGap;
  });
  const width = right + G.pad;
  const stacked = across < graph.hosts.length;

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
    // Into a lane from below, ending at its lower edge: its label, inside the bar, is never crossed
    // (a line to a higher lane runs under the bars in between).
    const endY = e.toKind === 'lane' ? targetY + G.laneH / 2 : targetY;
    edges.set(e.id, {
      points: [
        [from.x, Math.min(startY, from.y + from.h - 6)],
        [gx, Math.min(startY, from.y + from.h - 6)],
        [gx, endY],
      ],
    });
  }
  // Overlay bands on top, joined to their per-host lanes down the host's left margin.
  graph.overlays.forEach((o, i) => {
    const y = G.pad + i * G.overlayPitch + G.laneH / 2;
    overlays.set(o.id, { x1: G.pad, x2: width - G.pad, y });
    for (const laneId of o.lanes) {
      const lane = lanes.get(laneId);
      if (!lane) continue;
      // Stacked hosts: down the left margin, so the line passes beside the hosts above, not through them.
      const points: [number, number][] = stacked
        ? [
            [G.pad / 2, y],
            [G.pad / 2, lane.y],
            [lane.x1, lane.y],
          ]
        : [
            [lane.x1, y],
            [lane.x1, lane.y],
          ];
      edges.set(`${o.id}|${laneId}`, { points });
    }
  });
  return { width, height: height + G.pad, boxes, lanes, overlays, edges, memory };
}

/** Whether two rectangles overlap (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
