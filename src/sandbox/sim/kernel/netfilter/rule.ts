/**
 * Netfilter rules as data (struct ipt_entry): the IP header matches, extension matches and a
 * target. iptables prints them and the packet walk evaluates them; neither works from text.
 */
import type { Prefix } from '../ipv4.ts';

/** An address match, possibly negated (`! -d 127.0.0.0/8`). */
export interface AddrMatch {
  prefix: Prefix;
  invert: boolean;
}

/** An interface match (`-i docker0`, `! -o br-1a2b`); a trailing + is a wildcard. */
export interface IfaceMatch {
  name: string;
  invert: boolean;
}

/** Extension matches (`-m addrtype`, `-m conntrack`, `-m tcp`). */
export type Match =
  | { kind: 'addrtype'; dstType: string; invert: boolean }
  | { kind: 'conntrack'; ctstate: string[] }
  | { kind: 'tcp' | 'udp'; dport?: number; sport?: number }
  | { kind: 'icmp'; icmpType?: number };

/** What a rule does with a packet that matches. */
export type Target = { kind: 'ACCEPT' | 'DROP' | 'RETURN' | 'MASQUERADE' | 'REJECT' } | { kind: 'jump'; chain: string } | { kind: 'DNAT' | 'SNAT'; addr?: number; port?: number };

/** Packet and byte counters, as `-v` shows them. */
export interface Counters {
  packets: number;
  bytes: number;
}

/** One rule of a chain. */
export interface Rule {
  proto?: { name: string; invert: boolean };
  src?: AddrMatch;
  dst?: AddrMatch;
  inIface?: IfaceMatch;
  outIface?: IfaceMatch;
  matches: Match[];
  target?: Target;
  counters: Counters;
}

/** The name a target shows in the `target` column. */
export function targetName(t: Target | undefined): string {
  if (!t) return '';
  return t.kind === 'jump' ? t.chain : t.kind;
}

/** Whether two rules are the same spec (what `iptables -D chain <spec>` compares). */
export function sameRule(a: Rule, b: Rule): boolean {
  const strip = (r: Rule) => JSON.stringify({ ...r, counters: undefined });
  return strip(a) === strip(b);
}
