/**
 * Decoding of terminal input (already UTF-8 decoded) into keys: runs of printable text, editing
 * keys from C0 controls and escape sequences in all the encodings xterm.js and other terminals
 * send. Every other control, C1 control and escape sequence (CSI, SS3, OSC including OSC 52,
 * DCS, APC, PM, SOS) is consumed and ignored, so it can never be echoed or stored.
 */

/** An editing action of the line discipline. */
export type EditAction =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'up'
  | 'down'
  | 'previous'
  | 'quoted-insert'
  | 'tab'
  | 'interrupt'
  | 'eof'
  | 'clear-screen'
  | 'kill-to-start'
  | 'kill-to-end'
  | 'kill-word-before'
  | 'kill-alnum-word-before'
  | 'kill-word-after'
  | 'word-left'
  | 'word-right'
  | 'yank'
  | 'paste-start'
  | 'paste-end'
  | 'ignore';

/** One decoded key. `lf` marks an Enter that was a bare `\n` (so `\r\n` counts once). */
export type Key = { kind: 'text'; text: string } | { kind: 'action'; action: EditAction; fromCR?: boolean };

/** A key and the index just after it; undefined when `text` ends inside a sequence (wait for more). */
export type Decoded = { key: Key; next: number } | undefined;

/** Longest escape sequence we keep waiting for; longer ones are garbage and dropped. */
const MAX_SEQUENCE = 4096;

const CONTROL_ACTIONS: Readonly<Record<number, EditAction>> = {
  0x01: 'home', // Ctrl-A
  0x02: 'left', // Ctrl-B
  0x03: 'interrupt', // Ctrl-C
  0x04: 'eof', // Ctrl-D
  0x05: 'end', // Ctrl-E
  0x06: 'right', // Ctrl-F
  0x08: 'backspace', // Ctrl-H / \b
  0x09: 'tab',
  0x0a: 'enter',
  0x0b: 'kill-to-end', // Ctrl-K
  0x0c: 'clear-screen', // Ctrl-L
  0x0d: 'enter',
  0x0e: 'down', // Ctrl-N
  0x10: 'previous', // Ctrl-P: history up, or the start of docker's detach sequence
  0x11: 'quoted-insert', // Ctrl-Q: the end of docker's detach sequence
  0x15: 'kill-to-start', // Ctrl-U
  0x17: 'kill-word-before', // Ctrl-W
  0x19: 'yank', // Ctrl-Y
  0x7f: 'backspace',
};

function action(a: EditAction, next: number, fromCR?: boolean): Decoded {
  return { key: { kind: 'action', action: a, ...(fromCR ? { fromCR } : {}) }, next };
}

/** True for code points that are printed as text (not C0, DEL, C1). */
export function isPrintable(cp: number): boolean {
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f);
}

/** Decode the key starting at `i`. In a bracketed paste, Tab is text and no editing keys apply. */
export function decodeKey(text: string, i: number, inPaste = false): Decoded {
  const cp = text.codePointAt(i) as number;
  if (isPrintable(cp) || (inPaste && cp === 0x09)) {
    let end = i;
    while (end < text.length) {
      const c = text.codePointAt(end) as number;
      if (!isPrintable(c) && !(inPaste && c === 0x09)) break;
      end += c > 0xffff ? 2 : 1;
    }
    const run = text.slice(i, end);
    return { key: { kind: 'text', text: inPaste ? run.replace(/\t/g, ' ') : run }, next: end };
  }
  if (cp === 0x1b) return decodeEscape(text, i);
  if (cp === 0x9b) return decodeCsi(text, i, i + 1);
  if (cp === 0x8f) return decodeSs3(text, i + 1);
  if (cp === 0x90 || cp === 0x9d || cp === 0x9e || cp === 0x9f || cp === 0x98) return skipString(text, i + 1, cp === 0x9d);
  if (inPaste && (cp === 0x0d || cp === 0x0a)) return action('enter', i + 1, cp === 0x0d);
  // Ctrl-C still works in a paste, so a paste whose end marker never comes cannot trap anyone.
  if (inPaste) return action(cp === 0x03 ? 'interrupt' : 'ignore', i + 1);
  return action(CONTROL_ACTIONS[cp] ?? 'ignore', i + 1, cp === 0x0d);
}

