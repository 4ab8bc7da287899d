/** The on-screen key bar's Ctrl: letters and @[\]^_ become control characters, other keys pass. */
import { describe, expect, it } from 'vitest';
import { KEY_BAR, KEY_SEQUENCES, withControl } from '../../../src/components/terminal/key-bar.ts';

describe('key bar', () => {
  it('turns c and C into ETX and [ into ESC, as a real Ctrl does', () => {
    expect(withControl('c')).toBe('\x03');
    expect(withControl('C')).toBe('\x03');
    expect(withControl('d')).toBe('\x04');
    expect(withControl('[')).toBe('\x1b');
  });

  it('sends keys Ctrl cannot combine with unchanged', () => {
    expect(withControl('1')).toBe('1');
    expect(withControl('|')).toBe('|');
    expect(withControl('\x1b[A')).toBe('\x1b[A');
  });

  it('has a sequence for every key but Ctrl', () => {
    for (const { key } of KEY_BAR) if (key !== 'ctrl') expect(KEY_SEQUENCES[key]).toBeTruthy();
  });
});
