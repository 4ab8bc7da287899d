/**
 * The terminal's UI text: the `terminal` area of the locale tables (`status.idle` is `status.idle`
 * here), rendered into the page so the client needs no lookup and gets only its page's locale.
 */
import type { Locale } from '../../i18n/locales.ts';
import { areaObject } from '../../i18n/area-object.ts';
import type { TimerStrings } from './session-timer.ts';
import type { PortFailureReason } from '../../sandbox/published-port.ts';

export interface TerminalStrings extends TimerStrings {
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
  /** The "+" that opens another terminal on the shown node (`{node}` filled in by the script), and its limit (`{max}`). */
  newTerminal: string;
  terminalLimit: string;
  /** The server dropped input, a reset or a check for going too fast (protocol error `rate-limited`). */
  rateLimitedLine: string;
  /** An instructor watches this terminal (protocol `watchers`); they see it, they cannot type in it. */
  watched: string;
  /** The offer to continue on the in-browser simulator (fallback.ts). */
  fallback: { unreachable: string; capacity: string; button: string; detail: string };
  /** Keys typed while disconnected, beyond the few that are kept and sent on reconnect. */
  inputRefusedLine: string;
  /** Narrow screens: the docked terminal folds down to its toolbar and opens again. */
  collapse: string;
  expand: string;
  /** The Ports control: published ports of the sandbox, opened as pages (ports-control.ts). */
  ports: { button: string; title: string; empty: string; entry: string; open: string; newTab: string; close: string; frameTitle: string; failed: string };
  /** Why a port gave no page (published-port.ts PortFailureReason, and the terminal being offline). */
  portFailure: Record<PortFailureReason | 'disconnected', string>;
  /** The on-screen key bar (touch and narrow screens) and the names of its keys for screen readers. */
  keyBar: string;
  keys: Record<KeyBarKey, string>;
}

/** Keys of the on-screen key bar; see key-bar.ts. */
export type KeyBarKey = 'ctrl' | 'esc' | 'tab' | 'left' | 'up' | 'down' | 'right' | 'pipe' | 'dash';

/** Where a terminal pane is between the placeholder and a live shell. */
export type TerminalStatus = 'idle' | 'loading' | 'connecting' | 'connected' | 'reconnecting' | 'expired' | 'busy' | 'error';

/** The strings for `locale`. */
export function terminalStrings(locale: Locale): TerminalStrings {
  return areaObject(locale, 'terminal');
}
