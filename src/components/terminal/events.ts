/**
 * Events <vl-terminal> dispatches for the rest of the page (they bubble to document).
 * `vl:command-finished`: the learner ran a command (pressed Enter, typed or via Run) and the
 * terminal's output has then been quiet for COMMAND_IDLE_MS, i.e. the shell is most likely back
 * at a prompt. Exercises re-run their checks on it.
 */
import type { TerminalStatus } from './strings.ts';

export const COMMAND_FINISHED_EVENT = 'vl:command-finished';

/** Quiet time after the last output that counts as "the command finished". */
export const COMMAND_IDLE_MS = 300;

/**
 * `vl:terminal-status`: a node's terminal changed state (connecting, connected, reconnecting, ...).
 * Exercises disable Check while their node's terminal is not attached.
 */
export const TERMINAL_STATUS_EVENT = 'vl:terminal-status';

/** Detail of TERMINAL_STATUS_EVENT. */
export interface TerminalStatusDetail {
  node: string;
  status: TerminalStatus;
}

/** Detail of COMMAND_FINISHED_EVENT. */
export interface CommandFinishedDetail {
  /** The sandbox node whose terminal ran the command. */
  node: string;
}

/**
 * `vl:sandbox-state`: a pane received the sandbox's topology (protocol `state`), with `{ node, state }`
 * as its detail; the topology panel and the Ports control listen for it.
 */
export const SANDBOX_STATE_EVENT = 'vl:sandbox-state';

/**
 * `vl:sandbox-reset`: the learner reset the sandbox (the Reset button), with `{ node }` as its detail.
 * Verdicts of the old sandbox no longer hold: exercises go back to unchecked, and a broken lab's
 * <Solved> closes, since Reset breaks the lab again.
 */
export const SANDBOX_RESET_EVENT = 'vl:sandbox-reset';
