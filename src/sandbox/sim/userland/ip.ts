/**
 * ip (iproute2 on hosts and Debian images, the busybox applet in busybox/alpine): addr, link,
 * route and neigh listings computed from the namespace's devices, plus `link set` and `addr add`.
 * Busybox differs in the header line (no state/group, M-DOWN for peers it cannot see) and in
 * route lines.
 */
import { formatHwAddr, linkLocalIpv6, type HwAddr } from '../kernel/hwaddr.ts';
import { addNeighbour, deleteNeighbour, replaceNeighbour } from '../kernel/rtnetlink/neighbours.ts';
import { broadcastOf, formatIp, formatPrefix, networkOf, parsePrefix, type Prefix } from '../kernel/ipv4.ts';
import { linkFlagNames, operState, type Link } from '../kernel/link.ts';
import { strerror, type Errno } from '../kernel/errno.ts';
import { linkByIndex, linkByName, loopback, peerNetnsId } from '../kernel/netns.ts';
import { addAddress } from '../kernel/rtnetlink/addresses.ts';
import { setLinkMaster, setLinkUp } from '../kernel/rtnetlink/links.ts';
import { addRoute, DEFAULT_DST, deleteRoute } from '../kernel/rtnetlink/routes.ts';
import { isLinkDown, mainTable, routeLookup, type Route } from '../kernel/route.ts';
import { neighbours, nudState } from '../kernel/neighbour.ts';
import { parseIp } from '../kernel/ipv4.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';

interface Opts {
  family?: 4 | 6;
  brief: boolean;
  busybox: boolean;
  /** -o: one line per entry, continuation lines joined with a backslash. */
  oneline?: boolean;
}

/** "name@peer" as the header shows it: @ifN for a peer in another namespace. */
function displayName(l: Link): string {
  if (!l.peer) return l.name;
  if (l.peer.ns === l.ns) return `${l.name}@${l.peer.name}`;
  return `${l.name}@if${l.peer.ifindex}`;
}

function header(l: Link, o: Opts, mode: 'addr' | 'link'): string {
  const flags = linkFlagNames(l);
  if (o.busybox && l.peer && l.peer.ns !== l.ns) {
    // Busybox looks the peer index up in its own namespace; not finding it, it reports M-DOWN.
    const same = linkByIndex(l.ns, l.peer.ifindex);
    if (!same?.up) flags.push('M-DOWN');
  }
  let s = `${l.ifindex}: ${displayName(l)}: <${flags.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc} `;
  if (l.master) s += `master ${l.master.name} `;
  if (o.busybox) return s + (l.txqlen ? `qlen ${l.txqlen}` : '');
  s += `state ${operState(l)} `;
  if (mode === 'link') s += 'mode DEFAULT ';
  s += 'group default ';
  if (l.txqlen) s += `qlen ${l.txqlen}`;
  return s;
}

function linkLine(l: Link, o: Opts): string {
  const type = l.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  let s = `    link/${type} ${formatHwAddr(l.mac)} brd ${brd}`;
  if (!o.busybox && l.peer && l.peer.ns !== l.ns) s += ` link-netnsid ${peerNetnsId(l.ns, l.peer.ns)}`;
  return s;
}

function lifetime(p: Proc, dynamic: boolean | undefined): string {
  if (!dynamic) return '       valid_lft forever preferred_lft forever';
  const left = Math.max(0, 86400 - Math.floor((p.kernel.clock.now() - p.kernel.bootedAt) / 1000) % 86400);
  return `       valid_lft ${left}sec preferred_lft ${left}sec`;
}

function addrLines(p: Proc, l: Link, o: Opts): string[] {
  const out: string[] = [];
  if (o.family !== 6) {
    for (const a of l.addrs) {
      let s = `    inet ${formatIp(a.addr)}/${a.len} `;
      if (a.len < 31 && l.kind !== 'loopback') s += `brd ${formatIp(broadcastOf(a.addr, a.len))} `;
      s += `scope ${a.scope} ${a.dynamic ? 'dynamic ' : ''}${l.name}`;
      out.push(s, lifetime(p, a.dynamic));
    }
  }
  if (o.family !== 4 && !o.busybox || (o.busybox && o.family !== 4)) {
    if (l.kind === 'loopback' && l.ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') !== '1' && l.up) {
      out.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever');
    } else if (l.ipv6LinkLocal) {
      out.push(`    inet6 ${linkLocalIpv6(l.mac)}/64 scope link `, '       valid_lft forever preferred_lft forever');
    }
  }
  return out;
}

