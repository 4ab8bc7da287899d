/**
 * Rule-by-rule traversal of a chain (ipt_do_table): first matching rule decides, jumps push the
 * chain, RETURN or falling off a user chain pops it, falling off a built-in chain applies the
 * policy. Counters count as the kernel counts them.
 */
import { inPrefix } from '../ipv4.ts';
import type { Packet } from '../packet.ts';
import type { IfaceMatch, Rule } from './rule.ts';
import { findChain, type Table } from './table.ts';

/** What a hook knows about the packet besides its header. */
export interface HookContext {
  inIface?: string;
  outIface?: string;
  ctstate: 'NEW' | 'ESTABLISHED' | 'RELATED';
  /** Whether an address is local to the namespace (addrtype LOCAL). */
  isLocal(addr: number): boolean;
}

/** The outcome of a chain: a verdict and, in the nat table, the translation to apply. */
export interface Verdict {
  verdict: 'ACCEPT' | 'DROP';
  nat?: { kind: 'DNAT' | 'SNAT'; addr?: number; port?: number } | { kind: 'MASQUERADE' };
  /** The rule that decided, for explanations; undefined when a policy did. */
  rule?: Rule;
}

function ifaceMatches(m: IfaceMatch | undefined, name: string | undefined): boolean {
  if (!m) return true;
  const wildcard = m.name.endsWith('+');
  const hit = name !== undefined && (wildcard ? name.startsWith(m.name.slice(0, -1)) : name === m.name);
  return hit !== m.invert;
}

/** Whether `rule` matches `pkt` in `ctx`. */
export function ruleMatches(rule: Rule, pkt: Packet, ctx: HookContext): boolean {
  if (rule.proto && rule.proto.name !== 'all' && (rule.proto.name === pkt.proto) === rule.proto.invert) return false;
  if (rule.src && inPrefix(pkt.src, rule.src.prefix) === rule.src.invert) return false;
  if (rule.dst && inPrefix(pkt.dst, rule.dst.prefix) === rule.dst.invert) return false;
  if (!ifaceMatches(rule.inIface, ctx.inIface)) return false;
  if (!ifaceMatches(rule.outIface, ctx.outIface)) return false;
  for (const m of rule.matches) {
    switch (m.kind) {
      case 'addrtype':
        if ((m.dstType === 'LOCAL' && ctx.isLocal(pkt.dst)) === m.invert) return false;
        break;
      case 'conntrack':
        if (!m.ctstate.includes(ctx.ctstate)) return false;
        break;
      case 'tcp':
      case 'udp':
        if (pkt.proto !== m.kind) return false;
        if (m.dport !== undefined && pkt.dport !== m.dport) return false;
        if (m.sport !== undefined && pkt.sport !== m.sport) return false;
        break;
      case 'icmp':
        if (pkt.proto !== 'icmp') return false;
        break;
    }
  }
  return true;
}

/**
 * Run `pkt` through built-in chain `chain` of `table`. `observe` (optional, for packet traces) is
 * told each matching rule, with the chain it is in, in evaluation order.
 */
export function traverse(table: Table, chain: string, pkt: Packet, ctx: HookContext, observe?: (chain: string, rule: Rule) => void): Verdict {
  const start = findChain(table, chain);
  if (!start) return { verdict: 'ACCEPT' };
  const stack: { rules: Rule[]; pos: number; chain: string }[] = [{ rules: start.rules, pos: 0, chain }];
  // A chain loop is refused by iptables; the depth bound only guards against a model bug.
  for (let frame = stack.at(-1); frame !== undefined && stack.length < 64; frame = stack.at(-1)) {
    const rule = frame.rules[frame.pos++];
    if (!rule) {
      stack.pop();
      continue;
    }
    if (!ruleMatches(rule, pkt, ctx)) continue;
    rule.counters.packets++;
    rule.counters.bytes += pkt.bytes;
    observe?.(frame.chain, rule);
    const t = rule.target;
    if (!t) continue;
    switch (t.kind) {
      case 'ACCEPT':
        return { verdict: 'ACCEPT', rule };
      case 'DROP':
      case 'REJECT':
        return { verdict: 'DROP', rule };
      case 'RETURN':
        stack.pop();
        break;
      case 'MASQUERADE':
        return { verdict: 'ACCEPT', nat: { kind: 'MASQUERADE' }, rule };
      case 'DNAT':
      case 'SNAT': {
        const nat: Verdict['nat'] = { kind: t.kind };
        if (t.addr !== undefined) nat.addr = t.addr;
        if (t.port !== undefined) nat.port = t.port;
        return { verdict: 'ACCEPT', nat, rule };
      }
      case 'jump': {
        const target = findChain(table, t.chain);
        if (target) stack.push({ rules: target.rules, pos: 0, chain: t.chain });
        break;
      }
    }
  }
  start.policyCounters.packets++;
  start.policyCounters.bytes += pkt.bytes;
  return { verdict: start.policy === 'DROP' ? 'DROP' : 'ACCEPT' };
}
