/**
 * iptables-restore's input applied as one transaction (iptables-nft commits each table's batch
 * atomically): `*table`, `:CHAIN POLICY [p:b]`, rule lines (`-A ...`, parsed as iptables argv),
 * `COMMIT`, `#` comments. Without --noflush every table named is emptied first (rules flushed, user
 * chains deleted); a declared user chain is created, or flushed when it exists. Nothing changes
 * when any line fails.
 */
import { parseIptables, applyIptables } from './xtables.ts';
import { existingTables, findChain, tableByName, TABLE_NAMES, type Netfilter, type Table } from './table.ts';

/** How a restore failed: iptables-restore's message and exit status. */
export type RestoreResult = { ok: true } | { ok: false; error: string; exit: number };

/** Split a rule line like a shell would for iptables-restore (double quotes group words). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

/** A deep copy of the tables, for a dry run that leaves `nf` alone on failure. */
function copyNetfilter(nf: Netfilter): Netfilter {
  return structuredClone(nf);
}

function emptyTable(table: Table): void {
  table.chains = table.chains.filter((c) => c.policy !== undefined);
  for (const c of table.chains) c.rules = [];
}

/** Apply `text` to `work`; returns the first failure. */
function applyTo(work: Netfilter, text: string, noflush: boolean): RestoreResult {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let table: Table | undefined;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      if (!(TABLE_NAMES as readonly string[]).includes(name)) {
        return {
          ok: false,
          exit: 2,
          error: `iptables-restore v1.8.9 (nf_tables): iptables-restore: line ${n} table name '${name}' invalid\nError occurred at line: ${n}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.`,
        };
      }
      table = tableByName(work, name);
      if (table === undefined) return { ok: false, exit: 1, error: `iptables-restore: line ${n} failed` };
      if (!noflush) emptyTable(table);
      continue;
    }
    if (table === undefined) return { ok: false, exit: 1, error: `iptables-restore: line ${n} failed` };
    if (line === 'COMMIT') {
      table = undefined;
      continue;
    }
    if (line.startsWith(':')) {
      const [chainName, policy] = line.slice(1).split(/\s+/);
      if (chainName === undefined || chainName === '') return { ok: false, exit: 1, error: `iptables-restore: line ${n} failed` };
      const chain = findChain(table, chainName);
      if (policy !== undefined && policy !== '-') {
        const r = applyIptables(work, { table: table.name, op: 'P', chain: chainName, policy, numeric: false, verbose: false, lineNumbers: false, exact: false });
        if (!r.ok) return { ok: false, exit: 1, error: `iptables-restore: line ${n} failed: ${r.error.replace(/^iptables: /, '')}` };
      } else if (chain) chain.rules = [];
      else applyIptables(work, { table: table.name, op: 'N', chain: chainName, numeric: false, verbose: false, lineNumbers: false, exact: false });
      continue;
    }
    const parsed = parseIptables(['-t', table.name, ...words(line)]);
    const r = parsed.ok ? applyIptables(work, parsed.cmd) : parsed;
    if (!r.ok)
      return {
        ok: false,
        exit: 1,
        error: `iptables-restore: line ${n} failed${/No chain|Bad rule|Chain already|does not exist/.test(r.error) ? `: ${r.error.replace(/^iptables(?: v[\d.]+ \(nf_tables\))?: /, '')}` : ''}`,
      };
  }
  if (table !== undefined) return { ok: false, exit: 1, error: `iptables-restore: COMMIT expected at line ${lines.length + 1}` };
  return { ok: true };
}

/** Restore `text` into `nf` as one transaction. */
export function restoreTables(nf: Netfilter, text: string, noflush: boolean): RestoreResult {
  const work = copyNetfilter(nf);
  const r = applyTo(work, text, noflush);
  if (!r.ok) return r;
  for (const t of existingTables(work)) {
    const live = tableByName(nf, t.name);
    if (live) live.chains = t.chains;
  }
  return r;
}
