/**
 * Contract between runnable command blocks and the lesson terminal.
 * A Run button dispatches `vl:run` on document; the terminal (<vl-terminal>) listens, types the
 * command into its shell, presses Enter and scrolls itself into view.
 */

export const RUN_EVENT = 'vl:run';

export interface RunDetail {
  /** The command line exactly as shown, without a trailing newline. */
  command: string;
  /** Sandbox node to run it on (multi-node lessons); the lesson's first node when absent
   * (never the tab that happens to be active: the lesson's text is written for its first node). */
  node?: string;
}

declare global {
  interface DocumentEventMap {
    'vl:run': CustomEvent<RunDetail>;
  }
}

/** Ask the lesson terminal to run a command. */
export function dispatchRun(detail: RunDetail): void {
  document.dispatchEvent(new CustomEvent<RunDetail>(RUN_EVENT, { detail }));
}
