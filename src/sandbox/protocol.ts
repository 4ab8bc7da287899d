/**
 * The wire protocol between a lesson terminal and a sandbox, shared by both ends.
 *
 * Binary frames carry raw terminal bytes in both directions. Text frames carry one JSON
 * control message each. The same messages travel over the WebSocket (server build) and over
 * postMessage (in-browser simulator), so the terminal component never knows which is behind it.
 *
 * Flow, as implemented by src/sandbox/connection/sandbox-connection.ts and src/components/terminal/sandbox-client.ts:
 * - One socket per node terminal, at `/ws/sandbox`. The client's first frame is `hello`; the server
 *   answers `ready` (the session id to store; `resumed` says whether it was the stored one), then
 *   one binary frame replaying the node's recent output (the client resets its screen on every
 *   `ready`), then streams output. Keystrokes before `ready` are dropped.
 * - `reset` ends the sandbox and starts a fresh one under a new id; every socket attached to the old
 *   session, on any node, receives a new `ready` for the new session followed by its replay.
 * - `exit` then a close: `expired`/`closed` (1000: start a new session when the learner is back),
 *   `restarted` (1001, server shutdown: reconnect with backoff).
 * - `error` codes: `bad-message` (invalid JSON, unknown type, bad field; the socket stays open,
 *   except before `ready` for a wrong version, an unknown node or an unknown host profile: close 1008), `capacity` (close 1013,
 *   retry later), `unavailable` (the driver's engine is down: close 1013, retry later), `rate-limited`
 *   (input dropped), `not-ready`, `internal` (close 1011).
 * - `state` (added for the topology panel): the sandbox's topology (src/sandbox/topology/state.ts),
 *   sent after `ready` and after each command the terminal ran has finished (Enter, then output
 *   quiet for STATE_IDLE_MS), and only when it changed. Drivers without `Sandbox.state` send none.
 * - `check` (added for server-verified completions): when `ready` says `checks: true`, the server
 *   runs an exercise's checks itself, from the lesson catalog, in this sandbox, and answers
 *   `check-result` with a verdict per check; when every check passed and the terminal's browser is a
 *   classroom student, it records the completion at its own time (`doneAt`). Without `checks` (the
 *   in-browser simulator) the client runs the checks with `exec` instead.
 * - `port` (added for the Ports control): one GET to a port the sandbox publishes on `node`, answered
 *   with `port-result` (the page's bytes in base64, its status and a few headers; published-port.ts says which).
 *   The server build opens ports over plain HTTP instead (/sandbox/port/<token>/); the in-browser
 *   simulator, which has no HTTP server, answers here. Unpublished ports answer `error: 'not-published'`.
 * - `watchers` (server → client): how many instructors watch this learner's terminal now (0 when the
 *   last one left); the page says so. Watching is its own read-only endpoint (src/server/watch/).
 * - ws closes 1009 for frames above MAX_CLIENT_FRAME_BYTES and 1007 for text frames that are not UTF-8;
 *   a socket that misses a 30 s heartbeat ping, or that stops reading output, is terminated.
 */

import type { SandboxState } from './topology/state.ts';
import { isForwardablePath, isPortNumber, type PortFailureReason } from './published-port.ts';
import { MAX_TERMINALS_PER_NODE } from './terminal-name.ts';

export const PROTOCOL_VERSION = 1;

/** Quiet time after Enter and the last output after which the server sends a fresh `state`. */
export const STATE_IDLE_MS = 150;

/** Largest frame we accept from a client; bigger ones are closed with 1009 by ws. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/** Client → server control messages. */
export type ClientControl =
  /**
   * First message on every connection: start a new sandbox or resume `session`. `profile` (added
   * additively, optional) names the host profile the lesson needs (see SandboxOptions.profile), or a
   * broken lab's own, `lab.<slug>` (profiles/lab-profile.ts: the sandbox starts from the lesson's
   * hidden setup); a session of another profile is not resumed, a new one is started instead. `locale` (added
   * additively, optional) is the page's language: the sandbox's own tools (`explain`, `help`) and the
   * packet path in `state` speak it; a locale the sandbox does not know speaks English. `shell`
   * (added additively, optional, 1 to MAX_TERMINALS_PER_NODE; 1 when absent) picks one of the node's
   * terminals: each its own login shell in the same sandbox, with its own scrollback.
   */
  | { type: 'hello'; version: number; session?: string; node?: string; shell?: number; profile?: string; locale?: string; cols: number; rows: number }
  | { type: 'resize'; cols: number; rows: number }
  /** Throw the sandbox away and start a fresh one under a new session id. */
  | { type: 'reset' }
  /** Run a hidden command (exercise checks) and answer with `exec-result`. */
  | { type: 'exec'; id: string; command: string; node?: string }
  /** Run exercise `exercise` of lesson `lesson`'s checks on the server (see the flow above). */
  | { type: 'check'; id: string; lesson: string; exercise: string }
  /** GET `path` from published port `port` of `node` and answer with `port-result`. */
  | { type: 'port'; id: string; node: string; port: number; path: string };

