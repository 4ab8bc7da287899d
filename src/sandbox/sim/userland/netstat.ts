/**
 * netstat (net-tools on hosts, the busybox applet in busybox images): listening sockets (-tlnu,
 * -p for the owning process) and the routing table (-r).
 */
import { formatIp } from '../kernel/ipv4.ts';
import type { Tool } from './registry.ts';
import { netstatRoutes } from './route.ts';

/** The netstat program. */
export const netstat: Tool = async (p, ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .join('');
  if (flags.includes('r')) {
    ctx.io.stdout(netstatRoutes(p));
    return 0;
  }
  const bb = p.toolset === 'busybox';
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u');
  const withProcess = flags.includes('p');
  const sockets = p.netns.sockets.filter((s) => (s.proto === 'tcp' && tcp) || (s.proto === 'udp' && udp));
  const ordered = [...sockets.filter((s) => s.proto === 'tcp' && !s.v6), ...sockets.filter((s) => s.proto === 'tcp' && s.v6), ...sockets.filter((s) => s.proto === 'udp')];
  // net-tools pads State to 11 columns, busybox to 12.
  const stateWidth = bb ? 12 : 11;
  const rows = ordered.map((s) => {
    const local = s.v6 ? `:::${s.port}` : `${formatIp(s.addr)}:${s.port}`;
    const foreign = s.v6 ? ':::*' : '0.0.0.0:*';
    const proto = s.v6 && !bb ? `${s.proto}6` : s.proto;
    const process = withProcess ? `${1000 + (s.port % 7000)}/${s.process}` : '';
    return `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${(s.proto === 'tcp' ? 'LISTEN' : '').padEnd(stateWidth)}${process}`;
  });
  const header = `Proto Recv-Q Send-Q Local Address           Foreign Address         ${'State'.padEnd(stateWidth)}${withProcess ? 'PID/Program name    ' : ''}`;
  ctx.io.stdout(['Active Internet connections (only servers)', header, ...rows].join('\n') + '\n');
  return 0;
};
