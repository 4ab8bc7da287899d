/**
 * ip (iproute2 on hosts and Debian images, the busybox applet in busybox/alpine): addr, link,
 * route and neigh listings computed from the namespace's devices, plus `link set` and `addr add`.
 * Busybox differs in the header line (no state/group, M-DOWN for peers it cannot see) and in
 * route lines.
 */
import { formatHwAddr, linkLocalIpv6 } from '../kernel/hwaddr.ts';
import { addNeighbour, deleteNeighbour, replaceNeighbour } from '../kernel/rtnetlink/neighbours.ts';
import { broadcastOf, formatIp, formatPrefix, networkOf, parsePrefix, type Prefix } from '../kernel/ipv4.ts';
import { linkFlagNames, operState, type Link } from '../kernel/link.ts';
import { strerror, type Errno } from '../kernel/errno.ts';
import { linkByIndex, linkByName, loopback } from '../kernel/netns.ts';
import { peerNetnsId } from '../kernel/netnsid.ts';
import { addAddress, deleteAddress } from '../kernel/rtnetlink/addresses.ts';
import { addRoute, DEFAULT_DST, deleteRoute } from '../kernel/rtnetlink/routes.ts';
import { isLinkDown, mainTable, routeLookup, type Route } from '../kernel/route.ts';
import { neighbours, nudState } from '../kernel/neighbour.ts';
import { parseIp } from '../kernel/ipv4.ts';
import { iprouteFlags, linkDisplayName } from './link-display.ts';
import { linkAdd, linkDelete, linkSet, parseLladdr } from './ip-link-change.ts';
import { ipNetns } from './ip-netns.ts';
import { namedNetns, netnsNames } from './netns-paths.ts';
import type { Proc } from './proc.ts';
import { failWith, type Main, type Tool } from './registry.ts';
import { busyboxUsage } from './busybox-usage.ts';
import { linkStatsLines } from './link-stats-display.ts';

const BUSYBOX_IP_USAGE = busyboxUsage('ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]');

interface Opts {
  family?: 4 | 6;
  brief: boolean;
  busybox: boolean;
  /** -o: one line per entry, continuation lines joined with a backslash. */
  oneline?: boolean;
  /** How many -s (-stats, -statistics) were given: counters under each link. */
  stats?: number;
}

function header(l: Link, o: Opts, mode: 'addr' | 'link'): string {
  const flags = o.busybox ? linkFlagNames(l) : iprouteFlags(l);
  if (o.busybox && l.peer && l.peer.ns !== l.ns) {
    // Busybox looks the peer index up in its own namespace; not finding it, it reports M-DOWN.
    const same = linkByIndex(l.ns, l.peer.ifindex);
    if (!same?.up) flags.push('M-DOWN');
  }
  let s = `${l.ifindex}: ${linkDisplayName(l)}: <${flags.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc} `;
  if (l.master) s += `master ${l.master.name} `;
  if (o.busybox) return s + (l.txqlen ? `qlen ${l.txqlen}` : '');
  s += `state ${operState(l)} `;
  if (mode === 'link') s += 'mode DEFAULT ';
  s += 'group default ';
  if (l.txqlen) s += `qlen ${l.txqlen}`;
  return s;
}

function linkLine(p: Proc, l: Link, o: Opts): string {
  const type = l.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  let s = `    link/${type} ${formatHwAddr(l.mac)} brd ${brd}`;
  if (!o.busybox && l.peer && l.peer.ns !== l.ns) {
    // iproute2 names the peer's namespace when /run/netns has a name for it.
    const name = netnsNames(p, l.peer.ns)[0];
    s += name !== undefined ? ` link-netns ${name}` : ` link-netnsid ${peerNetnsId(l.ns, l.peer.ns)}`;
  }
  return s;
}

function lifetime(p: Proc, dynamic: boolean | undefined): string {
  if (!dynamic) return '       valid_lft forever preferred_lft forever';
  const left = Math.max(0, 86400 - (Math.floor((p.kernel.clock.now() - p.kernel.bootedAt) / 1000) % 86400));
  return `       valid_lft ${left}sec preferred_lft ${left}sec`;
}

