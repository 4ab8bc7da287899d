/** docker network ls | inspect | create | rm | connect | disconnect | prune: the handlers. */
import { parseIp } from '../../kernel/ipv4.ts';
import { connectNetwork, createNetwork, disconnectNetwork, getContainer, removeNetwork } from '../../daemon/daemon.ts';
import { findNetwork, networkScope, type Network } from '../../daemon/network.ts';
import { operand, type DockerCall } from './command.ts';
import { consolidateIpam } from './ipam-flags.ts';
import { printFormatted } from './formatter.ts';
import { printInspected, type Inspected } from './inspect.ts';
import { NETWORK_RESOURCE } from './inspect-types.ts';
import { networkJson } from './inspect-json.ts';
import { tabwrite } from './tabwriter.ts';
import { daemonError } from './usage.ts';
import { confirm } from './prompt.ts';

const LS_HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT' };

function lsFilter(n: Network, filter: string): boolean | string {
  const eq = filter.indexOf('=');
  if (eq < 0) return `invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)`;
  const key = filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  switch (key) {
    case 'name':
      return n.name.includes(value);
    case 'id':
      return n.id.startsWith(value);
    case 'driver':
      return n.driver === value;
    case 'scope':
      return value === networkScope(n);
    case 'type':
      if (value !== 'custom' && value !== 'builtin') return `Error response from daemon: invalid filter: 'type'='${value}'`;
      return (value === 'builtin') === n.predefined;
    case 'label':
      return Object.keys(n.labels).some((k) => `${k}=${n.labels[k]}` === value || k === value);
    case 'dangling':
      return (value === 'true') === (!n.predefined && n.endpoints.length === 0);
  }
  return `Error response from daemon: Invalid filter '${key}'`;
}

/** docker network ls. */
export async function networkLs({ p, ctx, flags: f }: DockerCall): Promise<number> {
  let nets = [...p.daemon.networks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const filter of f.list('filter')) {
    for (const n of p.daemon.networks) {
      const r = lsFilter(n, filter);
      if (typeof r === 'string') {
        ctx.io.stderr(r + '\n');
        return r.startsWith('invalid argument') ? 125 : 1;
      }
    }
    nets = nets.filter((n) => lsFilter(n, filter) === true);
  }
  const trunc = !f.bool('no-trunc');
  const id = (n: Network) => (trunc ? n.id.slice(0, 12) : n.id);
  if (f.bool('quiet')) {
    ctx.io.stdout(nets.map((n) => id(n) + '\n').join(''));
    return 0;
  }
  const format = f.string('format');
  if (format !== undefined && format !== '' && format !== 'table') {
    const rows = nets.map((n) => ({
      ID: id(n),
      Name: n.name,
      Driver: n.driver,
      Scope: networkScope(n),
      IPv6: 'false',
      Internal: String(n.internal),
      Labels: Object.entries(n.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      CreatedAt: new Date(n.created)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' +0000 UTC'),
    }));
    return printFormatted(ctx, format, rows, LS_HEADERS);
  }
  ctx.io.stdout(tabwrite([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [id(n), n.name, n.driver, networkScope(n)])]));
  return 0;
}

/** docker network inspect. */
export async function networkInspect({ p, ctx, flags, args }: DockerCall): Promise<number> {
  const found: Inspected[] = [];
  const missing: string[] = [];
  for (const ref of args) {
    const n = findNetwork(p.daemon.networks, ref);
    if (n) found.push({ json: networkJson(n, p.daemon), type: NETWORK_RESOURCE });
    else missing.push(ref);
  }
  return printInspected(ctx, found, missing, flags.string('format'), 'network');
}

