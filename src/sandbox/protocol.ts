/**
 * The wire protocol between a lesson terminal and a sandbox, shared by both ends.
 *
 * Binary frames carry raw terminal bytes in both directions. Text frames carry one JSON
 * control message each. The same messages travel over the WebSocket (server build) and over
 * postMessage (in-browser simulator), so the terminal component never knows which is behind it.
 */

export const PROTOCOL_VERSION = 1;

/** Largest frame we accept from a client; bigger ones are closed with 1009 by ws. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/** Client → server control messages. */
export type ClientControl =
  /** First message on every connection: start a new sandbox or resume `session`. */
  | { type: 'hello'; version: number; session?: string; node?: string; cols: number; rows: number }
  | { type: 'resize'; cols: number; rows: number }
  /** Throw the sandbox away and start a fresh one under a new session id. */
  | { type: 'reset' }
  /** Run a hidden command (exercise checks) and answer with `exec-result`. */
  | { type: 'exec'; id: string; command: string; node?: string };

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
    }
  | { type: 'exec-result'; id: string; exit: number; output: string }
  /** The sandbox ended (expired, reset elsewhere, server restart); the client may start anew. */
  | { type: 'exit'; reason: 'expired' | 'reset' | 'closed' | 'restarted'; message: string }
  | { type: 'error'; code: ProtocolErrorCode; message: string };

export type ProtocolErrorCode =
  | 'bad-message'
  | 'unknown-session'
  | 'capacity'
  | 'rate-limited'
  | 'not-ready'
  | 'internal';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_COMMAND_CHARS = 4096;
const MAX_ID_CHARS = 128;

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= 1000;
}

function optionalString(v: unknown, max: number): v is string | undefined {
  return v === undefined || (typeof v === 'string' && v.length <= max);
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
      if (!optionalString(m.session, MAX_ID_CHARS) || !optionalString(m.node, 64)) {
        return { ok: false, error: 'hello has a malformed session or node' };
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
      if (!optionalString(m.node, 64)) return { ok: false, error: 'exec has a malformed node' };
      return {
        ok: true,
        value: { type: 'exec', id: m.id, command: m.command, ...(m.node !== undefined ? { node: m.node } : {}) },
      };
    default:
      return { ok: false, error: `unknown control message type` };
  }
}