function addrLines(p: Proc, l: Link, o: Opts): string[] {
  const out: string[] = [];
  if (o.family !== 6) {
    for (const a of l.addrs) {
      let s = `    inet ${formatIp(a.addr)}/${a.len} `;
      if (a.brd !== undefined) s += `brd ${formatIp(a.brd)} `;
      s += `scope ${a.scope} ${a.dynamic ? 'dynamic ' : ''}${l.name}`;
      out.push(s, lifetime(p, a.dynamic));
    }
  }
  if ((o.family !== 4 && !o.busybox) || (o.busybox && o.family !== 4)) {
    if (l.kind === 'loopback' && l.ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') !== '1' && l.up) {
      out.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever');
    } else if (l.ipv6LinkLocal) {
      out.push(`    inet6 ${linkLocalIpv6(l.mac)}/64 scope link `, '       valid_lft forever preferred_lft forever');
    }
  }
  return out;
}

function briefLine(l: Link, mode: 'addr' | 'link'): string {
  const name = linkDisplayName(l);
  const state = operState(l);
  if (mode === 'link') return `${name.padEnd(16)} ${state.padEnd(14)} ${formatHwAddr(l.mac)} <${iprouteFlags(l).join(',')}> `;
  const addrs = l.addrs.map((a) => `${formatIp(a.addr)}/${a.len}`);
  if (l.kind === 'loopback' && l.up && l.ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') !== '1') addrs.push('::1/128');
  else if (l.ipv6LinkLocal) addrs.push(`${linkLocalIpv6(l.mac)}/64`);
  return `${name.padEnd(16)} ${state.padEnd(14)} ${addrs.join(' ')} `;
}

/** Select links per `ip link show` arguments: [dev] NAME, type T, master BR, up. */
function selectLinks(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): Link[] | number {
  let links = [...p.netns.links].sort((a, b) => a.ifindex - b.ifindex);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === 'show' || a === 'list' || a === 'ls') continue;
    if (a === 'up') links = links.filter((l) => l.up);
    else if (a === 'type') {
      const t = args[++i];
      links = links.filter((l) => l.kind === t);
    } else if (a === 'master') {
      const br = linkByName(p.netns, args[++i] ?? '');
      if (!br) return failWith(ctx, o.busybox ? `ip: can't find device '${args[i] ?? ''}'` : `Device "${args[i] ?? ''}" does not exist.`);
      links = links.filter((l) => l.master === br);
    } else {
      const name = a === 'dev' ? (args[++i] ?? '') : a;
      const l = linkByName(p.netns, name);
      if (!l) return failWith(ctx, o.busybox ? `ip: can't find device '${name}'` : `Device "${name}" does not exist.`);
      links = [l];
    }
  }
  return links;
}

function showAddr(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1], mode: 'addr' | 'link'): number {
  const links = selectLinks(p, args, o, ctx);
  if (typeof links === 'number') return links;
  const out: string[] = [];
  for (const l of links) {
    if (o.brief) {
      out.push(briefLine(l, mode));
      continue;
    }
    if (mode === 'addr' && o.family === 4 && l.addrs.length === 0) continue;
    if (o.oneline) {
      out.push(...onelineEntries(p, l, o, mode));
      continue;
    }
    out.push(header(l, o, mode));
    if (!(mode === 'addr' && o.family !== undefined)) out.push(linkLine(p, l, o));
    if (l.altname && !o.busybox && !(mode === 'addr' && o.family !== undefined)) out.push(`    altname ${l.altname}`);
    if (mode === 'addr') out.push(...addrLines(p, l, o));
    if (mode === 'link' && o.stats) out.push(...linkStatsLines(l, o.stats));
  }
  if (out.length) ctx.io.stdout(out.join('\n') + '\n');
  return 0;
}

function routeLine(r: Route, o: Opts): string {
  const dst = r.dst.len === 0 ? 'default' : formatPrefix(r.dst);
  let s = `${dst} `;
  if (r.via !== undefined) s += `via ${formatIp(r.via)} `;
  s += `dev ${r.dev.name} `;
  if (o.busybox) {
    // Busybox prints "scope link " and then " src A " (hence two spaces), and no proto.
    if (r.scope !== 'global') s += `scope ${r.scope} `;
    if (r.src !== undefined) s += ` src ${formatIp(r.src)} `;
    return s;
  }
  if (r.proto !== 'boot') s += `proto ${r.proto} `;
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.src !== undefined) s += `src ${formatIp(r.src)} `;
  if (r.metric !== undefined) s += `metric ${r.metric} `;
  if (isLinkDown(r)) s += 'linkdown ';
  return s;
}

