/**
 * The on-screen key bar for phones and tablets, whose keyboards have no Ctrl, Esc, Tab or arrows:
 * what each key sends to the shell, and Ctrl as a one-shot modifier for the next typed key.
 */
import type { KeyBarKey } from './strings.ts';

/** Keys in the order shown, with their visible labels. */
export const KEY_BAR: readonly { key: KeyBarKey; label: string }[] = [
  { key: 'ctrl', label: 'Ctrl' },
  { key: 'esc', label: 'Esc' },
  { key: 'tab', label: 'Tab' },
  { key: 'left', label: '←' },
  { key: 'up', label: '↑' },
  { key: 'down', label: '↓' },
  { key: 'right', label: '→' },
  { key: 'pipe', label: '|' },
  { key: 'dash', label: '-' },
];

/** What a key sends, as xterm sends it for a real keyboard (normal cursor mode); Ctrl sends nothing. */
export const KEY_SEQUENCES: Readonly<Record<Exclude<KeyBarKey, 'ctrl'>, string>> = {
  esc: '\x1b',
  tab: '\t',
  left: '\x1b[D',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  pipe: '|',
  dash: '-',
};

/**
 * `data` with Ctrl held: one letter or one of @[\]^_ becomes its control character (Ctrl-C is
 * \x03); anything else is sent unchanged, as a real terminal does for keys Ctrl cannot combine with.
 */
export function withControl(data: string): string {
  if (data.length !== 1) return data;
  const code = data.toUpperCase().charCodeAt(0);
  return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : data;
}
