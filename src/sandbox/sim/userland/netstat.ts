/** netstat -tln / -uln: the listening sockets of the process's namespace (busybox and net-tools layout). */
import { formatIp } from '../kernel/ipv4.ts';
import type { Tool } from './registry.ts';

/** The netstat program (listening sockets only). */
export const netstat: Tool = async (p, ctx) => {
  const flags = ctx.argv.slice(1).join('');
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u');
  const rows = p.netns.sockets
    .filter((s) => (s.proto === 'tcp' && tcp) || (s.proto === 'udp' && udp))
    .map((s) => {
      const local = s.v6 ? `:::${s.port}` : `${formatIp(s.addr)}:${s.port}`;
      const foreign = s.v6 ? ':::*' : '0.0.0.0:*';
      const proto = s.v6 && p.toolset !== 'busybox' ? `${s.proto}6` : s.proto;
      return `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${(s.proto === 'tcp' ? 'LISTEN' : '').padEnd(12)}`;
    });
  ctx.io.stdout(['Active Internet connections (only servers)', `Proto Recv-Q Send-Q Local Address           Foreign Address         State       `, ...rows].join('\n') + '\n');
  return 0;
};
