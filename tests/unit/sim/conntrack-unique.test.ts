/**
 * Source NAT keeps flows apart: two containers' pings with the same echo id, masqueraded to one
 * address, must not share a reply tuple (lesson 5-1's exercise failed on this: the second
 * container's replies went to the first).
 */
import { expect, it } from 'vitest';
import { type ConntrackEntry, findReply, reversed, tupleOf, uniqueSourceTuple } from '../../../src/sandbox/sim/kernel/conntrack.ts';
import type { Packet } from '../../../src/sandbox/sim/kernel/packet.ts';

const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const HOST = ip(10, 0, 2, 15);
const OUTSIDE = ip(8, 8, 8, 8);

function masquerade(table: ConntrackEntry[], pkt: Packet): void {
  const orig = tupleOf(pkt);
  pkt.src = HOST;
  uniqueSourceTuple(table, pkt, orig);
  table.push({ proto: pkt.proto, orig, reply: reversed(tupleOf(pkt)), seenReply: false, assured: false, expires: Number.POSITIVE_INFINITY });
}

it('gives the second flow another echo id when the first already uses it', () => {
  const table: ConntrackEntry[] = [];
  const first: Packet = { proto: 'icmp', src: ip(172, 17, 0, 2), dst: OUTSIDE, sport: 7, bytes: 84 };
  const second: Packet = { proto: 'icmp', src: ip(10, 20, 0, 2), dst: OUTSIDE, sport: 7, bytes: 84 };
  masquerade(table, first);
  masquerade(table, second);
  expect(first.sport).toBe(7);
  expect(second.sport).toBe(8);
  const replyTo = (p: Packet): Packet => ({ proto: 'icmp', src: p.dst, dst: p.src, sport: p.dport ?? 0, dport: p.sport ?? 0, bytes: 84 });
  expect(findReply(table, replyTo(first))?.orig.src).toBe(ip(172, 17, 0, 2));
  expect(findReply(table, replyTo(second))?.orig.src).toBe(ip(10, 20, 0, 2));
});

it('keeps the port when the flow is unique, and the same flow again keeps its own', () => {
  const table: ConntrackEntry[] = [];
  const a: Packet = { proto: 'tcp', src: ip(172, 17, 0, 2), dst: OUTSIDE, sport: 40000, dport: 80, bytes: 60 };
  masquerade(table, a);
  const again: Packet = { proto: 'tcp', src: ip(172, 17, 0, 2), dst: OUTSIDE, sport: 40000, dport: 80, bytes: 60 };
  masquerade(table, again);
  expect([a.sport, again.sport]).toEqual([40000, 40000]);
  const other: Packet = { proto: 'tcp', src: ip(172, 18, 0, 2), dst: OUTSIDE, sport: 40000, dport: 80, bytes: 60 };
  masquerade(table, other);
  expect(other.sport).toBe(40001);
});