function decodeEscape(text: string, i: number): Decoded {
  const next = text[i + 1];
  if (next === undefined) return undefined;
  switch (next) {
    case '[':
      return decodeCsi(text, i, i + 2);
    case 'O':
      return decodeSs3(text, i + 2);
    case ']':
      return skipString(text, i + 2, true);
    case 'P':
    case '_':
    case '^':
    case 'X':
      return skipString(text, i + 2, false);
    case 'b':
    case 'B':
      return action('word-left', i + 2);
    case 'f':
    case 'F':
      return action('word-right', i + 2);
    case 'd':
    case 'D':
      return action('kill-word-after', i + 2);
    case '\x7f':
    case '\b':
      return action('kill-alnum-word-before', i + 2);
    case '\x1b':
      // ESC ESC: the first one is a lone Escape key press.
      return action('ignore', i + 1);
    default: {
      const cp = text.codePointAt(i + 1) as number;
      // Escape then a control key (Enter, Ctrl-C ...): the Escape alone is dropped, the key counts.
      if (cp < 0x20) return action('ignore', i + 1);
      // Alt+<char> we do not bind, or an escape sequence with intermediates: drop it whole.
      return action('ignore', i + 1 + (cp > 0xffff ? 2 : 1));
    }
  }
}

/** CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E. */
function decodeCsi(text: string, start: number, body: number): Decoded {
  let j = body;
  while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  if (j >= text.length) return j - start > MAX_SEQUENCE ? action('ignore', j) : undefined;
  const final = text.charCodeAt(j);
  if (final < 0x40 || final > 0x7e) return action('ignore', j); // malformed: drop what we saw
  const params = text.slice(body, j);
  const next = j + 1;
  const f = text[j] as string;
  const modified = params.includes(';');
  switch (f) {
    case 'A':
      return action('up', next);
    case 'B':
      return action('down', next);
    case 'C':
      return action(modified ? 'word-right' : 'right', next);
    case 'D':
      return action(modified ? 'word-left' : 'left', next);
    case 'H':
      return action('home', next);
    case 'F':
      return action('end', next);
    case '~':
      switch (params.split(';')[0]) {
        case '1':
        case '7':
          return action('home', next);
        case '4':
        case '8':
          return action('end', next);
        case '3':
          return action('delete', next);
        case '200':
          return action('paste-start', next);
        case '201':
          return action('paste-end', next);
        default:
          return action('ignore', next);
      }
    default:
      return action('ignore', next);
  }
}

function decodeSs3(text: string, i: number): Decoded {
  const f = text[i];
  if (f === undefined) return undefined;
  const map: Record<string, EditAction> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
  return action(map[f] ?? 'ignore', i + 1);
}

/**
 * OSC/DCS/APC/PM/SOS: skip to ST (ESC \ or 0x9C), or BEL for OSC. Any other control (Enter, Ctrl-C)
 * or an ESC that is not ST ends the string before it, as in the DEC parser: an unterminated string in
 * a paste must not swallow the keys typed after it (found by tests/unit/fuzz/terminal-fuzz.test.ts).
 */
function skipString(text: string, i: number, belEnds: boolean): Decoded {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x9c || (belEnds && c === 0x07)) return action('ignore', j + 1);
    if (c === 0x1b) {
      if (j + 1 >= text.length) return undefined;
      if (text[j + 1] === '\\') return action('ignore', j + 2);
      return action('ignore', j);
    }
    if (c < 0x20 && c !== 0x07) return action('ignore', j);
    if (j - i > MAX_SEQUENCE) return action('ignore', j);
  }
  return text.length - i > MAX_SEQUENCE ? action('ignore', text.length) : undefined;
}