/** Server → client control messages. */
export type ServerControl =
  | {
      type: 'ready';
      session: string;
      resumed: boolean;
      node: string;
      nodes: string[];
      driver: string;
      expiresAt: number;
      /** The server's clock when sending (ms), so the client can count down to expiresAt despite skew. */
      now?: number;
      /** The idle limit: no input or output for this long ends the sandbox. */
      idleMs?: number;
      /** The server verifies exercises itself (`check`); absent: the client checks with `exec`. */
      checks?: boolean;
    }
  | {
      type: 'check-result';
      id: string;
      /** One per check of the exercise, in order; empty with `error`. */
      verdicts: boolean[];
      /** Server time of the recorded completion; null when a check failed or nothing was recorded. */
      doneAt: string | null;
      /** Why the checks could not run (unknown exercise, another lesson's sandbox). */
      error?: string;
    }
  /** Instructors watching this learner's terminal now. */
  | { type: 'watchers'; count: number }
  | { type: 'exec-result'; id: string; exit: number; output: string }
  /** The answer to `port`: the page's bytes in base64, or why there is none (`error`, a PortFailureReason, with `message`). */
  | { type: 'port-result'; id: string; status: number; headers: [string, string][]; bodyBase64: string; error?: PortFailureReason; message?: string }
  /** The sandbox's topology now (see the flow above); the client draws it beside the terminal. */
  | { type: 'state'; state: SandboxState }
  /** The sandbox ended (expired, reset elsewhere, server restart); the client may start anew. */
  | { type: 'exit'; reason: 'expired' | 'reset' | 'closed' | 'restarted'; message: string }
  | { type: 'error'; code: ProtocolErrorCode; message: string };

/**
 * Server → client on the read-only watch endpoint (`/ws/watch`, src/server/watch/): text frames are
 * these, binary frames are the watched terminal's screen (scrollback replay after each `live`, then
 * its output). Nothing the watching client sends is read.
 */
export type WatchControl =
  /** Now showing `node` of the student's current sandbox; a replay of its screen follows. */
  | { type: 'watch'; state: 'live'; node: string }
  /** The student has no terminal open now; the view waits for one. */
  | { type: 'watch'; state: 'waiting' };

export type ProtocolErrorCode = 'bad-message' | 'unknown-session' | 'capacity' | 'unavailable' | 'rate-limited' | 'not-ready' | 'internal';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_COMMAND_CHARS = 4096;
const MAX_ID_CHARS = 128;

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= 1000;
}

function optionalString(v: unknown, max: number): v is string | undefined {
  return v === undefined || (typeof v === 'string' && v.length <= max);
}

/** Session ids, node and profile names: no character that could smuggle a control sequence into a log. */
const NAME = /^[A-Za-z0-9._-]*$/;

/** Lesson slugs and exercise ids: lower-case words and digits joined by dashes. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,15}$/;

function optionalName(v: unknown, max: number): v is string | undefined {
  return optionalString(v, max) && (v === undefined || NAME.test(v));
}

/** Validate one text frame from a client; never throws. */
export function parseClientControl(text: string): ParseResult<ClientControl> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'control frame is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: 'control frame is not an object' };
  }
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
      if (typeof m.version !== 'number') return { ok: false, error: 'hello needs a version' };
      if (!isDimension(m.cols) || !isDimension(m.rows)) return { ok: false, error: 'hello needs cols and rows' };
      if (!optionalName(m.session, MAX_ID_CHARS) || !optionalName(m.node, 64) || !optionalName(m.profile, 128) || !optionalName(m.locale, 16)) {
        return { ok: false, error: 'hello has a malformed session, node, profile or locale' };
      }
      if (m.shell !== undefined && !(typeof m.shell === 'number' && Number.isInteger(m.shell) && m.shell >= 1 && m.shell <= MAX_TERMINALS_PER_NODE)) {
        return { ok: false, error: `hello's shell must be a terminal number from 1 to ${MAX_TERMINALS_PER_NODE}` };
      }
      return {
        ok: true,
        value: {
          type: 'hello',
          version: m.version,
          cols: m.cols,
          rows: m.rows,
          ...(m.session !== undefined ? { session: m.session } : {}),
          ...(m.node !== undefined ? { node: m.node } : {}),
          ...(m.shell !== undefined && m.shell !== 1 ? { shell: m.shell } : {}),
          ...(m.profile !== undefined ? { profile: m.profile } : {}),
          ...(m.locale !== undefined ? { locale: m.locale } : {}),
        },
      };
    case 'resize':
      if (!isDimension(m.cols) || !isDimension(m.rows)) return { ok: false, error: 'resize needs cols and rows' };
      return { ok: true, value: { type: 'resize', cols: m.cols, rows: m.rows } };
    case 'reset':
      return { ok: true, value: { type: 'reset' } };
    case 'exec':
      if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > MAX_ID_CHARS) {
        return { ok: false, error: 'exec needs an id' };
      }
      if (typeof m.command !== 'string' || m.command.length > MAX_COMMAND_CHARS) {
        return { ok: false, error: 'exec needs a command of at most 4096 characters' };
      }
      if (!optionalName(m.node, 64)) return { ok: false, error: 'exec has a malformed node' };
      return {
        ok: true,
        value: { type: 'exec', id: m.id, command: m.command, ...(m.node !== undefined ? { node: m.node } : {}) },
      };
    case 'check':
      if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > MAX_ID_CHARS) return { ok: false, error: 'check needs an id' };
      if (typeof m.lesson !== 'string' || !SLUG.test(m.lesson) || typeof m.exercise !== 'string' || !SLUG.test(m.exercise)) {
        return { ok: false, error: 'check needs a lesson slug and an exercise id' };
      }
      return { ok: true, value: { type: 'check', id: m.id, lesson: m.lesson, exercise: m.exercise } };
    case 'port':
      if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > MAX_ID_CHARS) return { ok: false, error: 'port needs an id' };
      if (typeof m.node !== 'string' || !optionalName(m.node, 64) || typeof m.port !== 'number' || !isPortNumber(m.port)) {
        return { ok: false, error: 'port needs a node and a port number' };
      }
      if (typeof m.path !== 'string' || !isForwardablePath(m.path)) return { ok: false, error: 'port needs an absolute path' };
      return { ok: true, value: { type: 'port', id: m.id, node: m.node, port: m.port, path: m.path } };
    default:
      return { ok: false, error: `unknown control message type` };
  }
}
