/**
 * The page's xterm.js measures text with our own Unicode 11 provider instead of the addon's: it must
 * give every code point the same width and the same joining with what precedes it.
 */
import { Unicode11Addon } from '@xterm/addon-unicode11';
import type { IUnicodeVersionProvider } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { unicode11Widths } from '../../../src/components/terminal/unicode11-widths.ts';

/** The addon's provider, taken as xterm.js would register it. */
function addonProvider(): IUnicodeVersionProvider {
  const registered: IUnicodeVersionProvider[] = [];
  const terminal = { unicode: { register: (provider: IUnicodeVersionProvider) => registered.push(provider) } };
  new Unicode11Addon().activate(terminal as unknown as Parameters<Unicode11Addon['activate']>[0]);
  const [provider] = registered;
  if (!provider) throw new Error('the addon registered no provider');
  return provider;
}

describe('Unicode 11 widths for xterm.js', () => {
  const addon = addonProvider();

  it('has the version the terminal activates', () => {
    expect(unicode11Widths.version).toBe(addon.version);
  });

  it('agrees with @xterm/addon-unicode11 on every code point, after a narrow, a wide, a zero-width or no character', () => {
    // What xterm passes as `preceding`: the properties it computed for the character before.
    const precedings = [0, addon.charProperties(0x61, 0), addon.charProperties(0x5bb9, 0), addon.charProperties(0x1f600, 0), addon.charProperties(0x301, 0)];
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff && differ.length < 10; cp++) {
      if (unicode11Widths.wcwidth(cp) !== addon.wcwidth(cp)) differ.push(`wcwidth ${cp.toString(16)}`);
      for (const preceding of precedings) {
        if (unicode11Widths.charProperties(cp, preceding) !== addon.charProperties(cp, preceding)) differ.push(`charProperties ${cp.toString(16)} after ${preceding}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('joins a combining mark to the letter before it', () => {
    const letter = unicode11Widths.charProperties(0x65, 0);
    const mark = unicode11Widths.charProperties(0x301, letter);
    expect(mark & 1).toBe(1);
    expect((mark >> 1) & 3).toBe(1);
  });
});
