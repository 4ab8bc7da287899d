/** docker network ls | inspect | create | rm | connect | disconnect | prune. */
import { parseIp, parsePrefix, type Prefix } from '../../kernel/ipv4.ts';
import { connectNetwork, createNetwork, disconnectNetwork, getContainer, removeNetwork } from '../../daemon/daemon.ts';
import { findNetwork, type Network } from '../../daemon/network.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import { parseFlags } from './flags.ts';
import { printFormatted } from './formatter.ts';
import { printInspected } from './inspect.ts';
import { networkJson } from './inspect-json.ts';
import { tabwrite } from './tabwriter.ts';
import { argCountError, daemonError, flagError, helpText } from './usage.ts';

const SUBCOMMANDS = ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'];

function networkHelp(ctx: ProgramContext, asError: boolean): number {
  (asError ? ctx.io.stderr : ctx.io.stdout)(
    '\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n' +
      '  connect     Connect a container to a network\n' +
      '  create      Create a network\n' +
      '  disconnect  Disconnect a container from a network\n' +
      '  inspect     Display detailed information on one or more networks\n' +
      '  ls          List networks\n' +
      '  prune       Remove all unused networks\n' +
      '  rm          Remove one or more networks\n\n' +
      "Run 'docker network COMMAND --help' for more information on a command.\n",
  );
  return asError ? 1 : 0;
}

/** docker network … */
export async function networkCommand(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  const alias: Record<string, string> = { list: 'ls', remove: 'rm' };
  const name = sub === undefined ? undefined : (alias[sub] ?? sub);
  if (name === undefined || name === '--help' || name === '-h') return networkHelp(ctx, false);
  if (!SUBCOMMANDS.includes(name)) {
    if (name.startsWith('-')) return flagError(ctx, 'network', `unknown flag: ${name}`);
    // cobra's NoArgs on a command group: the group's usage, as an error.
    return networkHelp(ctx, true);
  }
  switch (name) {
    case 'ls':
      return ls(p, ctx, rest);
    case 'inspect':
      return inspect(p, ctx, rest);
    case 'create':
      return create(p, ctx, rest);
    case 'rm':
      return rm(p, ctx, rest);
    case 'connect':
      return connect(p, ctx, rest, true);
    case 'disconnect':
      return connect(p, ctx, rest, false);
    case 'prune':
      return prune(p, ctx, rest);
  }
  return 1;
}

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
      return value === (n.cluster ? 'swarm' : 'local');
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

async function ls(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'no-trunc', type: 'bool' },
    { name: 'filter', short: 'f', type: 'list' },
    { name: 'format', type: 'string' },
  ]);
  if (!parsed.ok) return flagError(ctx, 'network ls', parsed.error);
  if (parsed.help) return helpText(ctx, 'network ls');
  if (parsed.args.length > 0) return argCountError(ctx, 'network ls', 'no', 0);
  const f = parsed.flags;
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
      Scope: n.cluster ? 'swarm' : 'local',
      IPv6: 'false',
      Internal: String(n.internal),
      Labels: Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(','),
      CreatedAt: new Date(n.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    }));
    return printFormatted(ctx, format, rows, LS_HEADERS);
  }
  ctx.io.stdout(tabwrite([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [id(n), n.name, n.driver, n.cluster ? 'swarm' : 'local'])]));
  return 0;
}

async function inspect(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [
    { name: 'format', short: 'f', type: 'string' },
    { name: 'verbose', short: 'v', type: 'bool' },
  ]);
  if (!parsed.ok) return flagError(ctx, 'network inspect', parsed.error);
  if (parsed.help) return helpText(ctx, 'network inspect');
  if (parsed.args.length === 0) return argCountError(ctx, 'network inspect', 'at least', 1);
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const ref of parsed.args) {
    const n = findNetwork(p.daemon.networks, ref);
    if (n) found.push(networkJson(n, p.daemon));
    else missing.push(ref);
  }
  return printInspected(ctx, found, missing, parsed.flags.string('format'), 'network');
}

