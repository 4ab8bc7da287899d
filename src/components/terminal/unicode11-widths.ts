/**
 * xterm.js's Unicode 11 character widths, from the table the simulator's line editor measures with
 * (sim/tty/char-width.ts). @xterm/addon-unicode11 registers the same widths, but ships its own copy
 * of the table (9 KB of the page's compressed JavaScript); this provider reuses ours, so the screen
 * and the line editor also cannot drift apart. tests/unit/terminal/unicode11-widths.test.ts checks
 * it against the addon on every code point.
 */
import type { IUnicodeVersionProvider, Terminal } from '@xterm/xterm';
import { charWidth } from '../../sandbox/sim/tty/char-width.ts';

const VERSION = '11';

/** A cell's width as xterm packs it into character properties (UnicodeService.extractWidth). */
function packedWidth(properties: number): number {
  return (properties >> 1) & 3;
}

/** Character properties as xterm packs them (UnicodeService.createPropertyValue, grapheme state 0). */
function packed(width: number, joins: boolean): number {
  return ((width & 3) << 1) | (joins ? 1 : 0);
}

/** The provider xterm.js asks for widths once it is registered and active. */
export const unicode11Widths: IUnicodeVersionProvider = {
  version: VERSION,
  wcwidth: (codepoint) => charWidth(codepoint) as 0 | 1 | 2,
  // As the addon does: a zero-width character joins the character before it and takes its width.
  charProperties(codepoint, preceding) {
    let width = charWidth(codepoint);
    let joins = width === 0 && preceding !== 0;
    if (joins) {
      const before = packedWidth(preceding);
      if (before === 0) joins = false;
      else if (before > width) width = before;
    }
    return packed(width, joins);
  },
};

/** Make `term` measure text with Unicode 11 widths (needs the terminal's `allowProposedApi`). */
export function useUnicode11(term: Terminal): void {
  term.unicode.register(unicode11Widths);
  term.unicode.activeVersion = VERSION;
}
