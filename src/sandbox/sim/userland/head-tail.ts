/** head and tail: the first or last N lines (default 10), or with -c N bytes, of stdin or files. */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

/** What to keep: N lines or N bytes, counted from the start (tail -n +N) or the end. */
interface Count {
  n: number;
  unit: 'lines' | 'bytes';
  fromStart: boolean;
  files: string[];
}

/** The option's value, or the invalid text for the "invalid number" message. */
function parseCount(args: string[]): Count | { invalid: string; unit: Count['unit'] } {
  const count: Count = { n: 10, unit: 'lines', fromStart: false, files: [] };
  const take = (unit: Count['unit'], v: string): string | undefined => {
    if (!/^\+?\d+$/.test(v)) return v;
    count.unit = unit;
    count.fromStart = v.startsWith('+');
    count.n = Number(v.replace('+', ''));
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    const unit = a.startsWith('-c') || a.startsWith('--bytes') ? 'bytes' : 'lines';
    let bad: string | undefined;
    if (a === '-n' || a === '-c') bad = take(unit, args[++i] ?? '');
    else if (/^-[nc].+/.test(a)) bad = take(unit, a.slice(2));
    else if (/^--(lines|bytes)=/.test(a)) bad = take(unit, a.slice(a.indexOf('=') + 1));
    else if (/^-\d+$/.test(a)) count.n = Number(a.slice(1));
    else count.files.push(a);
    if (bad !== undefined) return { invalid: bad, unit };
  }
  return count;
}

/** The part of `text` head or tail keeps. */
function keep(name: 'head' | 'tail', text: string, c: Count): string {
  if (c.unit === 'bytes') {
    const bytes = new TextEncoder().encode(text);
    const start = name === 'head' ? 0 : c.fromStart ? Math.max(0, c.n - 1) : Math.max(0, bytes.length - c.n);
    const end = name === 'head' ? c.n : bytes.length;
    return new TextDecoder().decode(bytes.slice(start, end));
  }
  const lines = linesOf(text);
  let out: string[];
  if (name === 'head') out = lines.slice(0, c.n);
  else if (c.fromStart) out = lines.slice(Math.max(0, c.n - 1));
  else out = c.n === 0 ? [] : lines.slice(-c.n);
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

function makeFilter(name: 'head' | 'tail'): Tool {
  return async (p, ctx) => {
    const parsed = parseCount(ctx.argv.slice(1));
    if ('invalid' in parsed) return failWith(ctx, `${name}: invalid number of ${parsed.unit}: ‘${parsed.invalid}’`);
    const texts: string[] = [];
    if (parsed.files.length === 0) texts.push(ctx.io.stdin);
    for (const f of parsed.files) {
      const r = readFile(p, f);
      if (!r.ok) return failWith(ctx, `${name}: cannot open '${f}' for reading: No such file or directory`);
      texts.push(r.text);
    }
    for (const text of texts) {
      const out = keep(name, text, parsed);
      if (out !== '') ctx.io.stdout(out);
    }
    return 0;
  };
}

/** The head program. */
export const head = makeFilter('head');
/** The tail program. */
export const tail = makeFilter('tail');
