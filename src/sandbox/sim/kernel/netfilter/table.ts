/**
 * Netfilter tables and chains (x_tables): each namespace has its own filter and nat tables with
 * the built-in chains, policies, user chains and ordered rules. mangle, raw and security exist
 * once a tool first names them (iptables-nft creates a table on first use, so `iptables-save`
 * lists them only from then on); the packet walk does not consult them.
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
  name: TableName;
  chains: Chain[];
}

/** The tables iptables knows, in iptables-save's order. */
export const TABLE_NAMES = ['filter', 'nat', 'mangle', 'raw', 'security'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
/** The tables only listed, never evaluated, created on first use. */
type ListedOnly = Exclude<TableName, 'filter' | 'nat'>;

/** The tables of one network namespace. */
export interface Netfilter {
  filter: Table;
  nat: Table;
  /** mangle, raw and security, once a tool has named them. */
  extra?: Partial<Record<ListedOnly, Table>>;
}

const BUILTIN: Record<TableName, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

function newChain(name: string, policy?: 'ACCEPT' | 'DROP'): Chain {
  const chain: Chain = { name, policyCounters: { packets: 0, bytes: 0 }, rules: [] };
  if (policy) chain.policy = policy;
  return chain;
}

/** Empty filter and nat tables with ACCEPT policies, as a new namespace has. */
function emptyTable(name: TableName): Table {
  return { name, chains: BUILTIN[name].map((c) => newChain(c, 'ACCEPT')) };
}

export function createNetfilter(): Netfilter {
  return { filter: emptyTable('filter'), nat: emptyTable('nat') };
}

function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** The table called `name` (iptables -t), created empty on first use like iptables-nft does; undefined for an unknown name. */
export function tableByName(nf: Netfilter, name: string): Table | undefined {
  if (!isTableName(name)) return undefined;
  if (name === 'filter' || name === 'nat') return nf[name];
  if (nf.extra === undefined) nf.extra = {};
  const made = nf.extra[name] ?? emptyTable(name);
  nf.extra[name] = made;
  return made;
}

/** The tables that exist in the namespace, in iptables-save's order. */
export function existingTables(nf: Netfilter): Table[] {
  return TABLE_NAMES.flatMap((name) => (name === 'filter' || name === 'nat' ? [nf[name]] : (nf.extra?.[name] ?? [])));
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
