/**
 * The terminal's UI text: the `terminal` area of the locale tables (`status.idle` is `status.idle`
 * here), rendered into the page so the client needs no lookup and gets only its page's locale.
 */
import type { Locale } from '../../i18n/locales.ts';
import { areaObject } from '../../i18n/area-object.ts';

export interface TerminalStrings {
  region: string;
  nodes: string;
  placeholder: string;
  noScript: string;
  hint: string;
  reset: string;
  resetConfirm: string;
  copyAll: string;
  copied: string;
  copyFailed: string;
  status: Record<TerminalStatus, string>;
  expiredLine: string;
  busyLine: string;
  errorLine: string;
  /** After a server restart: the terminal reconnected to a fresh sandbox. */
  restartedLine: string;
  /** The real driver's engine is down (protocol error `unavailable`). */
  unavailableLine: string;
  /** An instructor watches this terminal (protocol `watchers`); they see it, they cannot type in it. */
  watched: string;
  /** The offer to continue on the in-browser simulator (fallback.ts). */
  fallback: { unreachable: string; capacity: string; button: string; detail: string };
}

/** Where a terminal pane is between the placeholder and a live shell. */
export type TerminalStatus = 'idle' | 'loading' | 'connecting' | 'connected' | 'reconnecting' | 'expired' | 'busy' | 'error';

/** The strings for `locale`. */
export function terminalStrings(locale: Locale): TerminalStrings {
  return areaObject(locale, 'terminal');
}
