/**
 * printf (coreutils and busybox alike for what learners type): the format's backslash escapes and
 * %s %d %i %x %c %% conversions, reused while arguments remain, as POSIX says.
 */
import type { Tool } from './registry.ts';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', "'": "'" };

/**
 * A conversion, or one of the format's backslash escapes: `\NNN` (one to three octal digits, as bash
 * and coreutils read them: `\0211` is \021 then "1"), `\xHH` and the letters. Arguments are not
 * escaped: `printf '%s' 'a\tb'` prints the backslash.
 */
const DIRECTIVE = /%(-?\d*)([sdixc%])|\\([0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/g;

function escaped(c: string): string {
  if (/^[0-7]/.test(c)) return String.fromCharCode(parseInt(c, 8) & 0xff);
  if (/^x[0-9A-Fa-f]/.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  return ESCAPES[c] ?? `\\${c}`;
}

/** One pass of the format over `args` from `next`; returns the text and how many arguments it used. */
function render(format: string, args: readonly string[], next: number): { text: string; used: number } {
  let used = 0;
  const text = format.replace(DIRECTIVE, (_m, width: string | undefined, conv: string | undefined, escape: string | undefined) => {
    if (escape !== undefined) return escaped(escape);
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
    const w = Number((width ?? '').replace('-', '')) || 0;
    return (width ?? '').startsWith('-') ? out.padEnd(w) : out.padStart(w);
  });
  return { text, used };
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
