/**
 * Address operations (rtnetlink RTM_NEWADDR / RTM_DELADDR, net/ipv4/devinet.c): IPv4 addresses
 * on a device. Connected routes are not stored: route.ts derives them from these.
 */
import { trackIgmpReport } from '../conntrack.ts';
import type { Errno } from '../errno.ts';
import { broadcastOf } from '../ipv4.ts';
import type { IfAddr, Link } from '../link.ts';

/** The broadcast field `brd +` gives (what Docker and DHCP set): the subnet's, none for /31 and /32. */
export function subnetBroadcast(addr: number, len: number): { brd?: number } {
  return len < 31 ? { brd: broadcastOf(addr, len) } : {};
}

/** Add an address to a device; the same address twice is EEXIST. */
export function addAddress(link: Link, addr: IfAddr): Errno | undefined {
  if (link.addrs.some((a) => a.addr === addr.addr && a.len === addr.len)) return 'EEXIST';
  link.addrs.push({ ...addr });
  trackIgmpReport(link);
  return undefined;
}

/** Remove an address (with its prefix length when given); EADDRNOTAVAIL when the device lacks it. */
export function deleteAddress(link: Link, addr: number, len?: number): Errno | undefined {
  const at = link.addrs.findIndex((a) => a.addr === addr && (len === undefined || a.len === len));
  if (at < 0) return 'EADDRNOTAVAIL';
  link.addrs = link.addrs.filter((_, i) => i !== at);
  return undefined;
}

/** Remove every address of a device (`ip addr flush dev DEV`). */
export function flushAddresses(link: Link): void {
  link.addrs = [];
}
