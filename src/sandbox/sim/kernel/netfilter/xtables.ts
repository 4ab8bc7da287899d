/**
 * One iptables command applied to a namespace's tables (what libiptc does for iptables(8)):
 * -A -I -D -R -N -X -F -Z -P. Listing is the iptables program's business; dockerd and the
 * learner's `iptables` both change rules through here.
 */
import { parseRuleSpec } from './rule-spec.ts';
import { sameRule, type Rule } from './rule.ts';
import { addChain, findChain, isBuiltinChain, references, tableByName, type Netfilter, type Table } from './table.ts';

/** A parsed iptables command line. */
export interface IptablesCommand {
  table: string;
  op: 'A' | 'I' | 'D' | 'R' | 'N' | 'X' | 'F' | 'Z' | 'P' | 'L' | 'S' | 'C';
  chain?: string;
  ruleNum?: number;
  rule?: readonly string[];
  policy?: string;
  numeric: boolean;
  verbose: boolean;
  lineNumbers: boolean;
  exact: boolean;
}

/** Success, or iptables' message and exit status. */
export type XtResult = { ok: true } | { ok: false; error: string; exit: number };

const OPS: Record<string, IptablesCommand['op']> = {
  '-A': 'A',
  '--append': 'A',
  '-I': 'I',
  '--insert': 'I',
  '-D': 'D',
  '--delete': 'D',
  '-R': 'R',
  '--replace': 'R',
  '-N': 'N',
  '--new-chain': 'N',
  '-X': 'X',
  '--delete-chain': 'X',
  '-F': 'F',
  '--flush': 'F',
  '-Z': 'Z',
  '--zero': 'Z',
  '-P': 'P',
  '--policy': 'P',
  '-L': 'L',
  '--list': 'L',
  '-S': 'S',
  '--list-rules': 'S',
  '-C': 'C',
  '--check': 'C',
};

/** Parse an iptables argv (without argv[0]). */
export function parseIptables(args: readonly string[]): { ok: true; cmd: IptablesCommand } | { ok: false; error: string; exit: number } {
  const cmd: IptablesCommand = { table: 'filter', op: 'L', numeric: false, verbose: false, lineNumbers: false, exact: false };
  let haveOp = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i] ?? '';
    // Bundled short options such as -nL or -vnL.
    if (/^-[nvLSxt]{2,}$/.test(a)) {
      const letters = a.slice(1).split('');
      const expanded = letters.map((l) => `-${l}`);
      args = [...args.slice(0, i), ...expanded, ...args.slice(i + 1)];
      a = args[i] ?? '';
    }
    const op = OPS[a];
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t === undefined) return { ok: false, error: `iptables v1.8.9 (nf_tables): option "${a}" requires an argument\nTry \`iptables -h' or 'iptables --help' for more information.`, exit: 2 };
      cmd.table = t;
    } else if (a === '-n' || a === '--numeric') cmd.numeric = true;
    else if (a === '-v' || a === '--verbose') cmd.verbose = true;
    else if (a === '-x' || a === '--exact') cmd.exact = true;
    else if (a === '--line-numbers') cmd.lineNumbers = true;
    else if (op !== undefined) {
      if (haveOp) return { ok: false, error: 'iptables v1.8.9 (nf_tables): Cannot use -' + op + ' with -' + cmd.op + "\n\nTry `iptables -h' or 'iptables --help' for more information.", exit: 2 };
      haveOp = true;
      cmd.op = op;
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        cmd.chain = next;
        i++;
        if (cmd.op === 'P') {
          cmd.policy = args[++i];
        } else if ((cmd.op === 'I' || cmd.op === 'R' || cmd.op === 'D' || cmd.op === 'L' || cmd.op === 'S' || cmd.op === 'Z') && /^\d+$/.test(args[i + 1] ?? '')) {
          cmd.ruleNum = Number(args[++i]);
        }
      }
    } else rest.push(a);
  }
  if (!haveOp) {
    return { ok: false, error: "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.", exit: 2 };
  }
  if (rest.length > 0) cmd.rule = rest;
  return { ok: true, cmd };
}

function noChain(): XtResult {
  return { ok: false, error: 'iptables: No chain/target/match by that name.', exit: 1 };
}

