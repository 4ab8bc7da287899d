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
  // Clear the multicast bit and set the locally administered one, in the first byte only.
  return Array.from(random.bytes(6), (byte, i) => (i === 0 ? (byte & 0xfe) | 0x02 : byte));
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
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = mac;
  const eui64 = [b0 ^ 0x02, b1, b2, 0xff, 0xfe, b3, b4, b5];
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((((eui64[i] ?? 0) << 8) | (eui64[i + 1] ?? 0)).toString(16));
  // Compress leading zero groups after fe80 the way inet_ntop does (fe80:0:0:0 → fe80::).
  while (groups.length > 0 && groups[0] === '0') groups.shift();
  return `fe80::${groups.join(':')}`;
}