function briefLine(l: Link, mode: 'addr' | 'link'): string {
  const name = l.peer && l.peer.ns !== l.ns ? `${l.name}@if${l.peer.ifindex}` : l.name;
  const state = operState(l);
  if (mode === 'link') return `${name.padEnd(16)} ${state.padEnd(14)} ${formatHwAddr(l.mac)} <${linkFlagNames(l).join(',')}> `;
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
      links = links.filter((l) => (t === 'veth' ? l.kind === 'veth' : t === 'bridge' ? l.kind === 'bridge' : false));
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
    if (!(mode === 'addr' && o.family !== undefined)) out.push(linkLine(l, o));
    if (l.altname && !o.busybox && !(mode === 'addr' && o.family !== undefined)) out.push(`    altname ${l.altname}`);
    if (mode === 'addr') out.push(...addrLines(p, l, o));
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

/** A MAC address as `ip neigh ... lladdr` takes it (aa:bb:cc:dd:ee:ff). */
function parseLladdr(text: string): HwAddr | undefined {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((x) => !/^[0-9a-fA-F]{1,2}$/.test(x))) return undefined;
  return parts.map((x) => parseInt(x, 16));
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

function linkSet(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const name = args[0] === 'dev' ? args[1] : args[0];
  const l = name === undefined ? undefined : linkByName(p.netns, name);
  if (!l) return failWith(ctx, o.busybox ? `ip: can't find device '${name ?? ''}'` : `Cannot find device "${name ?? ''}"`);
  if (!mayAdminister(p)) return failWith(ctx, o.busybox ? 'ip: SIOCSIFFLAGS: Operation not permitted' : 'RTNETLINK answers: Operation not permitted', 2);
  const masterAt = args.indexOf('master');
  if (masterAt >= 0) {
    const brName = args[masterAt + 1] ?? '';
    const br = linkByName(p.netns, brName);
    if (!br) return failWith(ctx, o.busybox ? `ip: can't find device '${brName}'` : `Cannot find device "${brName}"`);
    const err = setLinkMaster(l, br);
    if (err) return failWith(ctx, `RTNETLINK answers: ${strerror(err)}`, 2);
  }
  if (args.includes('nomaster')) setLinkMaster(l, undefined);
  if (args.includes('up')) setLinkUp(l, true);
  if (args.includes('down')) setLinkUp(l, false);
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
  // iproute2 adds routes with RTPROT_BOOT, which `ip route` does not print.
  const route = { dst, ...(via !== undefined ? { via } : {}), dev, proto: 'boot' as const, scope: via !== undefined ? ('global' as const) : ('link' as const), ...(metric !== undefined ? { metric } : {}) };
  const err = addRoute(p.netns, route);
  return err ? failWith(ctx, rtnetlinkAnswer(o, err), 2) : 0;
}

/** How iproute2 (or busybox ip) reports a kernel error. */
function rtnetlinkAnswer(o: Opts, err: Errno): string {
  return `${o.busybox ? 'ip: ' : ''}RTNETLINK answers: ${strerror(err)}`;
}

function addrAdd(p: Proc, args: string[], o: Opts, ctx: Parameters<Tool>[1]): number {
  const prefix = parsePrefix(args[0] ?? '');
  const devIdx = args.indexOf('dev');
  const l = devIdx >= 0 ? linkByName(p.netns, args[devIdx + 1] ?? '') : undefined;
  if (!prefix) return failWith(ctx, `Error: any valid prefix is expected rather than "${args[0] ?? ''}".`);
  if (!l) return failWith(ctx, o.busybox ? `ip: can't find device '${args[devIdx + 1] ?? ''}'` : `Cannot find device "${args[devIdx + 1] ?? ''}"`);
  if (p.container) return failWith(ctx, 'RTNETLINK answers: Operation not permitted', 2);
  const err = addAddress(l, { addr: prefix.addr, len: prefix.len === 32 && !(args[0] ?? '').includes('/') ? 32 : prefix.len, scope: 'global' });
  return err ? failWith(ctx, `RTNETLINK answers: ${strerror(err)}`, 2) : 0;
}

const OBJECTS = ['address', 'link', 'route', 'neighbour'];

/** Match an abbreviated object name the way iproute2 does (a, addr, l, r, ro, n, neigh). */
/** `ip -o`: a link is one line; each address is one line prefixed with "N: name". */
function onelineEntries(p: Proc, l: Link, o: Opts, mode: 'addr' | 'link'): string[] {
  if (mode === 'link') {
    const parts = [header(l, o, mode), linkLine(l, o)];
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

/** The ip program. */
export const ip: Tool = async (p, ctx) => {
  const o: Opts = { brief: false, busybox: p.toolset === 'busybox' };
  const args = ctx.argv.slice(1);
  for (let f = args[0]; f?.startsWith('-'); f = args[0]) {
    args.shift();
    if (f === '-4') o.family = 4;
    else if (f === '-6') o.family = 6;
    else if ((f === '-br' || f === '-brief') && !o.busybox) o.brief = true;
    else if (f === '-o' || f === '-oneline') o.oneline = true;
    else if (f === '-c' || f === '-color' || f === '--color' || f.startsWith('-color=')) continue;
    else return failWith(ctx, o.busybox ? `ip: invalid option -- '${f.slice(1)}'` : `Option "${f}" is unknown, try "ip -help".`, o.busybox ? 1 : 255);
  }
  const word = args.shift();
  if (word === undefined) {
    return failWith(ctx, o.busybox
      ? 'BusyBox v1.36.1 (2023-07-17 18:29:09 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]'
      : 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }', o.busybox ? 1 : 255);
  }
  const object = objectOf(word);
  const sub = args[0];
  switch (object) {
    case 'address':
      if (sub === 'add') return addrAdd(p, args.slice(1), o, ctx);
      return showAddr(p, args, o, ctx, 'addr');
    case 'link':
      if (sub === 'set') return linkSet(p, args.slice(1), o, ctx);
      return showAddr(p, args, o, ctx, 'link');
    case 'route':
      if (sub === 'get') return routeGet(p, args.slice(1), o, ctx);
      if (sub === 'add' || sub === 'del' || sub === 'delete') return routeChange(p, sub === 'add' ? 'add' : 'del', args.slice(1), o, ctx);
      return showRoutes(p, ctx, o);
    case 'neighbour':
      if (sub === 'add' || sub === 'del' || sub === 'delete' || sub === 'replace') return neighChange(p, sub, args.slice(1), o, ctx);
      return showNeigh(p, args, o, ctx);
  }
  return failWith(ctx, o.busybox ? `ip: unknown command '${word}'` : `Object "${word}" is unknown, try "ip help".`, o.busybox ? 1 : 1);
};
