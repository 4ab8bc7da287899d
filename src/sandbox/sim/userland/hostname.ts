/** hostname: the UTS name (setting it needs CAP_SYS_ADMIN, which containers lack). */
import { procHostname } from './proc.ts';
import { failWith, type Tool } from './registry.ts';
import { formatIp } from '../kernel/ipv4.ts';

/** The hostname program; -i/-I print addresses as net-tools' hostname does. */
export const hostname: Tool = async (p, ctx) => {
  const arg = ctx.argv[1];
  if (arg === '-I' || arg === '-i') {
    const addrs = p.netns.links.filter((l) => l.kind !== 'loopback').flatMap((l) => l.addrs.map((a) => formatIp(a.addr)));
    ctx.io.stdout(arg === '-I' ? addrs.join(' ') + ' \n' : (addrs[0] ?? '127.0.1.1') + '\n');
    return 0;
  }
  if (arg !== undefined && !arg.startsWith('-')) {
    return failWith(ctx, p.toolset === 'busybox' ? 'hostname: sethostname: Operation not permitted' : 'hostname: you must be root to change the host name');
  }
  ctx.io.stdout(procHostname(p) + '\n');
  return 0;
};
