/**
 * The line editor measures text with the same table as the browser's xterm.js with the unicode11
 * addon, so an emoji or a CJK character moves the cursor by the cells the screen gives it.
 */
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { describe, expect, it } from 'vitest';
import { charWidth, textWidth } from '../../../src/sandbox/sim/tty/char-width.ts';

/** The addon's width provider, taken as xterm.js would register it. */
function unicode11(): { wcwidth(cp: number): number } {
  let provider: { wcwidth(cp: number): number } | undefined;
  const terminal = { unicode: { register: (p: { wcwidth(cp: number): number }) => (provider = p) } };
  new Unicode11Addon().activate(terminal as unknown as Parameters<Unicode11Addon['activate']>[0]);
  return provider!;
}

describe('character widths', () => {
  it('agree with @xterm/addon-unicode11 on every printable code point', () => {
    const xterm = unicode11();
    const differ: string[] = [];
    for (let cp = 0x20; cp <= 0x10ffff; cp++) {
      if (charWidth(cp) !== xterm.wcwidth(cp)) differ.push(cp.toString(16));
      if (differ.length > 10) break;
    }
    expect(differ).toEqual([]);
  });

  it('counts emoji and CJK as two cells, combining marks as none', () => {
    expect(textWidth('😀')).toBe(2);
    expect(textWidth('容器')).toBe(4);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('ok')).toBe(2);
  });
});