async function create(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [
    { name: 'driver', short: 'd', type: 'string' },
    { name: 'subnet', type: 'list' },
    { name: 'gateway', type: 'list' },
    { name: 'ip-range', type: 'list' },
    { name: 'internal', type: 'bool' },
    { name: 'attachable', type: 'bool' },
    { name: 'label', type: 'list' },
    { name: 'opt', short: 'o', type: 'list' },
    { name: 'ipv6', type: 'bool' },
    { name: 'scope', type: 'string' },
  ]);
  if (!parsed.ok) return flagError(ctx, 'network create', parsed.error);
  if (parsed.help) return helpText(ctx, 'network create');
  if (parsed.args.length !== 1) return argCountError(ctx, 'network create', 'exactly', 1);
  const f = parsed.flags;
  const name = parsed.args[0]!;
  const prefixArg = (flag: string): Prefix | undefined | 'bad' => {
    const v = f.list(flag)[0];
    if (v === undefined) return undefined;
    const pr = v.includes('/') ? parsePrefix(v) : undefined;
    return pr ?? 'bad';
  };
  const subnet = prefixArg('subnet');
  if (subnet === 'bad') return daemonError(ctx, `Invalid subnet ${f.list('subnet')[0]} : invalid CIDR address: ${f.list('subnet')[0]}`);
  const ipRange = prefixArg('ip-range');
  if (ipRange === 'bad') return daemonError(ctx, `Invalid subnet ${f.list('ip-range')[0]} : invalid CIDR address: ${f.list('ip-range')[0]}`);
  const gwText = f.list('gateway')[0];
  const gateway = gwText === undefined ? undefined : parseIp(gwText);
  if (gwText !== undefined && gateway === undefined) return daemonError(ctx, `invalid address: ${gwText}`);
  if ((gateway !== undefined || ipRange) && !subnet) {
    ctx.io.stderr('every ip-range or gateway must have a corresponding subnet\n');
    return 1;
  }
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
    ...(subnet ? { subnet } : {}),
    ...(gateway !== undefined ? { gateway } : {}),
    ...(ipRange ? { ipRange } : {}),
    internal: f.bool('internal'),
    attachable: f.bool('attachable'),
    labels,
    options,
  });
  if (!r.ok) return daemonError(ctx, r.error.message);
  ctx.io.stdout(r.value.id + '\n');
  return 0;
}

async function rm(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [{ name: 'force', short: 'f', type: 'bool' }]);
  if (!parsed.ok) return flagError(ctx, 'network rm', parsed.error);
  if (parsed.help) return helpText(ctx, 'network rm');
  if (parsed.args.length === 0) return argCountError(ctx, 'network rm', 'at least', 1);
  let status = 0;
  for (const ref of parsed.args) {
    const n = findNetwork(p.daemon.networks, ref);
    if (!n) {
      if (!parsed.flags.bool('force')) {
        ctx.io.stderr(`Error: No such network: ${ref}\n`);
        status = 1;
      }
      continue;
    }
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

async function connect(p: Proc, ctx: ProgramContext, args: readonly string[], on: boolean): Promise<number> {
  const cmd = on ? 'network connect' : 'network disconnect';
  const parsed = parseFlags(
    args,
    on
      ? [
          { name: 'alias', type: 'list' },
          { name: 'ip', type: 'string' },
          { name: 'link', type: 'list' },
        ]
      : [{ name: 'force', short: 'f', type: 'bool' }],
  );
  if (!parsed.ok) return flagError(ctx, cmd, parsed.error);
  if (parsed.help) return helpText(ctx, cmd);
  if (parsed.args.length !== 2) return argCountError(ctx, cmd, 'exactly', 2);
  const [netRef, ctrRef] = parsed.args as [string, string];
  const n = findNetwork(p.daemon.networks, netRef);
  if (!n) return daemonError(ctx, `network ${netRef} not found`);
  const c = getContainer(p.daemon, ctrRef);
  if (!c.ok) return daemonError(ctx, c.error.message);
  if (!on) {
    const r = disconnectNetwork(p.daemon, n, c.value);
    return r.ok ? 0 : daemonError(ctx, r.error.message);
  }
  const ipText = parsed.flags.string('ip');
  const ip = ipText === undefined ? undefined : parseIp(ipText);
  if (ipText !== undefined && ip === undefined) return daemonError(ctx, `invalid IPv4 address: ${ipText}`);
  const r = connectNetwork(p.daemon, n, c.value, parsed.flags.list('alias'), ip);
  return r.ok ? 0 : daemonError(ctx, r.error.message);
}

async function prune(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [{ name: 'force', short: 'f', type: 'bool' }, { name: 'filter', type: 'list' }]);
  if (!parsed.ok) return flagError(ctx, 'network prune', parsed.error);
  if (!parsed.flags.bool('force')) {
    ctx.io.stdout('WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ');
    if (!/^y/i.test(ctx.io.stdin.trim())) return 0;
  }
  const used = new Set(p.daemon.containers.flatMap((c) => c.endpoints.map((e) => e.network)));
  const removed: string[] = [];
  for (const n of [...p.daemon.networks]) {
    if (n.predefined || used.has(n)) continue;
    if (removeNetwork(p.daemon, n).ok) removed.push(n.name);
  }
  if (removed.length > 0) ctx.io.stdout(`Deleted Networks:\n${removed.join('\n')}\n\n`);
  return 0;
}
