/**
 * A journaled sandbox (journal.ts) as JSON, for the in-browser simulator to send to the classroom
 * server, which replays it in its own simulator to verify an exercise. Terminal input is base64.
 * Decoding checks every field and the bounds below; nothing in a journal is trusted.
 */
import { fromBase64, toBase64 } from '../base64.ts';
import type { JournalEvent, SavedSandbox } from './journal.ts';

/** The journal of a sandbox without its screens (the server recomputes what it needs). */
export interface WireJournal {
  v: 1;
  profile: string;
  seed: number;
  start: number;
  events: WireEvent[];
}

export type WireEvent =
  | { t: number; k: 'open'; n: string }
  | { t: number; k: 'in'; n: string; d: string }
  | { t: number; k: 'size'; n: string; c: number; r: number }
  | { t: number; k: 'exec'; n: string; x: string }
  | { t: number; k: 'dockerd'; n: string };

/** Bounds of a journal the server agrees to replay (see docs/classroom.md). */
export interface JournalBounds {
  /** Events (keystroke frames, opens, resizes, hidden commands). */
  maxEvents: number;
  /** Terminal input plus hidden command text, in bytes. */
  maxInputBytes: number;
}

export const DEFAULT_JOURNAL_BOUNDS: JournalBounds = { maxEvents: 20_000, maxInputBytes: 192 * 1024 };

export type DecodeResult = { ok: true; saved: SavedSandbox } | { ok: false; error: string };

/** A node, or one of its further terminals (node/N, terminal-name.ts). */
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}(?:\/[2-9])?$/;
const PROFILE = /^[A-Za-z0-9._-]{0,128}$/;
const MAX_COMMAND_CHARS = 4096;

/** The journal part of a saved sandbox, ready for JSON. */
export function encodeJournal(saved: SavedSandbox): WireJournal {
  return {
    v: 1,
    profile: saved.profile,
    seed: saved.seed,
    start: saved.start,
    events: saved.events.map((event) => (event.k === 'in' ? { ...event, d: toBase64(event.d) } : event)),
  };
}

/** Validate a journal from a client and turn it back into a saved sandbox (with no screens). */
export function decodeJournal(value: unknown, bounds: JournalBounds = DEFAULT_JOURNAL_BOUNDS): DecodeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('journal must be an object');
  const wire = value as Record<string, unknown>;
  if (wire.v !== 1) return fail('journal version must be 1');
  if (typeof wire.profile !== 'string' || !PROFILE.test(wire.profile)) return fail('journal.profile is malformed');
  if (!isUint32(wire.seed)) return fail('journal.seed must be a 32-bit unsigned integer');
  if (!isTime(wire.start)) return fail('journal.start must be a time in milliseconds');
  if (!Array.isArray(wire.events)) return fail('journal.events must be a list');
  if (wire.events.length > bounds.maxEvents) return fail(`journal has more than ${bounds.maxEvents} events`);
  const events: JournalEvent[] = [];
  let inputBytes = 0;
  let last = wire.start;
  for (const [index, raw] of wire.events.entries()) {
    const where = `journal.events[${index}]`;
    if (typeof raw !== 'object' || raw === null) return fail(`${where} must be an object`);
    const e = raw as Record<string, unknown>;
    if (!isTime(e.t) || e.t < last) return fail(`${where}.t must be a time, not before the previous event`);
    last = e.t;
    if (typeof e.n !== 'string' || !NAME.test(e.n)) return fail(`${where}.n must be a node name`);
    switch (e.k) {
      case 'open':
        events.push({ t: e.t, k: 'open', n: e.n });
        break;
      case 'in': {
        const bytes = typeof e.d === 'string' ? fromBase64(e.d) : undefined;
        if (!bytes) return fail(`${where}.d must be base64`);
        inputBytes += bytes.length;
        events.push({ t: e.t, k: 'in', n: e.n, d: bytes });
        break;
      }
      case 'size':
        if (!isDimension(e.c) || !isDimension(e.r)) return fail(`${where} needs columns and rows`);
        events.push({ t: e.t, k: 'size', n: e.n, c: e.c, r: e.r });
        break;
      case 'exec':
        if (typeof e.x !== 'string' || e.x.length > MAX_COMMAND_CHARS) return fail(`${where}.x must be a command`);
        inputBytes += e.x.length;
        events.push({ t: e.t, k: 'exec', n: e.n, x: e.x });
        break;
      case 'dockerd':
        events.push({ t: e.t, k: 'dockerd', n: e.n });
        break;
      default:
        return fail(`${where}.k is not a known event`);
    }
    if (inputBytes > bounds.maxInputBytes) return fail(`journal input is over ${bounds.maxInputBytes} bytes`);
  }
  return { ok: true, saved: { v: 1, profile: wire.profile, instance: 'replay', seed: wire.seed, start: wire.start, events, screens: {} } };
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}

function isUint32(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

function isTime(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 8.64e15;
}

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= 1000;
}
