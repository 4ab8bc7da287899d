/**
 * IPv4 addresses as unsigned 32-bit numbers, and prefixes (CIDR). Numbers keep the model small
 * and make "is this address in that subnet" a mask and a compare.
 */

/** An IPv4 prefix: a network address and a length, e.g. 172.17.0.0/16. */
export interface Prefix {
  addr: number;
  len: number;
}

/** Parse dotted-quad; undefined when it is not one. */
export function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v >>> 0;
}

/** Dotted-quad text of an address. */
export function formatIp(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** The netmask of a prefix length as an address (24 → 255.255.255.0). */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** The network part of `addr` under a prefix length. */
export function networkOf(addr: number, len: number): number {
  return (addr & maskOf(len)) >>> 0;
}

/** The broadcast address of `addr`'s subnet. */
export function broadcastOf(addr: number, len: number): number {
  return (networkOf(addr, len) | (~maskOf(len) >>> 0)) >>> 0;
}

/** Whether `addr` lies inside `prefix`. */
export function inPrefix(addr: number, prefix: Prefix): boolean {
  return networkOf(addr, prefix.len) === networkOf(prefix.addr, prefix.len);
}

/** Parse "a.b.c.d/len" (or a bare address as /32). */
export function parsePrefix(text: string): Prefix | undefined {
  const [a, l] = text.split('/');
  const addr = parseIp(a ?? '');
  if (addr === undefined) return undefined;
  if (l === undefined) return { addr, len: 32 };
  if (!/^\d{1,2}$/.test(l) || Number(l) > 32) return undefined;
  return { addr, len: Number(l) };
}

/** "a.b.c.d/len" of a prefix, network bits as given. */
export function formatPrefix(p: Prefix): string {
  return `${formatIp(p.addr)}/${p.len}`;
}

/** Whether two prefixes share any address. */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  const len = Math.min(a.len, b.len);
  return networkOf(a.addr, len) === networkOf(b.addr, len);
}

/** 127.0.0.1, lo's address. */
export const LOOPBACK_ADDR = 0x7f000001;

/** Whether `addr` is in 127.0.0.0/8. */
export function isLoopbackIp(addr: number): boolean {
  return addr >>> 24 === 127;
}
