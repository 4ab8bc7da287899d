/**
 * A terminal's sandbox connection, opened before xterm.js has arrived. <vl-terminal> connects as
 * soon as it starts, and the sandbox (the server's, or the simulator's worker) boots while xterm.js
 * downloads and the page is still being parsed and laid out, instead of after. What the connection
 * receives meanwhile is kept and handed to the pane when it attaches (terminal-pane.ts), in order,
 * as if the pane had been there from the start.
 *
 * What is kept starts over at every `ready`: the pane clears its screen on `ready` and the sandbox
 * replays the screen after it, so nothing before the last `ready` could still show.
 */
import { SandboxClient, type ErrorMessage, type ExitMessage, type ReadyMessage, type SandboxClientOptions } from './sandbox-client.ts';

/** What the pane does with the connection's events (the xterm.js side). */
export interface PaneEvents {
  onOutput(bytes: Uint8Array): void;
  onReady(ready: ReadyMessage): void;
  onNotice(notice: ExitMessage | ErrorMessage): void;
  onRestarted(): void;
  onInputRefused(): void;
  onFallbackOffer(reason: 'unreachable' | 'capacity'): void;
}

/** The connection's options without the pane's part; `onReady` and `onOutput` here run at once, pane or not. */
export type EarlyOptions = Omit<SandboxClientOptions, keyof PaneEvents | 'size'> & {
  onReady?(ready: ReadyMessage): void;
  onOutput?(bytes: Uint8Array): void;
};

/** A connection a pane can take over. */
export interface EarlyConnection {
  readonly client: SandboxClient;
  /** The pane takes over: what arrived so far is replayed to `events`, then they go straight to it; `size` is its terminal's. */
  attach(events: PaneEvents, size: () => { cols: number; rows: number }): void;
}

/**
 * The size sent in the first hello when no pane exists yet: the classic terminal. The pane sends its
 * real size once xterm.js has fitted it (a resize, as when the learner resizes the window).
 */
export const SIZE_BEFORE_PANE = { cols: 80, rows: 24 } as const;
/** Output kept for a pane that has not attached yet; beyond it the oldest chunks go (a runaway command, xterm.js never loading). */
export const KEPT_OUTPUT_BYTES = 256 * 1024;

type Kept = { [K in keyof PaneEvents]: { kind: K; args: Parameters<PaneEvents[K]> } }[keyof PaneEvents];

/** Open `options`' connection now; see the module comment. */
export function openEarly(options: EarlyOptions): EarlyConnection {
  let pane: PaneEvents | undefined;
  let size: () => { cols: number; rows: number } = () => SIZE_BEFORE_PANE;
  let kept: Kept[] = [];
  let keptBytes = 0;
  const keep = (event: Kept) => {
    if (event.kind === 'onReady') {
      kept = [];
      keptBytes = 0;
    }
    kept.push(event);
    if (event.kind !== 'onOutput') return;
    keptBytes += event.args[0].length;
    while (keptBytes > KEPT_OUTPUT_BYTES) {
      const oldest = kept.findIndex((e) => e.kind === 'onOutput');
      const [dropped] = kept.splice(oldest, 1);
      if (dropped?.kind === 'onOutput') keptBytes -= dropped.args[0].length;
    }
  };
  const deliver = (event: Kept) => {
    if (!pane) {
      keep(event);
      return;
    }
    // The union's members pair each handler with its own arguments.
    (pane[event.kind] as (...args: Kept['args']) => void)(...event.args);
  };
  const { onReady, onOutput, ...rest } = options;
  const client = new SandboxClient({
    ...rest,
    size: () => size(),
    onOutput: (bytes) => {
      onOutput?.(bytes);
      deliver({ kind: 'onOutput', args: [bytes] });
    },
    onReady: (ready) => {
      onReady?.(ready);
      deliver({ kind: 'onReady', args: [ready] });
    },
    onNotice: (notice) => deliver({ kind: 'onNotice', args: [notice] }),
    onRestarted: () => deliver({ kind: 'onRestarted', args: [] }),
    onInputRefused: () => deliver({ kind: 'onInputRefused', args: [] }),
    onFallbackOffer: (reason) => deliver({ kind: 'onFallbackOffer', args: [reason] }),
  });
  client.connect();
  return {
    client,
    attach(events, paneSize) {
      size = paneSize;
      const replay = kept;
      kept = [];
      keptBytes = 0;
      pane = events;
      for (const event of replay) deliver(event);
    },
  };
}
