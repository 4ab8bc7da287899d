/** head and tail: the first or last N lines (default 10) of stdin or files. */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

function parseCount(args: string[]): { n: number; fromStart: boolean; files: string[] } | string {
  let n = 10;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-n') {
      const v = args[++i] ?? '';
      if (!/^\+?\d+$/.test(v)) return v;
      fromStart = v.startsWith('+');
      n = Number(v.replace('+', ''));
    } else if (/^-n\+?\d+$/.test(a)) {
      fromStart = a.includes('+');
      n = Number(a.slice(2).replace('+', ''));
    } else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else files.push(a);
  }
  return { n, fromStart, files };
}

function makeFilter(name: 'head' | 'tail'): Tool {
  return async (p, ctx) => {
    const parsed = parseCount(ctx.argv.slice(1));
    if (typeof parsed === 'string') return failWith(ctx, `${name}: invalid number of lines: ‘${parsed}’`);
    const texts: string[] = [];
    if (parsed.files.length === 0) texts.push(ctx.io.stdin);
    for (const f of parsed.files) {
      const r = readFile(p, f);
      if (!r.ok) return failWith(ctx, `${name}: cannot open '${f}' for reading: No such file or directory`);
      texts.push(r.text);
    }
    for (const text of texts) {
      const lines = linesOf(text);
      let out: string[];
      if (name === 'head') out = lines.slice(0, parsed.n);
      else if (parsed.fromStart) out = lines.slice(Math.max(0, parsed.n - 1));
      else out = parsed.n === 0 ? [] : lines.slice(-parsed.n);
      if (out.length > 0) ctx.io.stdout(out.join('\n') + '\n');
    }
    return 0;
  };
}

/** The head program. */
export const head = makeFilter('head');
/** The tail program. */
export const tail = makeFilter('tail');