function showRoutes(p: Proc, ctx: Parameters<Tool>[1], o: Opts): number {
  const lines = mainTable(p.netns).map((r) => routeLine(r, o));
  if (lines.length) ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** ip neigh add|replace ADDR lladdr MAC dev DEV [nud STATE], ip neigh del ADDR dev DEV. */
function neighChange(p: Proc, verb: string, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  if (!mayAdminister(p)) return failWith(ctx, `${o.busybox ? 'ip: ' : ''}RTNETLINK answers: Operation not permitted`, 2);
  const addr = parseIp(args[0] === 'to' ? (args[1] ?? '') : (args[0] ?? ''));
  if (addr === undefined) return failWith(ctx, `Error: inet address is expected rather than "${args[0] ?? ''}".`, 1);
  const devAt = args.indexOf('dev');
  const devName = devAt >= 0 ? args[devAt + 1] : undefined;
  if (devName === undefined) return failWith(ctx, 'Device and destination are required arguments.', 255);
  const dev = linkByName(p.netns, devName);
  if (!dev) return failWith(ctx, o.busybox ? `ip: can't find device '${devName}'` : `Cannot find device "${devName}"`);
  if (verb === 'del' || verb === 'delete') {
    const err = deleteNeighbour(p.netns, dev, addr);
    return err ? failWith(ctx, rtnetlinkAnswer(o, err), 2) : 0;
  }
  const llAt = args.indexOf('lladdr');
  const mac = llAt >= 0 ? parseLladdr(args[llAt + 1] ?? '') : undefined;
  if (!mac) return failWith(ctx, `"${llAt >= 0 ? (args[llAt + 1] ?? '') : ''}" is invalid lladdr.`, 255);
  const nudAt = args.indexOf('nud');
  const permanent = nudAt < 0 || args[nudAt + 1] === 'permanent';
  const spec = { dev, addr, mac, permanent };
  const err = verb === 'add' ? addNeighbour(p.netns, spec) : replaceNeighbour(p.netns, spec);
  return err ? failWith(ctx, rtnetlinkAnswer(o, err), 2) : 0;
}

/** ip neigh [show] [dev DEV]: the neighbour table. */
function showNeigh(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const rest = args[0] === 'show' || args[0] === 'list' || args[0] === 'ls' ? args.slice(1) : args;
  if (rest[0] !== undefined && rest[0] !== 'dev') {
    if (['add', 'del', 'replace', 'change', 'flush'].includes(rest[0])) {
      if (p.container) return failWith(ctx, o.busybox ? 'ip: RTNETLINK answers: Operation not permitted' : 'RTNETLINK answers: Operation not permitted', 2);
    }
  }
  const devName = rest[0] === 'dev' ? rest[1] : undefined;
  const dev = devName !== undefined ? linkByName(p.netns, devName) : undefined;
  if (devName !== undefined && !dev) return failWith(ctx, o.busybox ? `ip: can't find device '${devName}'` : `Cannot find device "${devName}"`);
  const now = p.kernel.clock.now();
  const lines = neighbours(p.netns, dev)
    .filter((e) => e.dev.kind !== 'loopback')
    .map((e) => {
      const state = nudState(e, now);
      const where = dev ? '' : ` dev ${e.dev.name}`;
      const ll = e.mac && state !== 'INCOMPLETE' && state !== 'FAILED' ? ` lladdr ${formatHwAddr(e.mac)}` : '';
      if (o.busybox) return `${formatIp(e.addr)}${where}${ll} ref 1 used 0/0/0 probes ${e.probes} ${state}`;
      return `${formatIp(e.addr)}${where}${ll} ${state} `;
    });
  if (lines.length) ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** ip route get ADDR: the route the kernel would use. */
function routeGet(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const target = args.find((a) => a !== 'to');
  const dst = target === undefined ? undefined : parseIp(target);
  if (target === undefined && !o.busybox) return failWith(ctx, 'need at least a destination address', 1);
  if (dst === undefined) return failWith(ctx, o.busybox ? `ip: invalid argument '${target ?? ''}' to 'to'` : `Error: any valid prefix is expected rather than "${target ?? ''}".`, 1);
  const r = routeLookup(p.netns, dst);
  if (r.kind === 'unreachable') return failWith(ctx, 'RTNETLINK answers: Network is unreachable', 2);
  if (r.kind === 'local') {
    const dev = p.netns.links.find((l) => l.addrs.some((a) => a.addr === dst)) ?? loopback(p.netns);
    const name = dst >>> 24 === 127 ? 'lo' : dev.name;
    ctx.io.stdout(o.busybox ? `local ${formatIp(dst)} dev ${name}  src ${formatIp(dst)} \n` : `local ${formatIp(dst)} dev ${name} src ${formatIp(dst)} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const via = r.nexthop !== dst ? `via ${formatIp(r.nexthop)} ` : '';
  ctx.io.stdout(o.busybox ? `${formatIp(dst)} ${via}dev ${r.dev.name}  src ${formatIp(r.src)} \n` : `${formatIp(dst)} ${via}dev ${r.dev.name} src ${formatIp(r.src)} uid 0 \n    cache \n`);
  return 0;
}

/** CAP_NET_ADMIN: the host's root has it; a container only when given it. */
function mayAdminister(p: Proc): boolean {
  return !p.container || p.container.config.netAdmin === true;
}

/** The destination of `ip route add|del`: "default", a prefix, or a bare address (a /32). */
function routeDestination(word: string | undefined): Prefix | undefined {
  if (word === undefined) return undefined;
  if (word === 'default' || word === '0.0.0.0/0') return DEFAULT_DST;
  const prefix = parsePrefix(word);
  return prefix && { addr: networkOf(prefix.addr, prefix.len), len: prefix.len };
}

/** ip route add|del DST [via GW] [dev DEV] [metric N]: any route of the namespace's main table. */
function routeChange(p: Proc, verb: 'add' | 'del', args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const denied = o.busybox ? 'ip: RTNETLINK answers: Operation not permitted' : 'RTNETLINK answers: Operation not permitted';
  const target = args[0] === 'to' ? args[1] : args[0];
  const dst = routeDestination(target);
  if (!dst) return failWith(ctx, o.busybox ? `ip: bad address '${target ?? ''}'` : `Error: inet prefix is expected rather than "${target ?? ''}".`, o.busybox ? 1 : 1);
  if (!mayAdminister(p)) return failWith(ctx, denied, 2);
  const viaAt = args.indexOf('via');
  const devAt = args.indexOf('dev');
  const metricAt = args.indexOf('metric');
  const via = viaAt >= 0 ? parseIp(args[viaAt + 1] ?? '') : undefined;
  if (viaAt >= 0 && via === undefined) return failWith(ctx, o.busybox ? `ip: bad address '${args[viaAt + 1] ?? ''}'` : `Error: inet address is expected rather than "${args[viaAt + 1] ?? ''}".`);
  let dev = devAt >= 0 ? linkByName(p.netns, args[devAt + 1] ?? '') : undefined;
  if (devAt >= 0 && !dev) return failWith(ctx, o.busybox ? `ip: can't find device '${args[devAt + 1] ?? ''}'` : `Cannot find device "${args[devAt + 1] ?? ''}"`);
  const metric = metricAt >= 0 ? Number(args[metricAt + 1]) : undefined;
  if (metric !== undefined && !Number.isInteger(metric)) return failWith(ctx, `Error: argument "${args[metricAt + 1] ?? ''}" is wrong: "metric" value is invalid\n`, 255);
  if (verb === 'del') {
    const err = deleteRoute(p.netns, { dst, ...(via !== undefined ? { via } : {}), ...(dev ? { dev } : {}), ...(metric !== undefined ? { metric } : {}) });
    return err ? failWith(ctx, rtnetlinkAnswer(o, err), 2) : 0;
  }
  if (via !== undefined) {
    // The gateway must be on a connected network; the device is the one that reaches it.
    const found = routeLookup(p.netns, via);
    const reaches = found.kind === 'unicast' && found.nexthop === via && (!dev || found.dev === dev) ? found.dev : undefined;
    if (!reaches) return failWith(ctx, o.busybox ? 'ip: RTNETLINK answers: Network is unreachable' : 'Error: Nexthop has invalid gateway.', 2);
    dev = reaches;
  }
  if (!dev) return failWith(ctx, o.busybox ? 'ip: need "dev" argument' : 'Error: either "to" is duplicate, or "default" is a garbage.', 2);
  if (!dev.up) return failWith(ctx, o.busybox ? rtnetlinkAnswer(o, 'ENETDOWN') : 'Error: Device for nexthop is not up.', 2);
  // iproute2 adds routes with RTPROT_BOOT, which `ip route` does not print.
  const route = {
    dst,
    ...(via !== undefined ? { via } : {}),
    dev,
    proto: 'boot' as const,
    scope: via !== undefined ? ('global' as const) : ('link' as const),
    ...(metric !== undefined ? { metric } : {}),
  };
  const err = addRoute(p.netns, route);
  return err ? failWith(ctx, rtnetlinkAnswer(o, err), 2) : 0;
}

/** How iproute2 (or busybox ip) reports a kernel error. */
function rtnetlinkAnswer(o: Opts, err: Errno): string {
  return `${o.busybox ? 'ip: ' : ''}RTNETLINK answers: ${strerror(err)}`;
}

/** ip addr add|del PREFIX [brd +|-|ADDR] dev DEV: an IPv4 address on a device of this namespace. */
function addrChange(p: Proc, verb: 'add' | 'del', args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  let local: string | undefined;
  let devName: string | undefined;
  let brdWord: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === 'dev' || a === 'brd' || a === 'broadcast' || a === 'local') {
      const v = args[++i];
      if (v === undefined) return failWith(ctx, 'Command line is not complete. Try option "help"', 255);
      if (a === 'dev') devName = v;
      else if (a === 'local') local = v;
      else brdWord = v;
    } else if (a === 'scope' || a === 'label' || a === 'valid_lft' || a === 'preferred_lft') i++;
    else local ??= a;
  }
  const prefix = parsePrefix(local ?? '');
  if (!prefix) return failWith(ctx, `Error: any valid prefix is expected rather than "${local ?? ''}".`);
  if (devName === undefined) return failWith(ctx, 'Not enough information: "dev" argument is required.');
  const l = linkByName(p.netns, devName);
  if (!l) return failWith(ctx, o.busybox ? `ip: can't find device '${devName}'` : `Cannot find device "${devName}"`);
  if (!mayAdminister(p)) return failWith(ctx, rtnetlinkAnswer(o, 'EPERM'), 2);
  const len = prefix.len === 32 && !(local ?? '').includes('/') ? 32 : prefix.len;
  if (verb === 'del') {
    const err = deleteAddress(l, prefix.addr, (local ?? '').includes('/') ? len : undefined);
    return err ? failWith(ctx, o.busybox ? rtnetlinkAnswer(o, err) : 'Error: ipv4: Address not found.', 2) : 0;
  }
  // `brd +` is the subnet's broadcast address, `brd -` none; without it, no broadcast address.
  const brd = brdWord === '+' ? broadcastOf(prefix.addr, len) : brdWord === undefined || brdWord === '-' ? undefined : parseIp(brdWord);
  const err = addAddress(l, { addr: prefix.addr, len, scope: prefix.addr >>> 24 === 127 ? 'host' : 'global', ...(brd !== undefined ? { brd } : {}) });
  return err ? failWith(ctx, o.busybox ? rtnetlinkAnswer(o, err) : 'Error: ipv4: Address already assigned.', 2) : 0;
}

const OBJECTS = ['address', 'link', 'route', 'neighbour', 'netns'];

/** Match an abbreviated object name the way iproute2 does (a, addr, l, r, ro, n, neigh). */
/** `ip -o`: a link is one line; each address is one line prefixed with "N: name". */
function onelineEntries(p: Proc, l: Link, o: Opts, mode: 'addr' | 'link'): string[] {
  if (mode === 'link') {
    const parts = [header(l, o, mode), linkLine(p, l, o)];
    if (l.altname && !o.busybox) parts.push(`    altname ${l.altname}`);
    return [parts.join('\\')];
  }
  const lines = addrLines(p, l, o);
  const out: string[] = [];
  // Each address is two lines (the address, then its lifetimes), joined as one.
  for (let i = 0; i + 1 < lines.length; i += 2) out.push(`${l.ifindex}: ${l.name}${(lines[i] ?? '').trimEnd()}\\${lines[i + 1] ?? ''}`);
  return out;
}

function objectOf(word: string): string | undefined {
  if (word === 'a') return 'address';
  if (word === 'neigh' || word === 'n') return 'neighbour';
  return OBJECTS.find((o) => o.startsWith(word));
}

/** iproute2's matches(): the word typed is a prefix of the keyword. */
function matches(word: string | undefined, keyword: string): boolean {
  return word !== undefined && word.length > 0 && keyword.startsWith(word);
}

/** ip link [add|set|delete|show …] (do_iplink's order of matching). */
function ipLink(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const sub = args[0];
  if (sub === undefined) return showAddr(p, args, o, ctx, 'link');
  const rest = args.slice(1);
  if (matches(sub, 'add')) return linkAdd(p, ctx, rest);
  if (matches(sub, 'change') || matches(sub, 'set')) return linkSet(p, ctx, rest);
  if (matches(sub, 'delete')) return linkDelete(p, ctx, rest);
  if (o.busybox || matches(sub, 'show') || matches(sub, 'lst') || matches(sub, 'list')) return showAddr(p, args, o, ctx, 'link');
  return failWith(ctx, `Command "${sub}" is unknown, try "ip link help".`, 255);
}

/** ip address [add|delete|show …]. */
function ipAddress(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const sub = args[0];
  if (matches(sub, 'add')) return addrChange(p, 'add', args.slice(1), o, ctx);
  if (matches(sub, 'delete')) return addrChange(p, 'del', args.slice(1), o, ctx);
  return showAddr(p, args, o, ctx, 'addr');
}

/** The ip program; `-n NAME` works in that namespace, `ip netns exec` runs others in one. */
export const ip: Main = async (proc, ctx, exec) => {
  let p = proc;
  const o: Opts = { brief: false, busybox: p.toolset === 'busybox' };
  // busybox's ip_parse_common_args shows the usage for any option it does not know (-s, -br …).
  const args = ctx.argv.slice(1);
  for (let f = args[0]; f?.startsWith('-'); f = args[0]) {
    args.shift();
    if (f === '-4') o.family = 4;
    else if (f === '-6') o.family = 6;
    else if ((f === '-br' || f === '-brief') && !o.busybox) o.brief = true;
    else if (f === '-o' || f === '-oneline') o.oneline = true;
    else if ((f === '-s' || f === '-stats' || f === '-statistics') && !o.busybox) o.stats = (o.stats ?? 0) + 1;
    else if (f === '-c' || f === '-color' || f === '--color' || f.startsWith('-color=')) continue;
    else if ((f === '-n' || f === '-netns') && !o.busybox) {
      const name = args.shift();
      const ns = name === undefined ? undefined : namedNetns(p, name);
      if (!ns) return failWith(ctx, `Cannot open network namespace "${name ?? '(null)'}": No such file or directory`, 255);
      p = { ...p, netns: ns };
    } else return failWith(ctx, o.busybox ? BUSYBOX_IP_USAGE : `Option "${f}" is unknown, try "ip -help".`, o.busybox ? 1 : 255);
  }
  const word = args.shift();
  if (word === undefined) {
    return failWith(
      ctx,
      o.busybox
        ? BUSYBOX_IP_USAGE
        : 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }',
      o.busybox ? 1 : 255,
    );
  }
  const object = objectOf(word);
  const sub = args[0];
  switch (object) {
    case 'address':
      return ipAddress(p, args, o, ctx);
    case 'link':
      return ipLink(p, args, o, ctx);
    case 'route':
      if (sub === 'get') return routeGet(p, args.slice(1), o, ctx);
      if (sub === 'add' || sub === 'del' || sub === 'delete') return routeChange(p, sub === 'add' ? 'add' : 'del', args.slice(1), o, ctx);
      return showRoutes(p, ctx, o);
    case 'neighbour':
      if (sub === 'add' || sub === 'del' || sub === 'delete' || sub === 'replace') return neighChange(p, sub, args.slice(1), o, ctx);
      return showNeigh(p, args, o, ctx);
    case 'netns':
      if (!o.busybox) return ipNetns(p, ctx, exec, args);
  }
  return failWith(ctx, o.busybox ? `ip: unknown command '${word}'` : `Object "${word}" is unknown, try "ip help".`, o.busybox ? 1 : 1);
};
