/** strconv's Quote and Unquote for Go's interpreted string literals ("..."), as templates use them. */

const ESCAPE_OF: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
const CHAR_OF: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** strconv.Quote: Go's escapes, printable characters as they are. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    out += ESCAPE_OF[ch] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch);
  }
  return `${out}"`;
}

/**
 * strconv.Unquote of a double-quoted literal: the escapes \a \b \f \n \r \t \v \\ \" \xHH \OOO
 * \uHHHH \UHHHHHHHH; any other character stands for itself except a newline. Undefined when the
 * literal is malformed.
 */
export function goUnquote(literal: string): string | undefined {
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) return undefined;
  const body = literal.slice(1, -1);
  let out = '';
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += new TextDecoder().decode(new Uint8Array(bytes.splice(0)));
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch === '\n' || ch === '"') return undefined;
    if (ch !== '\\') {
      flush();
      out += ch;
      continue;
    }
    const e = body[++i] ?? '';
    const simple = CHAR_OF[e];
    if (simple !== undefined) {
      flush();
      out += simple;
    } else if (e === 'x' || /[0-7]/.test(e)) {
      // \xHH and \OOO are bytes: consecutive ones make up one UTF-8 character.
      const digits = e === 'x' ? body.slice(i + 1, i + 3) : body.slice(i, i + 3);
      if (!(e === 'x' ? /^[0-9a-fA-F]{2}$/ : /^[0-7]{3}$/).test(digits)) return undefined;
      const value = parseInt(digits, e === 'x' ? 16 : 8);
      if (value > 255) return undefined;
      bytes.push(value);
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const digits = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
      flush();
      out += String.fromCodePoint(code);
      i += n;
    } else return undefined;
  }
  flush();
  return out;
}
