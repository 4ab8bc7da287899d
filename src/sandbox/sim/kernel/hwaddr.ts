/** Link-layer (MAC) addresses, stored as 6 bytes. */
import type { Random } from './random.ts';

/** A 6-byte Ethernet address. */
export type HwAddr = readonly number[];

/** The all-zero address of lo. */
export const ZERO_HWADDR: HwAddr = [0, 0, 0, 0, 0, 0];
/** The broadcast address ff:ff:ff:ff:ff:ff. */
export const BROADCAST_HWADDR: HwAddr = [255, 255, 255, 255, 255, 255];

/** Lowercase colon form, as iproute2 prints it. */
export function formatHwAddr(mac: HwAddr): string {
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A random unicast, locally administered address, as the kernel gives a new veth (eth_random_addr). */
export function randomHwAddr(random: Random): HwAddr {
  const b = Array.from(random.bytes(6));
  b[0] = ((b[0]! & 0xfe) | 0x02) & 0xff;
  return b;
}

/** Docker's own prefix 02:42 followed by 4 bytes: random for bridges, the IPv4 address for endpoints. */
export function dockerHwAddr(last4: number): HwAddr {
  return [0x02, 0x42, (last4 >>> 24) & 255, (last4 >>> 16) & 255, (last4 >>> 8) & 255, last4 & 255];
}

/** Whether two addresses are equal. */
export function sameHwAddr(a: HwAddr, b: HwAddr): boolean {
  return a.every((v, i) => v === b[i]);
}

/** The IPv6 link-local address derived from a MAC by EUI-64 (fe80::42:acff:fe11:2). */
export function linkLocalIpv6(mac: HwAddr): string {
  const b = [mac[0]! ^ 0x02, mac[1]!, mac[2]!, 0xff, 0xfe, mac[3]!, mac[4]!, mac[5]!];
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  // Compress leading zero groups after fe80 the way inet_ntop does (fe80:0:0:0 → fe80::).
  while (groups.length > 0 && groups[0] === '0') groups.shift();
  return `fe80::${groups.join(':')}`;
}
