/**
 * printf (coreutils and busybox alike for what learners type): the format's backslash escapes and
 * %s %d %i %x %c %% conversions, reused while arguments remain, as POSIX says.
 */
import type { Tool } from './registry.ts';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', "'": "'" };

function expandEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|.)/g, (_m, c: string) => (c.startsWith('0') ? String.fromCharCode(parseInt(c, 8)) : (ESCAPES[c] ?? `\\${c}`)));
}

/** One pass of the format over `args` from `next`; returns the text and how many arguments it used. */
function render(format: string, args: readonly string[], next: number): { text: string; used: number } {
  let used = 0;
  const text = format.replace(/%(-?\d*)([sdixc%])/g, (_m, width: string, conv: string) => {
    if (conv === '%') return '%';
    const arg = args[next + used++] ?? '';
    let out: string;
    if (conv === 's') out = arg;
    else if (conv === 'c') out = arg.slice(0, 1);
    else {
      const n = arg === '' ? 0 : Number.parseInt(arg, 10);
      const value = Number.isNaN(n) ? 0 : n;
      out = conv === 'x' ? value.toString(16) : String(value);
    }
    const w = Number(width.replace('-', '')) || 0;
    return width.startsWith('-') ? out.padEnd(w) : out.padStart(w);
  });
  return { text: expandEscapes(text), used };
}

/** The printf program. */
export const printf: Tool = async (_p, ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) {
    ctx.io.stderr("printf: missing operand\nTry 'printf --help' for more information.\n");
    return 1;
  }
  let next = 0;
  let out = '';
  do {
    const r = render(format, args, next);
    out += r.text;
    if (r.used === 0) break;
    next += r.used;
  } while (next < args.length);
  ctx.io.stdout(out);
  return 0;
};
