/** grep: basic and extended regular expressions over stdin or files, with the common flags. */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';
import { busyboxUsage } from './busybox-usage.ts';

/** Translate a POSIX basic regular expression to a JavaScript one. */
export function breToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const ch = bre[i];
    if (ch === undefined) break;
    if (ch === '\\' && i + 1 < bre.length) {
      const n = bre.charAt(++i);
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** The grep program. */
export const grep: Tool = async (p, ctx) => {
  const opts = { i: false, v: false, c: false, n: false, E: false, F: false, w: false, q: false, o: false };
  const rest: string[] = [];
  const patterns: string[] = [];
  const args = ctx.argv.slice(1);
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === undefined) break;
    if (a === '-e') {
      patterns.push(args[++k] ?? '');
    } else if (/^-[ivcnEFwqo]+$/.test(a)) {
      for (const f of a.slice(1)) (opts as Record<string, boolean>)[f] = true;
    } else if (a === '--color=auto' || a === '--color' || a === '--colour=auto') continue;
    else if (a.startsWith('-') && a.length > 1 && rest.length === 0 && patterns.length === 0) {
      return failWith(
        ctx,
        p.toolset === 'busybox'
          ? `grep: unrecognized option '${a}'`
          : `grep: invalid option -- '${a.replace(/^-+/, '')[0]}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`,
        2,
      );
    } else rest.push(a);
  }
  if (patterns.length === 0) {
    const pat = rest.shift();
    if (pat === undefined) {
      return failWith(
        ctx,
        p.toolset === 'busybox'
          ? busyboxUsage('grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...')
          : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.",
        2,
      );
    }
    patterns.push(pat);
  }
  let re: RegExp;
  try {
    const sources = patterns.map((pt) => (opts.F ? pt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : opts.E ? pt : breToJs(pt)));
    const body = sources.map((s) => (opts.w ? `(?<![\\w])(?:${s})(?![\\w])` : `(?:${s})`)).join('|');
    re = new RegExp(body, opts.i ? 'gi' : 'g');
  } catch {
    return failWith(ctx, 'grep: Unmatched ( or \\(', 2);
  }
  const inputs: { name: string; text: string }[] = [];
  let status = 1;
  let trouble = false;
  if (rest.length === 0) inputs.push({ name: '(standard input)', text: ctx.io.stdin });
  for (const f of rest) {
    const r = readFile(p, f);
    if (r.ok) inputs.push({ name: f, text: r.text });
    else {
      trouble = true;
      ctx.io.stderr(`grep: ${f}: ${r.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`);
    }
  }
  const multi = inputs.length > 1;
  for (const input of inputs) {
    let count = 0;
    linesOf(input.text).forEach((line, idx) => {
      re.lastIndex = 0;
      const hit = re.test(line) !== opts.v;
      if (!hit) return;
      count++;
      status = 0;
      if (opts.q || opts.c) return;
      const prefix = `${multi ? input.name + ':' : ''}${opts.n ? `${idx + 1}:` : ''}`;
      if (opts.o && !opts.v) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') ctx.io.stdout(prefix + m[0] + '\n');
      } else ctx.io.stdout(prefix + line + '\n');
    });
    if (opts.c && !opts.q) ctx.io.stdout(`${multi ? input.name + ':' : ''}${count}\n`);
    if (opts.q && status === 0) return 0;
  }
  return trouble && status !== 0 ? 2 : status;
};
