/**
 * The topology as markup: an SVG drawing (role="img" with <title>/<desc>, focusable nodes, colours
 * from CSS custom properties so both themes work), the same graph as a nested list (the text
 * alternative), and the last packet's hops as an ordered list. Strings only, so Topology.astro can
 * render a static diagram on the server and <vl-topology> can redraw in the browser with the same code.
 */
import type { PathHop, PathState, SandboxState } from '../../sandbox/topology/state.ts';
import type { Graph } from './graph.ts';
import { GEOMETRY, type Layout } from './layout.ts';
import type { TopologyWords } from './words.ts';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Text size in the drawing (CSS px, not scaled: the SVG is shown at its natural size). */
export const FONT_PX = 12;

/** Width of a character of FONT_PX monospace: 0.6 em, twice that for East Asian wide characters. */
function charWidth(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? FONT_PX : FONT_PX * 0.6;
}

/** Cut a line to fit a box of `width` px (8 px padding each side). */
function fit(text: string, width: number): string {
  const room = width - 16;
  let used = 0;
  const chars = [...text];
  for (const [i, ch] of chars.entries()) {
    used += charWidth(ch);
    if (used > room) return `${chars.slice(0, Math.max(0, i - 1)).join('')}…`;
  }
  return text;
}

/** Whether the last packet got where it was going (its path is drawn as a success, not a failure). */
export function pathSucceeded(path: PathState): boolean {
  return path.outcome === 'answered' || path.outcome === 'delivered' || path.outcome === 'dns';
}

export interface SvgOptions {
  /** Short accessible name. */
  title: string;
  /** Ids on the last packet's path (namespace, interface and bridge ids). */
  highlight?: ReadonlySet<string>;
  /** How the highlighted path ended: drawn solid (success) or dashed with a cross (failure). */
  pathOutcome?: 'ok' | 'failed';
  /** Prefix for element ids (several panels on one page). */
  idPrefix?: string;
  /** The panel's words in the page's language. */
  words: TopologyWords;
}

