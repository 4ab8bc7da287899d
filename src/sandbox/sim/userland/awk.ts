/**
 * awk, the part people type on one line: `[pattern] { statement; ... }` where a statement is
 * `print expr, ...` or `split(expr, arr[, "sep"])`, with $N, $NF, NF, NR, arr[N], string
 * literals, -F separators (a single character literally, longer ones as a regex) and /regex/ or
 * NR==N patterns.
 */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

/** One statement of an action. */
type Statement = { kind: 'print'; items?: string[] } | { kind: 'split'; source: string; array: string; sep?: string };

interface Rule {
  pattern?: (fields: string[], line: string, nr: number) => boolean;
  /** What the action does; undefined prints the whole line. */
  statements?: Statement[];
}

/** What a record or split() is cut with: FS semantics (" " is runs of blanks, one other character is itself). */
type Separator = RegExp | string;

/** The separator an FS value stands for, escapes (\t) processed. */
function fieldSeparator(fs: string): Separator {
  const value = fs.replace(/\\t/g, '\t');
  if (value === ' ') return /\s+/;
  if (value.length === 1) return value;
  try {
    return new RegExp(value);
  } catch {
    return value;
  }
}

/** Cut `text` into fields: leading and trailing blanks do not count for the default separator. */
function cut(text: string, sep: Separator): string[] {
  if (sep instanceof RegExp && sep.source === '\\s+') return text.trim() === '' ? [] : text.trim().split(sep);
  return text === '' ? [] : text.split(sep);
}

/** Statements of an action, split at `;` outside string literals. */
function parseStatements(action: string): Statement[] | undefined {
  const out: Statement[] = [];
  for (const raw of action.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const text = raw.trim();
    if (text === '') continue;
    if (text === 'print') {
      out.push({ kind: 'print' });
      continue;
    }
    const printed = /^print\s+(.*)$/.exec(text)?.[1];
    if (printed !== undefined) {
      out.push({ kind: 'print', items: printed.split(/\s*,\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/) });
      continue;
    }
    const sm = /^split\(\s*([^,]+?)\s*,\s*([A-Za-z_]\w*)\s*(?:,\s*"((?:[^"\\]|\\.)*)"\s*)?\)$/.exec(text);
    const [, source, array] = sm ?? [];
    if (sm && source !== undefined && array !== undefined) {
      out.push({ kind: 'split', source, array, ...(sm[3] !== undefined ? { sep: sm[3] } : {}) });
      continue;
    }
    return undefined;
  }
  return out;
}

function parseProgram(src: string): Rule[] | undefined {
  const rules: Rule[] = [];
  const re = /\s*(?:(\/(?:[^/\\]|\\.)*\/|NR\s*==\s*\d+|NR\s*>\s*\d+|\$\d+\s*==\s*"[^"]*")\s*)?(?:\{([^}]*)\})?\s*;?/y;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m || m[0] === '') return undefined;
    pos = re.lastIndex;
    const rule: Rule = {};
    const pat = m[1];
    if (pat) {
      if (pat.startsWith('/')) {
        const rx = new RegExp(pat.slice(1, -1));
        rule.pattern = (_f, line) => rx.test(line);
      } else if (pat.startsWith('NR')) {
        const count = /\d+/.exec(pat)?.[0];
        if (count === undefined) return undefined;
        const n = Number(count);
        rule.pattern = pat.includes('==') ? (_f, _l, nr) => nr === n : (_f, _l, nr) => nr > n;
      } else {
        const [, field, value] = /\$(\d+)\s*==\s*"([^"]*)"/.exec(pat) ?? [];
        if (field === undefined || value === undefined) return undefined;
        rule.pattern = (f, line) => (field === '0' ? line : (f[Number(field) - 1] ?? '')) === value;
      }
    }
    const action = m[2]?.trim();
    if (action !== undefined && action !== '' && action !== 'print') {
      const statements = parseStatements(action);
      if (!statements) return undefined;
      rule.statements = statements;
    }
    rules.push(rule);
  }
  return rules;
}

function evalItem(item: string, fields: string[], line: string, nr: number, arrays: Map<string, string[]>): string {
  return item
    .split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((tok) => {
      if (/^"(.*)"$/.test(tok)) return tok.slice(1, -1);
      if (tok === '$0') return line;
      if (tok === '$NF') return fields[fields.length - 1] ?? '';
      if (/^\$\d+$/.test(tok)) return fields[Number(tok.slice(1)) - 1] ?? '';
      const fromEnd = /^\$\(NF-(\d+)\)$/.exec(tok)?.[1];
      if (fromEnd !== undefined) return fields[fields.length - 1 - Number(fromEnd)] ?? '';
      if (tok === 'NF') return String(fields.length);
      if (tok === 'NR') return String(nr);
      const [, arrayName, index] = /^([A-Za-z_]\w*)\[(\d+)\]$/.exec(tok) ?? [];
      if (arrayName !== undefined) return arrays.get(arrayName)?.[Number(index) - 1] ?? '';
      return '';
    })
    .join('');
}

/** The awk program. */
export const awk: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  let sep: Separator = /\s+/;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-F') sep = fieldSeparator(args[++i] ?? ' ');
    else if (a.startsWith('-F')) sep = fieldSeparator(a.slice(2));
    else rest.push(a);
  }
  const src = rest.shift();
  if (src === undefined) return failWith(ctx, 'usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]', 2);
  const rules = parseProgram(src);
  if (!rules) return failWith(ctx, `awk: syntax error in program: ${src}`, 2);
  let text = ctx.io.stdin;
  const [file] = rest;
  if (file !== undefined) {
    const r = readFile(p, file);
    if (!r.ok) return failWith(ctx, `awk: cannot open ${file} (No such file or directory)`, 2);
    text = r.text;
  }
  const arrays = new Map<string, string[]>();
  linesOf(text).forEach((line, idx) => {
    const nr = idx + 1;
    const fields = cut(line, sep);
    for (const rule of rules) {
      if (rule.pattern && !rule.pattern(fields, line, nr)) continue;
      for (const st of rule.statements ?? [{ kind: 'print' }]) {
        if (st.kind === 'split') {
          const source = evalItem(st.source, fields, line, nr, arrays);
          arrays.set(st.array, cut(source, st.sep === undefined ? sep : fieldSeparator(st.sep)));
          continue;
        }
        const out = st.items ? st.items.map((it) => evalItem(it, fields, line, nr, arrays)).join(' ') : line;
        ctx.io.stdout(out + '\n');
      }
    }
  });
  return 0;
};
