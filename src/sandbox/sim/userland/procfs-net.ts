/**
 * /proc/net as the kernel prints it in the reader's network namespace: `route` is the main FIB
 * table in fib_route_seq_show's layout (what busybox route and netstat -r read), addresses as the
 * little-endian machine's %08X of a network-order word, every line padded to 127 columns.
 */
import { maskOf } from '../kernel/ipv4.ts';
import type { Netns } from '../kernel/netns.ts';
import { mainTable, type Route } from '../kernel/route.ts';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;

/** seq_pad: each record is padded with spaces to 127 columns before its newline. */
function padded(line: string): string {
  return `${line.padEnd(127)}\n`;
}

/** A network-order IPv4 word as a little-endian host prints it with %08X. */
function hostOrderHex(addr: number): string {
  const swapped = (((addr & 0xff) << 24) | (((addr >>> 8) & 0xff) << 16) | (((addr >>> 16) & 0xff) << 8) | (addr >>> 24)) >>> 0;
  return swapped.toString(16).toUpperCase().padStart(8, '0');
}

function routeLine(r: Route): string {
  const flags = RTF_UP | (r.via !== undefined ? RTF_GATEWAY : 0) | (r.dst.len === 32 ? RTF_HOST : 0);
  const cells = [
    r.dev.name,
    hostOrderHex(r.dst.addr),
    hostOrderHex(r.via ?? 0),
    flags.toString(16).toUpperCase().padStart(4, '0'),
    '0',
    '0',
    String(r.metric ?? 0),
    hostOrderHex(maskOf(r.dst.len)),
    '0',
    '0',
    '0',
  ];
  return padded(cells.join('\t'));
}

/** /proc/net/route of `ns`. */
function procNetRoute(ns: Netns): string {
  const header = padded('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  return header + mainTable(ns).map(routeLine).join('');
}

const FILES: Readonly<Record<string, (ns: Netns) => string>> = {
  '/proc/net/route': procNetRoute,
};

/** The text of `path` (normalised, absolute) under /proc/net; undefined when it is not modelled there. */
export function procNetFile(ns: Netns, path: string): string | undefined {
  return FILES[path]?.(ns);
}
