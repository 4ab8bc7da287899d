/**
 * Which backend the terminals use. The static build (`npm run build:static`, PUBLIC_SANDBOX_MODE=
 * browser) always runs the simulator in the browser. The server build uses the server's sandboxes,
 * unless the learner accepted the in-browser simulator after the server stayed unreachable or full;
 * that choice lasts for the tab (sessionStorage), so a new visit tries the server again.
 */
import type { TransportKind } from './transport.ts';
import { webSocketTransport } from './transport.ts';
import { SESSION_KEY } from './session-store.ts';
import { startSandboxWorker, workerTransport } from './worker-transport.ts';

export type SandboxMode = 'server' | 'browser';

/** sessionStorage key of the learner's choice of the in-browser simulator. */
export const MODE_KEY = 'vethlab.sandbox-mode';
/** Dispatched on document when the mode changes; every pane reconnects. */
export const MODE_EVENT = 'vl:sandbox-mode';

/** Whether this build has no sandbox server at all (the static build). */
export const STATIC_BUILD = import.meta.env.PUBLIC_SANDBOX_MODE === 'browser';

/** The mode terminals use now. */
export function sandboxMode(): SandboxMode {
  if (STATIC_BUILD) return 'browser';
  try {
    return sessionStorage.getItem(MODE_KEY) === 'browser' ? 'browser' : 'server';
  } catch {
    return 'server';
  }
}

/** Switch this tab to the in-browser simulator; every terminal on the page follows. */
export function useBrowserSimulator(): void {
  try {
    sessionStorage.setItem(MODE_KEY, 'browser');
  } catch {
    // Storage disabled: the choice lasts for this page only.
    forced = true;
  }
  document.dispatchEvent(new CustomEvent(MODE_EVENT));
}

let forced = false;

/** The transport for the current mode; `url` is the server's WebSocket. */
export function currentTransport(url: string): TransportKind {
  return forced || sandboxMode() === 'browser' ? workerTransport : webSocketTransport(url, SESSION_KEY);
}

/** Start the simulator's worker ahead of the first connection when terminals will use it. */
export function prewarmSandbox(): void {
  if (forced || sandboxMode() === 'browser') startSandboxWorker();
}