/** The table a command addresses, or iptables' complaint. */
export function commandTable(nf: Netfilter, cmd: IptablesCommand): Table | XtResult {
  const t = tableByName(nf, cmd.table);
  if (!t) return { ok: false, error: `iptables v1.8.9 (nf_tables): table '${cmd.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, exit: 3 };
  return t;
}

/** Apply a modifying command (not -L/-S) to `nf`. */
export function applyIptables(nf: Netfilter, cmd: IptablesCommand): XtResult {
  const table = commandTable(nf, cmd);
  if ('ok' in table) return table;
  const parseRule = (): { ok: true; rule: Rule } | XtResult => {
    const parsed = parseRuleSpec(cmd.rule ?? [], (name) => findChain(table, name) !== undefined);
    if (!parsed.ok) return { ok: false, error: `iptables v1.8.9 (nf_tables): ${parsed.error}\nTry \`iptables -h' or 'iptables --help' for more information.`, exit: 2 };
    return parsed;
  };
  const chain = cmd.chain === undefined ? undefined : findChain(table, cmd.chain);
  switch (cmd.op) {
    case 'N':
      if (!cmd.chain) return { ok: false, error: 'iptables v1.8.9 (nf_tables): -N requires a chain name', exit: 2 };
      return addChain(table, cmd.chain) ? { ok: true } : { ok: false, error: 'iptables: Chain already exists.', exit: 1 };
    case 'X': {
      if (cmd.chain === undefined) {
        table.chains = table.chains.filter((c) => c.policy !== undefined || references(table, c.name) > 0);
        return { ok: true };
      }
      if (!chain || isBuiltinChain(table, chain.name)) return noChain();
      if (references(table, chain.name) > 0) return { ok: false, error: 'iptables v1.8.9 (nf_tables): CHAIN_USER_DEL failed (Device or resource busy): chain ' + chain.name, exit: 1 };
      if (chain.rules.length > 0) return { ok: false, error: `iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain ${chain.name}`, exit: 4 };
      table.chains = table.chains.filter((c) => c !== chain);
      return { ok: true };
    }
    case 'F':
      if (cmd.chain === undefined) {
        for (const c of table.chains) c.rules = [];
        return { ok: true };
      }
      if (!chain) return noChain();
      chain.rules = [];
      return { ok: true };
    case 'Z':
      for (const c of chain ? [chain] : table.chains) {
        c.policyCounters = { packets: 0, bytes: 0 };
        for (const r of c.rules) r.counters = { packets: 0, bytes: 0 };
      }
      return cmd.chain !== undefined && !chain ? noChain() : { ok: true };
    case 'P': {
      if (!chain) return noChain();
      if (chain.policy === undefined) return { ok: false, error: 'iptables: Bad built-in chain name.', exit: 1 };
      if (cmd.policy !== 'ACCEPT' && cmd.policy !== 'DROP') return { ok: false, error: "iptables: Bad policy name. Run `dmesg' for more information.", exit: 1 };
      chain.policy = cmd.policy;
      return { ok: true };
    }
    case 'A':
    case 'I':
    case 'R':
    case 'C':
    case 'D': {
      if (!chain) return noChain();
      if (cmd.op === 'D' && cmd.ruleNum !== undefined && !cmd.rule) {
        if (cmd.ruleNum < 1 || cmd.ruleNum > chain.rules.length) return { ok: false, error: 'iptables: Index of deletion too big.', exit: 1 };
        chain.rules.splice(cmd.ruleNum - 1, 1);
        return { ok: true };
      }
      const parsed = parseRule();
      if (!('rule' in parsed)) return parsed;
      if (cmd.op === 'A') chain.rules.push(parsed.rule);
      else if (cmd.op === 'I') {
        const pos = (cmd.ruleNum ?? 1) - 1;
        if (pos > chain.rules.length) return { ok: false, error: 'iptables: Index of insertion too big.', exit: 1 };
        chain.rules.splice(pos, 0, parsed.rule);
      } else if (cmd.op === 'R') {
        const pos = (cmd.ruleNum ?? 0) - 1;
        if (pos < 0 || pos >= chain.rules.length) return { ok: false, error: 'iptables: Index of replacement too big.', exit: 1 };
        chain.rules[pos] = parsed.rule;
      } else {
        const idx = chain.rules.findIndex((r) => sameRule(r, parsed.rule));
        if (idx < 0) return { ok: false, error: 'iptables: Bad rule (does a matching rule exist in that chain?).', exit: 1 };
        if (cmd.op === 'D') chain.rules.splice(idx, 1);
      }
      return { ok: true };
    }
    case 'L':
    case 'S':
      return { ok: true };
  }
}

/** Run an iptables argv against `nf`, as dockerd does with its own rules. */
export function iptables(nf: Netfilter, args: readonly string[]): XtResult {
  const parsed = parseIptables(args);
  if (!parsed.ok) return parsed;
  return applyIptables(nf, parsed.cmd);
}
