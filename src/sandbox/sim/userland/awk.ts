/**
 * awk, the part people type on one line: `[pattern] { print expr, ... }` with $N, $NF, NF, NR,
 * string literals, -F separators and /regex/ or NR==N patterns.
 */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

interface Rule {
  pattern?: (fields: string[], line: string, nr: number) => boolean;
  /** Print items; undefined prints the whole line. */
  items?: string[];
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
      const pm = /^print\s+(.*)$/.exec(action);
      if (!pm) return undefined;
      rule.items = pm[1]!.split(/\s*,\s*/);
    }
    rules.push(rule);
  }
  return rules;
}

function evalItem(item: string, fields: string[], line: string, nr: number): string {
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
      return '';
    })
    .join('');
}

/** The awk program. */
export const awk: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  let sep: RegExp | string = /\s+/;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-F') sep = args[++i] ?? ' ';
    else if (a.startsWith('-F')) sep = a.slice(2);
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
  linesOf(text).forEach((line, idx) => {
    const fields = sep instanceof RegExp ? line.trim().split(sep).filter((f) => f !== '') : line.split(sep);
    for (const rule of rules) {
      if (rule.pattern && !rule.pattern(fields, line, idx + 1)) continue;
      const out = rule.items ? rule.items.map((it) => evalItem(it, fields, line, idx + 1)).join(' ') : line;
      ctx.io.stdout(out + '\n');
    }
  });
  return 0;
};
