/**
 * route -n and netstat -r (net-tools, busybox): the main routing table in the old ioctl-era
 * layout, computed from the same FIB `ip route` prints.
 */
import { formatIp, maskOf } from '../kernel/ipv4.ts';
import { mainTable, type Route } from '../kernel/route.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';

function flags(r: Route): string {
  return `U${r.via !== undefined ? 'G' : ''}${r.dst.len === 32 ? 'H' : ''}`;
}

function cells(r: Route): [string, string, string] {
  return [formatIp(r.dst.addr), formatIp(r.via ?? 0), formatIp(maskOf(r.dst.len))];
}

/** The routing table as `route -n` prints it. */
export function routeTable(p: Proc): string {
  const rows = mainTable(p.netns).map((r) => {
    const [dst, gw, mask] = cells(r);
    return `${dst.padEnd(15)} ${gw.padEnd(15)} ${mask.padEnd(15)} ${flags(r).padEnd(5)} ${String(r.metric ?? 0).padEnd(6)} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${r.dev.name}\n`;
  });
  return `Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n${rows.join('')}`;
}

/** The routing table as `netstat -rn` prints it. */
export function netstatRoutes(p: Proc): string {
  const rows = mainTable(p.netns).map((r) => {
    const [dst, gw, mask] = cells(r);
    return `${dst.padEnd(15)} ${gw.padEnd(15)} ${mask.padEnd(15)} ${flags(r).padEnd(5)} ${'0'.padStart(5)} ${'0'.padEnd(6)} ${'0'.padStart(5)} ${r.dev.name}\n`;
  });
  return `Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n${rows.join('')}`;
}

/** route [-n]. */
export const route: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => a.startsWith('-') && !/^-[ne]+$/.test(a));
  if (bad) return failWith(ctx, `route: invalid option -- '${bad.slice(1, 2)}'`, 1);
  if (args.some((a) => a === 'add' || a === 'del')) {
    if (p.container) return failWith(ctx, 'SIOCADDRT: Operation not permitted', 7);
    return failWith(ctx, 'route: use "ip route add" in this sandbox', 1);
  }
  ctx.io.stdout(routeTable(p));
  return 0;
};
