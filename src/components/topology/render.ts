/**
 * The topology as markup: an SVG drawing (role="img" with <title>/<desc>, focusable nodes, colours
 * from CSS custom properties so both themes work), the same graph as a nested list (the text
 * alternative), and the last packet's hops as an ordered list. Strings only, so Topology.astro can
 * render a static diagram on the server and <vl-topology> can redraw in the browser with the same code.
 */
import type { PathHop, PathState, SandboxState } from '../../sandbox/topology/state.ts';
import type { Graph } from './graph.ts';
import { GEOMETRY, type Layout } from './layout.ts';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Cut a line to fit a box of `width` px at ~6.6 px per character of 11 px monospace. */
function fit(text: string, width: number): string {
  const max = Math.floor((width - 16) / 6.6);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface SvgOptions {
  /** Short accessible name. */
  title: string;
  /** Ids on the last packet's path (namespace, interface and bridge ids). */
  highlight?: ReadonlySet<string>;
  /** Prefix for element ids (several panels on one page). */
  idPrefix?: string;
}

/** The drawing. */
export function renderSvg(graph: Graph, layout: Layout, options: SvgOptions): string {
  const hl = options.highlight ?? new Set<string>();
  const id = options.idPrefix ?? 'vl-topo';
  const G = GEOMETRY;
  const out: string[] = [];
  const desc = `${graph.hosts.length} host(s), ${graph.boxes.filter((b) => b.kind === 'namespace').length} container namespace(s), ${graph.lanes.length} bridge(s)${graph.overlays.length ? `, ${graph.overlays.length} overlay network(s)` : ''}. The list after the drawing has the details.`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="vl-topo__svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`,
  );
  // Overlay bands.
  for (const o of graph.overlays) {
    const band = layout.overlays.get(o.id);
    if (!band) continue;
    out.push(
      `<g class="vl-topo__overlay" data-id="${escapeXml(o.id)}" tabindex="0"><title>${escapeXml(o.label)}</title>`,
      `<line x1="${band.x1}" y1="${band.y}" x2="${band.x2}" y2="${band.y}" class="vl-topo__overlay-line"/>`,
      `<text x="${band.x1 + 8}" y="${band.y - 5}" class="vl-topo__label">${escapeXml(o.label)}</text></g>`,
    );
  }
  // Edges first: a line passing a lane it is not a port of goes under it; the port dots go on top.
  const dots: string[] = [];
  for (const [key, e] of layout.edges) {
    const edge = graph.edges.find((x) => x.id === key);
    const on = edge && (edge.members.some((m) => hl.has(m)) || (hl.has(edge.from) && hl.has(edge.to) && edge.kind === 'veth')) ? ' is-path' : '';
    const kind = edge ? edge.kind : 'vxlan';
    const points = e.points.map(([px, py]) => `${px},${py}`).join(' ');
    out.push(`<polyline points="${points}" class="vl-topo__edge vl-topo__edge--${kind}${on}" data-id="${escapeXml(key)}"/>`);
    const [lx, ly] = e.points.at(-1) ?? [];
    if (edge?.toKind === 'lane' && lx !== undefined && ly !== undefined) dots.push(`<circle cx="${lx}" cy="${ly}" r="3.5" class="vl-topo__port${on}"/>`);
  }
  // Lanes.
  for (const l of graph.lanes) {
    const lane = layout.lanes.get(l.id);
    if (!lane) continue;
    const on = hl.has(l.id) ? ' is-path' : '';
    out.push(
      `<g class="vl-topo__lane vl-topo__lane--${l.driver}${on}" data-id="${escapeXml(l.id)}" tabindex="0"><title>${escapeXml(`Bridge ${l.label}`)}</title>`,
      `<rect x="${lane.x1}" y="${lane.y - G.laneH / 2}" width="${lane.x2 - lane.x1}" height="${G.laneH}" rx="4" class="vl-topo__lane-bar"/>`,
      `<text x="${lane.x1 + G.gutter / 2 + 8}" y="${lane.y + 4}" class="vl-topo__lane-text">${escapeXml(fit(l.label, lane.x2 - lane.x1 - G.gutter / 2))}</text></g>`,
    );
  }
  out.push(...dots);
  // Boxes.
  for (const b of graph.boxes) {
    const r = layout.boxes.get(b.id);
    if (!r) continue;
    const on = hl.has(b.id) ? ' is-path' : '';
    const mode = b.mode ? ` vl-topo__box--${b.mode}` : '';
    out.push(
      `<g class="vl-topo__box vl-topo__box--${b.kind}${mode}${on}" data-id="${escapeXml(b.id)}" data-title="${escapeXml(b.title)}" tabindex="0" aria-label="${escapeXml(b.description)}">`,
      `<title>${escapeXml(b.description)}</title>`,
      `<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="6" class="vl-topo__box-rect"/>`,
      `<text x="${r.x + 8}" y="${r.y + 16}" class="vl-topo__box-title">${escapeXml(fit(b.title, r.w))}</text>`,
    );
    if (b.subtitle) out.push(`<text x="${r.x + 8}" y="${r.y + 30}" class="vl-topo__box-sub">${escapeXml(fit(b.subtitle, r.w))}</text>`);
    b.lines.forEach((line, i) => {
      out.push(`<text x="${r.x + 8}" y="${r.y + G.headerH + 8 + i * G.lineH}" class="vl-topo__box-line">${escapeXml(fit(line, r.w))}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}

/** The text alternative: hosts → bridges, namespaces → interfaces and containers, ports, overlays. */
export function renderList(state: SandboxState): string {
  const li = (text: string, children: string[] = []) => `<li>${escapeXml(text)}${children.length ? `<ul>${children.join('')}</ul>` : ''}</li>`;
  const hosts = state.hosts.map((h) => {
    const bridges = h.bridges.map((b) => li(`Bridge ${b.name}${b.network ? ` (network ${b.network}${b.driver === 'overlay' ? ', overlay' : ''})` : ''}${b.subnet ? `, subnet ${b.subnet}` : ''}${b.gateway ? `, gateway ${b.gateway}` : ''}`));
    const namespaces = h.namespaces.map((ns) => {
      const head =
        ns.kind === 'host' ? `Host namespace of ${h.id}`
        : ns.kind === 'network' ? `Network namespace ${ns.name}`
        : `Container namespace of ${ns.containers[0]?.name ?? ns.name}`;
      const ifaces = ns.interfaces.map((i) => {
        const bits = [i.kind, ...i.addresses];
        if (i.peer) bits.push(`veth peer ${i.peer.split('#').pop()}${i.peer.split('#')[0] !== ns.id ? ` in ${i.peer.split('#')[0]}` : ''}`);
        if (i.master) bits.push(`port of ${i.master.split('#').pop()}`);
        return li(`Interface ${i.name}: ${bits.join(', ')}`);
      });
      const containers = ns.containers.map((c) => li(`Container ${c.name} (image ${c.image}, ${c.mode}${c.sharedWith ? ` with ${c.sharedWith}` : ''}${c.networks.length ? `, networks ${c.networks.join(', ')}` : ''})`));
      return li(head, [...containers, ...ifaces]);
    });
    const ports = h.ports.map((p) => li(`Published port ${p.hostIp}:${p.hostPort}/${p.proto} → ${p.containerName}:${p.containerPort}${p.containerIp ? ` (${p.containerIp})` : ''}`));
    return li(`Host ${h.id}${h.addresses.length ? ` (${h.addresses.join(', ')})` : ''}`, [...bridges, ...namespaces, ...ports]);
  });
  const overlays = state.overlays.map((o) => li(`Overlay network ${o.name}${o.subnet ? `, subnet ${o.subnet}` : ''}${o.vni !== undefined ? `, VNI ${o.vni}` : ''}: on ${o.members.map((m) => `${m.host}${m.vtep ? ` (VTEP ${m.vtep})` : ''}`).join(', ')}`));
  return `<ul class="vl-topo__list">${hosts.join('')}${overlays.join('')}</ul>`;
}

/** One hop for the "What happened?" list. */
export function hopText(hop: PathHop): string {
  const where = hop.where ? `[${hop.where}] ` : '';
  if (hop.kind === 'rule') return `${where}${hop.table} ${hop.chain}: ${hop.rule} → ${hop.verdict}`;
  return `${where}${hop.text}`;
}

/** The last packet's hops as an ordered list. */
export function renderPath(path: PathState): string {
  const items = path.hops.map((h) => {
    const cls = `vl-topo__hop vl-topo__hop--${h.kind}${h.dir === 'reply' ? ' vl-topo__hop--reply' : ''}`;
    const style = h.depth > 0 ? ` style="margin-inline-start:${h.depth * 1.25}rem"` : '';
    return `<li class="${cls}"${style}>${h.dir === 'reply' ? '<span class="vl-topo__dir">reply</span> ' : ''}${escapeXml(hopText(h))}</li>`;
  });
  return `<p class="vl-topo__path-summary">${escapeXml(path.summary)} — ${escapeXml(path.outcome)}</p><ol class="vl-topo__hops">${items.join('')}</ol>`;
}