/** The drawing. */
export function renderSvg(graph: Graph, layout: Layout, options: SvgOptions): string {
  const hl = options.highlight ?? new Set<string>();
  const id = options.idPrefix ?? 'vl-topo';
  const G = GEOMETRY;
  const out: string[] = [];
  const t = options.words;
  const counts = { hosts: graph.hosts.length, containers: graph.boxes.filter((b) => b.kind === 'namespace').length, bridges: graph.lanes.length, overlays: graph.overlays.length };
  const desc = t(graph.overlays.length ? 'topology.summaryOverlays' : 'topology.summary', counts);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="vl-topo__svg${options.pathOutcome ? ` vl-topo__svg--path-${options.pathOutcome}` : ''}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}">`,
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
      `<g class="vl-topo__lane vl-topo__lane--${l.driver}${on}" data-id="${escapeXml(l.id)}" tabindex="0"><title>${escapeXml(t('topology.lane.title', { label: l.label }))}</title>`,
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
export function renderList(state: SandboxState, t: TopologyWords): string {
  const li = (text: string, children: string[] = []) => `<li>${escapeXml(text)}${children.length ? `<ul>${children.join('')}</ul>` : ''}</li>`;
  /** `head (a, b)` with the parts that apply, or `head` alone. */
  const withParts = (head: string, parts: (string | false | undefined)[]) => {
    const present = parts.filter((p): p is string => typeof p === 'string' && p !== '');
    return present.length ? `${head} (${present.join(', ')})` : head;
  };
  const hosts = state.hosts.map((h) => {
    const bridges = h.bridges.map((b) => {
      const network = b.network ? [t('topology.list.bridgeNetwork', { network: b.network }), b.driver === 'overlay' && t('topology.list.overlay')] : [];
      const parts = [
        withParts(t('topology.list.bridge', { name: b.name }), network),
        b.subnet && t('topology.list.subnet', { subnet: b.subnet }),
        b.gateway && t('topology.list.gateway', { gateway: b.gateway }),
      ];
      return li(parts.filter(Boolean).join(', '));
    });
    const namespaces = h.namespaces.map((ns) => {
      const head =
        ns.kind === 'host'
          ? t('topology.list.hostNamespace', { node: h.id })
          : ns.kind === 'network'
            ? t('topology.list.networkNamespace', { name: ns.name })
            : t('topology.list.containerNamespace', { name: ns.containers[0]?.name ?? ns.name });
      const ifaces = ns.interfaces.map((i) => {
        const bits = [i.kind, ...i.addresses];
        if (i.peer) {
          const [peerNs = '', peer = ''] = i.peer.split('#');
          bits.push(peerNs !== ns.id ? t('topology.list.vethPeerIn', { peer, namespace: peerNs }) : t('topology.list.vethPeer', { peer }));
        }
        if (i.master) bits.push(t('topology.list.portOf', { bridge: i.master.split('#').pop() ?? '' }));
        return li(t('topology.list.interface', { name: i.name, details: bits.join(', ') }));
      });
      const containers = ns.containers.map((c) => {
        const mode = [
          c.sharedWith ? `${c.mode} ${t('topology.list.containerWith', { owner: c.sharedWith })}` : c.mode,
          c.networks.length ? t('topology.list.networks', { networks: c.networks.join(', ') }) : '',
        ];
        return li(t('topology.list.container', { name: c.name, image: c.image, mode: mode.filter(Boolean).join(', ') }));
      });
      return li(head, [...containers, ...ifaces]);
    });
    const ports = h.ports.map((p) => li(withParts(t('topology.list.port', { host: `${p.hostIp}:${p.hostPort}/${p.proto}`, container: `${p.containerName}:${p.containerPort}` }), [p.containerIp])));
    return li(withParts(t('topology.list.host', { node: h.id }), [h.addresses.join(', ')]), [...bridges, ...namespaces, ...ports]);
  });
  const overlays = state.overlays.map((o) => {
    const name = [o.name, o.subnet && t('topology.list.subnet', { subnet: o.subnet }), o.vni !== undefined && `VNI ${o.vni}`].filter(Boolean).join(', ');
    const on = o.members.map((m) => (m.vtep ? t('topology.list.vtep', { host: m.host, vtep: m.vtep }) : m.host)).join(', ');
    return li(t('topology.list.overlayNetwork', { name, hosts: on }));
  });
  return `<ul class="vl-topo__list">${hosts.join('')}${overlays.join('')}</ul>`;
}

/** One hop for the "What happened?" list. */
export function hopText(hop: PathHop): string {
  const where = hop.where ? `[${hop.where}] ` : '';
  if (hop.kind === 'rule') return `${where}${hop.table} ${hop.chain}: ${hop.rule} → ${hop.verdict}`;
  return `${where}${hop.text}`;
}

/** The last packet's hops as an ordered list. */
export function renderPath(path: PathState, t: TopologyWords): string {
  const items = path.hops.map((h) => {
    const cls = `vl-topo__hop vl-topo__hop--${h.kind}${h.dir === 'reply' ? ' vl-topo__hop--reply' : ''}`;
    const style = h.depth > 0 ? ` style="margin-inline-start:${h.depth * 1.25}rem"` : '';
    return `<li class="${cls}"${style}>${h.dir === 'reply' ? `<span class="vl-topo__dir">${escapeXml(t('topology.path.reply'))}</span> ` : ''}${escapeXml(hopText(h))}</li>`;
  });
  const mark = pathSucceeded(path) ? '✓' : '✕';
  return `<p class="vl-topo__path-summary" data-outcome="${pathSucceeded(path) ? 'ok' : 'failed'}"><span aria-hidden="true">${mark}</span> ${escapeXml(path.summary)} — ${escapeXml(t(`sandbox.outcome.${path.outcome}`))}</p><ol class="vl-topo__hops">${items.join('')}</ol>`;
}
