/**
 * iptables 1.8.9 (nf_tables, Debian 12's default): listing (-L with -n, -v, -x, --line-numbers)
 * and -S rule dumps in iptables' own layout, and rule changes through the kernel's xtables. The
 * -L layout follows print_header/print_firewall; with -n, 1.8.9 prints protocols as numbers.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { formatRuleSpec, natTo } from '../kernel/netfilter/rule-spec.ts';
import type { AddrMatch, Match, Rule, Target } from '../kernel/netfilter/rule.ts';
import { targetName } from '../kernel/netfilter/rule.ts';
import { findChain, listingOrder, references, type Chain, type Table } from '../kernel/netfilter/table.ts';
import { applyIptables, commandTable, parseIptables, type IptablesCommand } from '../kernel/netfilter/xtables.ts';
import { failWith, type Tool } from './registry.ts';

const PROTO_NUMBERS: Record<string, string> = { all: '0', tcp: '6', udp: '17', icmp: '1' };

/** xtables_print_num: plain, or scaled to K/M/G in 5 columns unless -x. */
function num(n: number, exact: boolean, table: boolean): string {
  if (exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  let v = n;
  let suffix = '';
  for (const s of ['K', 'M', 'G', 'T']) {
    if (v <= 99999) break;
    v = Math.floor(v / 1000);
    suffix = s;
  }
  const text = `${v}${suffix}`;
  return table ? `${text.padStart(5)} ` : `${text} `;
}

function addrText(m: AddrMatch | undefined, numeric: boolean): string {
  if (!m || m.prefix.len === 0) return numeric ? '0.0.0.0/0' : 'anywhere';
  const base = formatIp(m.prefix.addr);
  return m.prefix.len === 32 ? base : `${base}/${m.prefix.len}`;
}

function matchText(m: Match): string {
  switch (m.kind) {
    case 'addrtype':
      return ` ADDRTYPE match dst-type ${m.invert ? '!' : ''}${m.dstType}`;
    case 'conntrack':
      return ` ctstate ${m.ctstate.join(',')}`;
    case 'tcp':
    case 'udp':
      return ` ${m.kind}${m.sport !== undefined ? ` spt:${m.sport}` : ''}${m.dport !== undefined ? ` dpt:${m.dport}` : ''}`;
    case 'icmp':
      return ' icmp';
  }
}

function targetText(t: Target | undefined): string {
  if (t && (t.kind === 'DNAT' || t.kind === 'SNAT')) return ` to:${natTo(t)}`;
  return '';
}

function iface(m: { name: string; invert: boolean } | undefined, numeric: boolean): string {
  if (!m) return numeric ? '*' : 'any';
  return `${m.invert ? '!' : ''}${m.name}`;
}

interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

function header(f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += 'num  ';
  if (f.verbose) s += f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += 'target    ';
  s += ' prot ';
  s += 'opt';
  if (f.verbose) s += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  s += ` ${'source'.padEnd(19)} `;
  s += ` ${'destination'.padEnd(19)} `;
  return s;
}

function ruleLine(r: Rule, n: number, f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += `${String(n).padEnd(4)} `;
  if (f.verbose) s += num(r.counters.packets, f.exact, true) + num(r.counters.bytes, f.exact, true);
  s += `${targetName(r.target).padEnd(9)} `;
  s += r.proto?.invert ? '!' : ' ';
  const proto = r.proto?.name ?? 'all';
  s += (f.numeric ? (PROTO_NUMBERS[proto] ?? proto) : proto).padEnd(5);
  s += '-- ';
  if (f.verbose) s += ` ${iface(r.inIface, f.numeric).padEnd(6)} ${iface(r.outIface, f.numeric).padEnd(6)} `;
  s += (r.src?.invert ? '!' : ' ') + addrText(r.src, f.numeric).padEnd(19) + ' ';
  s += (r.dst?.invert ? '!' : ' ') + addrText(r.dst, f.numeric).padEnd(19) + ' ';
  for (const m of r.matches) s += matchText(m);
  s += targetText(r.target);
  return s;
}

function chainBlock(table: Table, chain: Chain, f: ListFormat): string {
  let head = `Chain ${chain.name}`;
  if (chain.policy) {
    head += ` (policy ${chain.policy}`;
    if (f.verbose) head += ` ${num(chain.policyCounters.packets, f.exact, false)}packets, ${num(chain.policyCounters.bytes, f.exact, false)}bytes`;
    head += ')';
  } else head += ` (${references(table, chain.name)} references)`;
  const lines = [head, header(f), ...chain.rules.map((r, i) => ruleLine(r, i + 1, f))];
  return lines.join('\n') + '\n';
}

function list(table: Table, cmd: IptablesCommand, ctx: Parameters<Tool>[1]): number {
  const f: ListFormat = { numeric: cmd.numeric, verbose: cmd.verbose, exact: cmd.exact, lineNumbers: cmd.lineNumbers };
  if (cmd.chain !== undefined) {
    const chain = findChain(table, cmd.chain);
    if (!chain) return failWith(ctx, `iptables: No chain/target/match by that name.`);
    if (cmd.ruleNum !== undefined) {
      const r = chain.rules[cmd.ruleNum - 1];
      if (r) ctx.io.stdout(ruleLine(r, cmd.ruleNum, f) + '\n');
      return 0;
    }
    ctx.io.stdout(chainBlock(table, chain, f));
    return 0;
  }
  ctx.io.stdout(
    listingOrder(table)
      .map((c) => chainBlock(table, c, f))
      .join('\n'),
  );
  return 0;
}

function dump(table: Table, cmd: IptablesCommand, ctx: Parameters<Tool>[1]): number {
  const chains = cmd.chain === undefined ? listingOrder(table) : [findChain(table, cmd.chain)];
  if (chains[0] === undefined) return failWith(ctx, 'iptables: No chain/target/match by that name.');
  const lines: string[] = [];
  for (const c of chains as Chain[]) lines.push(c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`);
  for (const c of chains as Chain[]) {
    c.rules.forEach((r, i) => {
      if (cmd.ruleNum !== undefined && cmd.ruleNum !== i + 1) return;
      const spec = formatRuleSpec(r);
      lines.push(`-A ${c.name}${spec ? ' ' + spec : ''}`);
    });
  }
  ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** The iptables program. */
export const iptables: Tool = async (p, ctx) => {
  if (p.container && p.container.config.networkMode !== 'host') {
    return failWith(ctx, 'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)', 4);
  }
  const parsed = parseIptables(ctx.argv.slice(1));
  if (!parsed.ok) return failWith(ctx, parsed.error, parsed.exit);
  const cmd = parsed.cmd;
  const table = commandTable(p.netns.netfilter, cmd);
  if ('ok' in table) return table.ok ? 0 : failWith(ctx, table.error, table.exit);
  if (cmd.op === 'L') return list(table, cmd, ctx);
  if (cmd.op === 'S') return dump(table, cmd, ctx);
  const r = applyIptables(p.netns.netfilter, cmd);
  if (!r.ok) return failWith(ctx, r.error, r.exit);
  return 0;
};
