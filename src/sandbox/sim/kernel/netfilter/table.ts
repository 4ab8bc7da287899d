/**
 * Netfilter tables and chains (x_tables): each namespace has its own filter and nat tables with
 * the built-in chains, policies, user chains and ordered rules.
 */
import type { Counters, Rule } from './rule.ts';

/** A chain: built-in ones have a policy, user chains do not. */
export interface Chain {
  name: string;
  policy?: 'ACCEPT' | 'DROP';
  /** Counters of packets that fell through to the policy. */
  policyCounters: Counters;
  rules: Rule[];
}

/** A table: its chains, built-in first in hook order, then user chains. */
export interface Table {
  name: 'filter' | 'nat';
  chains: Chain[];
}

/** The tables of one network namespace. */
export interface Netfilter {
  filter: Table;
  nat: Table;
}

const BUILTIN: Record<Table['name'], string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

function newChain(name: string, policy?: 'ACCEPT' | 'DROP'): Chain {
  const chain: Chain = { name, policyCounters: { packets: 0, bytes: 0 }, rules: [] };
  if (policy) chain.policy = policy;
  return chain;
}

/** Empty filter and nat tables with ACCEPT policies, as a new namespace has. */
export function createNetfilter(): Netfilter {
  const table = (name: Table['name']): Table => ({ name, chains: BUILTIN[name].map((c) => newChain(c, 'ACCEPT')) });
  return { filter: table('filter'), nat: table('nat') };
}

/** The table called `name` (iptables -t), if the simulator has it. */
export function tableByName(nf: Netfilter, name: string): Table | undefined {
  return name === 'filter' ? nf.filter : name === 'nat' ? nf.nat : undefined;
}

/** The chain `name` in `table`. */
export function findChain(table: Table, name: string): Chain | undefined {
  return table.chains.find((c) => c.name === name);
}

/** Whether `name` is a built-in chain of `table`. */
export function isBuiltinChain(table: Table, name: string): boolean {
  return BUILTIN[table.name].includes(name);
}

/** Create a user chain (iptables -N); false when it already exists. */
export function addChain(table: Table, name: string): boolean {
  if (findChain(table, name)) return false;
  table.chains.push(newChain(name));
  return true;
}

/** Chains in listing order: built-in in hook order, then user chains by name (libiptc sorts them). */
export function listingOrder(table: Table): Chain[] {
  const builtin = table.chains.filter((c) => c.policy !== undefined);
  const user = table.chains.filter((c) => c.policy === undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtin, ...user];
}

/** How many rules jump to `chain` (the "(N references)" of a user chain). */
export function references(table: Table, chain: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target?.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}
