/**
 * What a host can plug into a SandboxConnection without the connection knowing about it: the server
 * verifies exercises for its classroom and tells instructors who is at which terminal (watching). The
 * in-browser worker plugs in nothing. Each connection gets its own hooks (they know the browser's
 * classroom identity from the upgrade request).
 */
import type { ExecResult } from '../driver.ts';

/** The sandbox a check runs in: the connection's current session. */
export interface CheckSandbox {
  /** The host profile the session was created with; undefined for the default. */
  readonly profile: string | undefined;
  hasNode(node: string): boolean;
  exec(command: string, node: string): Promise<ExecResult>;
}

/** What the server's checks said (protocol `check-result` without the id). */
export interface CheckAnswer {
  verdicts: boolean[];
  doneAt: string | null;
  error?: string;
}

/** A terminal as the watch side sees it: where it is attached, and a way to tell its page things. */
export interface AttachedTerminal {
  /** Tell the page how many instructors watch (protocol `watchers`). */
  notifyWatchers(count: number): void;
}

export interface ConnectionHooks {
  /** Run lesson `lesson`'s exercise `exercise` in `sandbox` and record it; present: `ready` says `checks`. */
  check?(request: { lesson: string; exercise: string }, sandbox: CheckSandbox): Promise<CheckAnswer>;
  /** The connection's terminal is now `node` of `sessionId` (after hello, or following a reset). */
  attached?(terminal: AttachedTerminal, sessionId: string, node: string): void;
  /** The connection is gone. */
  closed?(terminal: AttachedTerminal): void;
}