/** docker network create. */
export async function networkCreate(call: DockerCall): Promise<number> {
  const { p, ctx, flags: f } = call;
  const name = operand(call, 0);
  const ipam = consolidateIpam(f.list('subnet'), f.list('ip-range'), f.list('gateway'));
  if ('cli' in ipam) {
    ctx.io.stderr(ipam.cli + '\n');
    return 1;
  }
  if ('daemon' in ipam) return daemonError(ctx, ipam.daemon);
  const [first, ...more] = ipam;
  const options: Record<string, string> = {};
  for (const o of f.list('opt')) {
    const eq = o.indexOf('=');
    options[eq < 0 ? o : o.slice(0, eq)] = eq < 0 ? '' : o.slice(eq + 1);
  }
  const labels: Record<string, string> = {};
  for (const l of f.list('label')) {
    const eq = l.indexOf('=');
    labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  const r = createNetwork(p.daemon, {
    name,
    driver: f.string('driver') ?? 'bridge',
    ...(first ? { subnet: first.subnet } : {}),
    ...(first?.gateway !== undefined ? { gateway: first.gateway } : {}),
    ...(first?.ipRange ? { ipRange: first.ipRange } : {}),
    ...(more.length > 0 ? { moreSubnets: more.map((c) => c.subnet) } : {}),
    internal: f.bool('internal'),
    attachable: f.bool('attachable'),
    labels,
    options,
    scope: f.string('scope') ?? '',
    configOnly: f.bool('config-only'),
    configFrom: f.string('config-from') ?? '',
  });
  if (!r.ok) return daemonError(ctx, r.error.message);
  ctx.io.stdout(r.value.id + '\n');
  return 0;
}

const INGRESS_WARNING =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?';

/** docker network rm. */
export async function networkRm({ p, ctx, flags, args }: DockerCall): Promise<number> {
  let status = 0;
  for (const ref of args) {
    const n = findNetwork(p.daemon.networks, ref);
    if (!n) {
      if (!flags.bool('force')) {
        ctx.io.stderr(`Error: No such network: ${ref}\n`);
        status = 1;
      }
      continue;
    }
    // The CLI asks before removing the routing mesh (cli/command/network/remove.go).
    if (n.cluster?.ingress && !confirm(ctx, INGRESS_WARNING)) continue;
    const r = removeNetwork(p.daemon, n);
    if (!r.ok) {
      ctx.io.stderr(`Error response from daemon: ${r.error.message}\n`);
      status = 1;
      continue;
    }
    ctx.io.stdout(ref + '\n');
  }
  return status;
}

/** docker network connect. */
export function networkConnect(call: DockerCall): Promise<number> {
  return connect(call, true);
}

/** docker network disconnect. */
export function networkDisconnect(call: DockerCall): Promise<number> {
  return connect(call, false);
}

async function connect({ p, ctx, flags, args }: DockerCall, on: boolean): Promise<number> {
  const [netRef, ctrRef] = args as [string, string];
  const n = findNetwork(p.daemon.networks, netRef);
  if (!n) return daemonError(ctx, `network ${netRef} not found`);
  const c = getContainer(p.daemon, ctrRef);
  if (!c.ok) return daemonError(ctx, c.error.message);
  if (!on) {
    const r = disconnectNetwork(p.daemon, n, c.value);
    return r.ok ? 0 : daemonError(ctx, r.error.message);
  }
  const ipText = flags.string('ip');
  const ip = ipText === undefined ? undefined : parseIp(ipText);
  if (ipText !== undefined && ip === undefined) return daemonError(ctx, `invalid IPv4 address: ${ipText}`);
  const r = connectNetwork(p.daemon, n, c.value, flags.list('alias'), ip);
  return r.ok ? 0 : daemonError(ctx, r.error.message);
}

/** docker network prune. */
export async function networkPrune({ p, ctx, flags }: DockerCall): Promise<number> {
  if (!flags.bool('force') && !confirm(ctx, 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?')) return 0;
  const used = new Set(p.daemon.containers.flatMap((c) => c.endpoints.map((e) => e.network)));
  const removed: string[] = [];
  for (const n of [...p.daemon.networks]) {
    if (n.predefined || used.has(n)) continue;
    if (removeNetwork(p.daemon, n).ok) removed.push(n.name);
  }
  if (removed.length > 0) ctx.io.stdout(`Deleted Networks:\n${removed.join('\n')}\n\n`);
  return 0;
}
