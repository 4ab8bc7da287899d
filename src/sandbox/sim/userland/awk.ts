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
    const pm = /^print\s+(.*)$/.exec(text);
    if (pm) {
      out.push({ kind: 'print', items: pm[1]!.split(/\s*,\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/) });
      continue;
    }
    const sm = /^split\(\s*([^,]+?)\s*,\s*([A-Za-z_]\w*)\s*(?:,\s*"((?:[^"\\]|\\.)*)"\s*)?\)$/.exec(text);
    if (sm) {
      out.push({ kind: 'split', source: sm[1]!, array: sm[2]!, ...(sm[3] !== undefined ? { sep: sm[3] } : {}) });
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
        const n = Number(/\d+/.exec(pat)![0]);
        rule.pattern = pat.includes('==') ? (_f, _l, nr) => nr === n : (_f, _l, nr) => nr > n;
      } else {
        const fm = /\$(\d+)\s*==\s*"([^"]*)"/.exec(pat)!;
        rule.pattern = (f, line) => (fm[1] === '0' ? line : (f[Number(fm[1]) - 1] ?? '')) === fm[2];
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
      if (/^\$\(NF-\d+\)$/.test(tok)) return fields[fields.length - 1 - Number(/\d+/.exec(tok)![0])] ?? '';
      if (tok === 'NF') return String(fields.length);
      if (tok === 'NR') return String(nr);
      const element = /^([A-Za-z_]\w*)\[(\d+)\]$/.exec(tok);
      if (element) return arrays.get(element[1]!)?.[Number(element[2]) - 1] ?? '';
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
    const a = args[i]!;
    if (a === '-F') sep = fieldSeparator(args[++i] ?? ' ');
    else if (a.startsWith('-F')) sep = fieldSeparator(a.slice(2));
    else rest.push(a);
  }
  const src = rest.shift();
  if (src === undefined) return failWith(ctx, 'usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]', 2);
  const rules = parseProgram(src);
  if (!rules) return failWith(ctx, `awk: syntax error in program: ${src}`, 2);
  let text = ctx.io.stdin;
  if (rest.length > 0) {
    const r = readFile(p, rest[0]!);
    if (!r.ok) return failWith(ctx, `awk: cannot open ${rest[0]} (No such file or directory)`, 2);
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
