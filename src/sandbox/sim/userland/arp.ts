/** arp -n (net-tools and busybox): the neighbour table the kernel keeps, as `ip neigh` shows it too. */
import { formatHwAddr } from '../kernel/hwaddr.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { neighbours, nudState } from '../kernel/neighbour.ts';
import { linkByName } from '../kernel/netns.ts';
import { failWith, type Tool } from './registry.ts';
import { reverseLookup } from './resolve.ts';

/** The arp program. */
export const arp: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  const i = args.indexOf('-i');
  const devName = i >= 0 ? args[i + 1] : undefined;
  const dev = devName !== undefined ? linkByName(p.netns, devName) : undefined;
  if (devName !== undefined && !dev) return failWith(ctx, `SIOCGIFINDEX: No such device`, 255);
  const now = p.kernel.clock.now();
  const entries = neighbours(p.netns, dev).filter((e) => e.dev.kind !== 'loopback');
  if (p.toolset === 'busybox') {
    // busybox arp names each entry as getnameinfo does (a PTR lookup) unless -n.
    const named = (addr: number) => (args.includes('-n') ? '?' : (reverseLookup(p, addr) ?? '?'));
    ctx.io.stdout(entries.map((e) => `${named(e.addr)} (${formatIp(e.addr)}) at ${e.mac ? `${formatHwAddr(e.mac)} [ether] ` : '<incomplete> '} on ${e.dev.name}\n`).join(''));
    return 0;
  }
  if (entries.length === 0) {
    ctx.io.stdout(devName !== undefined ? `arp: in 0 entries no match found.\n` : '');
    return 0;
  }
  const rows = entries.map((e) => {
    const state = nudState(e, now);
    const mac = state !== 'FAILED' && state !== 'INCOMPLETE' ? e.mac : undefined;
    const complete = mac !== undefined;
    return `${formatIp(e.addr).padEnd(25)}${(complete ? 'ether' : '').padEnd(8)}${(complete ? formatHwAddr(mac) : '(incomplete)').padEnd(20)}${(complete ? (e.permanent ? 'CM' : 'C') : '').padEnd(6)}${''.padEnd(16)}${e.dev.name}\n`;
  });
  ctx.io.stdout(`Address                  HWtype  HWaddress           Flags Mask            Iface\n${rows.join('')}`);
  return 0;
};
