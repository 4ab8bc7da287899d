/**
 * ifconfig in its two looks: net-tools 2.10 (hosts, and images after installing net-tools) and
 * the busybox applet, whose older layout (`Link encap:Ethernet  HWaddr …`) many tutorials show.
 */
import { formatHwAddr, linkLocalIpv6 } from '../kernel/hwaddr.ts';
import { broadcastOf, formatIp, maskOf } from '../kernel/ipv4.ts';
import { IFF, ifFlags, type Link } from '../kernel/link.ts';
import { linkByName } from '../kernel/netns.ts';
import { setLinkUp } from '../kernel/rtnetlink/links.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';

/** net-tools' byte scaling: one decimal, binary units, "B" below 1 KiB. */
function netToolsBytes(n: number): string {
  const units: [number, string][] = [
    [1125899906842624, 'PiB'],
    [1099511627776, 'TiB'],
    [1073741824, 'GiB'],
    [1048576, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (n > size) {
      const tenths = Math.floor((n * 10) / size);
      return `${Math.floor(tenths / 10)}.${tenths % 10} ${unit}`;
    }
  }
  return `${n}.0 B`;
}

/** Busybox's scaling: integer part and truncated tenth. */
function busyboxBytes(n: number): string {
  let int = n;
  let frac = 0;
  let ext = 0;
  for (let i = 0; i < 4; i++) {
    if (int >= 1024) {
      frac = Math.floor(((int % 1024) * 10) / 1024);
      int = Math.floor(int / 1024);
      ext++;
    }
  }
  return `${int}.${frac} ${['', 'Ki', 'Mi', 'Gi', 'Ti'][ext]}B`;
}

function flagNames(f: number): string {
  const names: string[] = [];
  if (f & IFF.UP) names.push('UP');
  if (f & IFF.BROADCAST) names.push('BROADCAST');
  if (f & IFF.LOOPBACK) names.push('LOOPBACK');
  if (f & IFF.RUNNING) names.push('RUNNING');
  if (f & IFF.MULTICAST) names.push('MULTICAST');
  return names.join(',');
}

function ipv6On(l: Link): boolean {
  return l.ns.sysctl.get('net.ipv6.conf.all.disable_ipv6') !== '1';
}

function netTools(l: Link): string {
  const f = ifFlags(l);
  const lines = [`${l.name}: flags=${f}<${flagNames(f)}>  mtu ${l.mtu}`];
  for (const a of l.addrs) {
    let s = `        inet ${formatIp(a.addr)}  netmask ${formatIp(maskOf(a.len))}`;
    if (l.kind !== 'loopback') s += `  broadcast ${formatIp(broadcastOf(a.addr, a.len))}`;
    lines.push(s);
  }
  if (l.kind === 'loopback' && l.up && ipv6On(l)) lines.push('        inet6 ::1  prefixlen 128  scopeid 0x10<host>');
  else if (l.ipv6LinkLocal) lines.push(`        inet6 ${linkLocalIpv6(l.mac)}  prefixlen 64  scopeid 0x20<link>`);
  if (l.kind === 'loopback') lines.push(`        loop  txqueuelen ${l.txqlen}  (Local Loopback)`);
  else lines.push(`        ether ${formatHwAddr(l.mac)}  txqueuelen ${l.txqlen}  (Ethernet)`);
  const s = l.stats;
  lines.push(
    `        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${netToolsBytes(s.rxBytes)})`,
    `        RX errors 0  dropped ${s.rxDropped}  overruns 0  frame 0`,
    `        TX packets ${s.txPackets}  bytes ${s.txBytes} (${netToolsBytes(s.txBytes)})`,
    `        TX errors 0  dropped ${s.txDropped} overruns 0  carrier 0  collisions 0`,
  );
  return lines.join('\n') + '\n\n';
}

function busybox(l: Link): string {
  const f = ifFlags(l);
  const lines: string[] = [];
  if (l.kind === 'loopback') lines.push(`${l.name.padEnd(9)} Link encap:Local Loopback  `);
  else lines.push(`${l.name.padEnd(9)} Link encap:Ethernet  HWaddr ${formatHwAddr(l.mac).toUpperCase()}  `);
  for (const a of l.addrs.slice(0, 1)) {
    let s = `          inet addr:${formatIp(a.addr)} `;
    if (f & IFF.BROADCAST) s += ` Bcast:${formatIp(broadcastOf(a.addr, a.len))} `;
    lines.push(`${s} Mask:${formatIp(maskOf(a.len))}`);
  }
  if (l.kind === 'loopback' && l.up && ipv6On(l)) lines.push('          inet6 addr: ::1/128 Scope:Host');
  else if (l.ipv6LinkLocal) lines.push(`          inet6 addr: ${linkLocalIpv6(l.mac)}/64 Scope:Link`);
  const names = flagNames(f).split(',').filter(Boolean);
  lines.push(`          ${names.map((n) => n + ' ').join('')} MTU:${l.mtu}  Metric:1`);
  const s = l.stats;
  lines.push(
    `          RX packets:${s.rxPackets} errors:0 dropped:${s.rxDropped} overruns:0 frame:0`,
    `          TX packets:${s.txPackets} errors:0 dropped:${s.txDropped} overruns:0 carrier:0`,
    `          collisions:0 txqueuelen:${l.txqlen} `,
    `          RX bytes:${s.rxBytes} (${busyboxBytes(s.rxBytes)})  TX bytes:${s.txBytes} (${busyboxBytes(s.txBytes)})`,
  );
  return lines.join('\n') + '\n\n';
}

/** Both tools list interfaces sorted by name (their interface lists are kept sorted). */
function byName(a: Link, b: Link): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true });
}

/** The ifconfig program. */
export const ifconfig: Tool = async (p: Proc, ctx) => {
  const bb = p.toolset === 'busybox';
  const args = ctx.argv.slice(1);
  const all = args.includes('-a');
  const names = args.filter((a) => !a.startsWith('-'));
  const render = bb ? busybox : netTools;
  const [name] = names;
  if (name !== undefined) {
    const l = linkByName(p.netns, name);
    if (!l) return failWith(ctx, bb ? `ifconfig: ${name}: error fetching interface information: Device not found` : `${name}: error fetching interface information: Device not found`);
    if (names.length > 1) {
      if (p.container) return failWith(ctx, bb ? 'ifconfig: SIOCSIFFLAGS: Operation not permitted' : 'SIOCSIFFLAGS: Operation not permitted');
      if (names[1] === 'up') setLinkUp(l, true);
      else if (names[1] === 'down') setLinkUp(l, false);
      return 0;
    }
    ctx.io.stdout(render(l));
    return 0;
  }
  const links = p.netns.links.filter((l) => all || l.up).sort(byName);
  ctx.io.stdout(links.map(render).join(''));
  return 0;
};
