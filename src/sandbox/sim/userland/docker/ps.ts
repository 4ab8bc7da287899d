/** docker ps: the container table with computed column widths, filters, -q, --no-trunc, --format. */
import type { Container } from '../../daemon/container.ts';
import { exposedPorts, mainArgv, sharesNetns, shortId, stateString } from '../../daemon/container.ts';
import type { DockerCall } from './command.ts';
import { contextType, printFormatted } from './formatter.ts';
import { STRING } from './go-types.ts';
import { humanDuration, humanSize } from './humanize.ts';
import { portFilterKeys, portsForFilter, type PortFilterKey } from './port-filter.ts';
import { tabwrite } from './tabwriter.ts';

/** stringutils.Ellipsis: cut to `max` runes with "…". */
function ellipsis(s: string, max: number): string {
  const runes = [...s];
  return runes.length <= max ? s : runes.slice(0, max - 1).join('') + '…';
}

/** The STATUS column. */
export function statusText(c: Container, now: number): string {
  if (c.status === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}${c.paused ? ' (Paused)' : ''}`;
  if (c.status === 'exited') return `Exited (${c.exitCode}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
  return 'Created';
}

/** One port as the API lists it for ps (types.Port): IP and public port empty when only exposed. */
interface ApiPort {
  ip: string;
  publicPort: number;
  privatePort: number;
  type: string;
}

/** cli formatter comparePorts: private port, then IP, then public port, then protocol. */
function comparePorts(a: ApiPort, b: ApiPort): number {
  if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (a.publicPort !== b.publicPort) return a.publicPort - b.publicPort;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** Consecutive exposed-only ports of one protocol shown as a range ("7000-7002/tcp"), as DisplayablePorts does. */
function exposedRanges(ports: readonly ApiPort[]): string[] {
  const out: string[] = [];
  let start: ApiPort | undefined;
  let end = 0;
  const flush = () => {
    if (start) out.push(`${start.privatePort === end ? end : `${start.privatePort}-${end}`}/${start.type}`);
  };
  for (const p of ports) {
    if (start && p.type === start.type && p.privatePort === end + 1) {
      end = p.privatePort;
      continue;
    }
    flush();
    start = p;
    end = p.privatePort;
  }
  flush();
  return out;
}

/** The PORTS column: bindings (v4 and v6 proxies) and exposed ports not published. */
export function portsText(c: Container): string {
  if (c.status !== 'running' || sharesNetns(c)) return '';
  const api: ApiPort[] = [];
  const bound = new Set<string>();
  for (const b of c.ports) {
    bound.add(`${b.containerPort}/${b.proto}`);
    api.push({ ip: b.hostIp, publicPort: b.hostPort, privatePort: b.containerPort, type: b.proto });
  }
  for (const p of exposedPorts(c)) {
    if (bound.has(p)) continue;
    const [port, proto] = p.split('/');
    api.push({ ip: '', publicPort: 0, privatePort: Number(port), type: proto ?? 'tcp' });
  }
  api.sort(comparePorts);
  const exposedOnly = api.filter((p) => p.ip === '');
  const published = api.filter((p) => p.ip !== '').map((p) => `${p.ip}:${p.publicPort}->${p.privatePort}/${p.type}`);
  return [...exposedRanges(exposedOnly), ...published].join(', ');
}

const COLUMNS = ['ID', 'Image', 'Command', 'CreatedAt', 'RunningFor', 'Ports', 'State', 'Status', 'Size', 'Names', 'Labels', 'Mounts', 'Networks'] as const;

/** One container as ps's template fields name it, with its labels for `.Label "KEY"`. */
type PsRow = Record<(typeof COLUMNS)[number], string> & { labelMap: Record<string, string> };

/** formatter.ContainerContext: every column a method, and Label(name). */
const CONTAINER_CONTEXT = contextType('formatter.ContainerContext', COLUMNS, {
  Label: (data, [name]) => ({ type: STRING, data: (data as PsRow).labelMap[String(name?.data ?? '')] ?? '' }),
});

function row(c: Container, now: number, trunc: boolean): PsRow {
  const command = mainArgv(c).join(' ');
  const labels = c.config.labels ?? {};
  return {
    ID: trunc ? shortId(c.id) : c.id,
    Image: c.config.imageRef,
    Command: JSON.stringify(trunc ? ellipsis(command, 20) : command),
    CreatedAt: new Date(c.created)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' +0000 UTC'),
    RunningFor: `${humanDuration(now - c.created)} ago`,
    Ports: portsText(c),
    State: stateString(c),
    Status: statusText(c, now),
    // The CLI asks for sizes when the format uses .Size: the writable layer (nothing is written in
    // the model) and the image under it.
    Size: `0B (virtual ${humanSize(c.config.image.size)})`,
    Names: c.name,
    // Go ranges over the label map in random order; sorted here.
    Labels: Object.entries(labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    labelMap: labels,
    Mounts: '',
    Networks: c.endpoints.map((e) => e.network.name).join(',') || (c.config.networkMode === 'default' ? 'bridge' : c.config.networkMode),
  };
}

const HEADERS = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
};

const FILTER_KEYS = new Set(['name', 'id', 'status', 'ancestor', 'network', 'publish', 'expose']);

/** The CLI's or daemon's complaint about a filter, if any. */
function filterError(filter: string): string | undefined {
  const eq = filter.indexOf('=');
  if (eq < 0) return `invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)`;
  const key = filter.slice(0, eq);
  return FILTER_KEYS.has(key) ? undefined : `Error response from daemon: Invalid filter '${key}'`;
}

function matchesFilter(c: Container, filter: string): boolean {
  const eq = filter.indexOf('=');
  const key = filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  switch (key) {
    case 'name':
      try {
        return new RegExp(value).test(c.name);
      } catch {
        return c.name.includes(value);
      }
    case 'id':
      return c.id.startsWith(value);
    case 'status':
      return stateString(c) === value;
    case 'ancestor':
      return c.config.imageRef === value || c.config.image.repository === value;
    case 'network':
      return c.endpoints.some((e) => e.network.name === value || e.network.id.startsWith(value)) || c.config.networkMode === value;
    default:
      return false;
  }
}

/** docker ps / docker container ls. */
export async function psCommand({ p, ctx, flags: f }: DockerCall): Promise<number> {
  const now = ctx.clock.now();
  // Newest first; containers created in the same millisecond keep reverse creation order.
  let list = [...p.daemon.containers].reverse().sort((a, b) => b.created - a.created);
  // -n's default, -1, means no limit: only then does ps leave out stopped containers.
  const last = f.bool('latest') ? 1 : (f.int('last') ?? -1);
  if (!f.bool('all') && last < 0 && !f.list('filter').some((x) => x.startsWith('status='))) list = list.filter((c) => c.status === 'running');
  if (last >= 0) list = list.slice(0, last);
  const portFilters: Record<PortFilterKey, Set<string>> = { publish: new Set(), expose: new Set() };
  for (const filter of f.list('filter')) {
    const bad = filterError(filter);
    if (bad) {
      ctx.io.stderr(bad + '\n');
      return 1;
    }
    const key = filter.slice(0, filter.indexOf('='));
    if (key === 'publish' || key === 'expose') {
      const keys = portFilterKeys(key, filter.slice(key.length + 1));
      if (typeof keys === 'string') {
        ctx.io.stderr(`Error response from daemon: ${keys}\n`);
        return 1;
      }
      for (const k of keys) portFilters[key].add(k);
      continue;
    }
    list = list.filter((c) => matchesFilter(c, filter) === true);
  }
  for (const key of ['publish', 'expose'] as const) {
    const wanted = portFilters[key];
    if (wanted.size > 0) list = list.filter((c) => portsForFilter(c, key).some((p) => wanted.has(p)));
  }
  const trunc = !f.bool('no-trunc');
  if (f.bool('quiet')) {
    ctx.io.stdout(list.map((c) => (trunc ? shortId(c.id) : c.id) + '\n').join(''));
    return 0;
  }
  const rows = list.map((c) => row(c, now, trunc));
  const format = f.string('format');
  if (format !== undefined && format !== '' && format !== 'table') return printFormatted(ctx, format, rows, HEADERS, CONTAINER_CONTEXT);
  const table = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], ...rows.map((r) => [r.ID, r.Image, r.Command, r.RunningFor, r.Status, r.Ports, r.Names])];
  ctx.io.stdout(tabwrite(table));
  return 0;
}
