/**
 * fmt.Sprintf as a template's `printf` runs it: the verbs %v %s %d %q %x %X %f %t %T and %%, with
 * the flags `- + 0 space #`, a width and a precision. What fmt itself reports lands in the text as
 * fmt words it: `%!d(string=web)` for a verb that does not fit its operand, `%!s(MISSING)` for a
 * missing one, `%!(EXTRA string=x)` for operands left over.
 */
import { type Addresses, formatGo } from './go-fmt.ts';
import { goQuote } from './go-strconv.ts';
import { concrete, isNil, typeName, type GoValue } from './go-types.ts';

/**
 * The largest width or precision honoured. Go would pad to any size, but one template must not
 * build a string of hundreds of megabytes in the process every simulation shares.
 */
export const MAX_FORMAT_WIDTH = 65_536;

/** toFixed's limit. */
const MAX_FLOAT_PRECISION = 100;

const VERB = /%([-+ #0]*)(\d*)(?:\.(\d*))?([a-zA-Z%])/g;

interface Spec {
  flags: string;
  width: number;
  precision: number | undefined;
  verb: string;
}

/** Format `args` by `format`; `undefined` operands are reflect's invalid values (a missing key). */
export function goSprintf(format: string, args: readonly (GoValue | undefined)[], addresses: Addresses): string {
  let next = 0;
  const text = format.replace(VERB, (_m, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const spec: Spec = { flags, width: clamp(width), precision: precision === undefined ? undefined : clamp(precision), verb };
    return pad(formatOperand(spec, args[next++], addresses), spec);
  });
  if (next >= args.length) return text;
  const extra = args.slice(next).map((a) => (a === undefined ? '<nil>' : `${operandType(a)}=${formatGo(a, addresses)}`));
  return `${text}%!(EXTRA ${extra.join(', ')})`;
}

function clamp(digits: string): number {
  return Math.min(Number(digits || 0), MAX_FORMAT_WIDTH);
}

/** The dynamic type fmt sees: what an interface holds. */
function operandType(v: GoValue): string {
  const c = concrete(v);
  return c.type.kind === 'interface' ? '<nil>' : typeName(c.type);
}

function formatOperand(spec: Spec, arg: GoValue | undefined, addresses: Addresses): string {
  if (arg === undefined || (concrete(arg).type.kind === 'interface' && isNil(concrete(arg)))) {
    return spec.verb === 'v' ? '<nil>' : spec.verb === 'T' ? '<nil>' : `%!${spec.verb}(<nil>)`;
  }
  const c = concrete(arg);
  const kind = c.type.kind;
  const bad = (): string => `%!${spec.verb}(${typeName(c.type)}=${formatGo(c, addresses)})`;
  switch (spec.verb) {
    case 'T':
      return typeName(c.type);
    case 'v':
      return formatGo(c, addresses);
    case 's':
      if (kind === 'int' || kind === 'float' || kind === 'bool') return bad();
      return truncate(formatGo(c, addresses), spec.precision);
    case 'q':
      return kind === 'string' ? goQuote(truncate(String(c.data ?? ''), spec.precision)) : bad();
    case 'd':
      return kind === 'int' ? signed(Number(c.data ?? 0), (n) => String(n), spec) : bad();
    case 'x':
    case 'X': {
      const hex = kind === 'int' ? signed(Number(c.data ?? 0), (n) => (spec.flags.includes('#') ? '0x' : '') + n.toString(16), spec) : kind === 'string' ? hexBytes(String(c.data ?? '')) : undefined;
      if (hex === undefined) return bad();
      return spec.verb === 'X' ? hex.toUpperCase() : hex;
    }
    case 'f':
    case 'F':
      return kind === 'float' ? signed(Number(c.data ?? 0), (n) => n.toFixed(Math.min(spec.precision ?? 6, MAX_FLOAT_PRECISION)), spec) : bad();
    case 't':
      return kind === 'bool' ? formatGo(c, addresses) : bad();
    default:
      return bad();
  }
}

/** A number's digits with the sign flags: `+` shows a plus, ` ` a space where the minus would be. */
function signed(n: number, digits: (magnitude: number) => string, spec: Spec): string {
  const body = digits(Math.abs(n));
  if (n < 0 || Object.is(n, -0)) return `-${body}`;
  if (spec.flags.includes('+')) return `+${body}`;
  if (spec.flags.includes(' ')) return ` ${body}`;
  return body;
}

function truncate(s: string, precision: number | undefined): string {
  return precision === undefined ? s : [...s].slice(0, precision).join('');
}

function hexBytes(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Pad to the width in runes: spaces on the left, on the right with `-`, zeros after the sign with `0`. */
function pad(text: string, spec: Spec): string {
  const missing = spec.width - [...text].length;
  if (missing <= 0) return text;
  if (spec.flags.includes('-')) return text + ' '.repeat(missing);
  if (!spec.flags.includes('0')) return ' '.repeat(missing) + text;
  const sign = /^[-+ ]/.test(text) && 'dxXfF'.includes(spec.verb) ? text.slice(0, 1) : '';
  return sign + '0'.repeat(missing) + text.slice(sign.length);
}
