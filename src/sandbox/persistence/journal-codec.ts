/**
 * A session's journal as one JSON text for the database: the same wire form the browser sends to
 * /progress/verify (journal-wire.ts), plus each node's screen in base64. Decoding checks it as
 * strictly as a journal from a browser: a row is data, and a bad one is dropped, never replayed.
 */
import { fromBase64, toBase64 } from '../base64.ts';
import { decodeJournal, encodeJournal, type JournalBounds } from '../worker/journal-wire.ts';
import { SCREEN_BYTES, type SavedSandbox } from '../worker/journal.ts';

/** The bounds of a kept journal: those of a journal the classroom agrees to replay. */
export const STORED_JOURNAL_BOUNDS: JournalBounds = { maxEvents: 20_000, maxInputBytes: 192 * 1024 };
/** A record bigger than this (journal and screens, as text) is no longer kept. */
export const MAX_STORED_JOURNAL_CHARS = 1024 * 1024;

const NODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The text kept for `saved`. */
export function encodeStoredJournal(saved: SavedSandbox): string {
  const screens: Record<string, string> = {};
  for (const [node, bytes] of Object.entries(saved.screens)) screens[node] = toBase64(bytes);
  return JSON.stringify({ ...encodeJournal(saved), instance: saved.instance, screens, printed: saved.printed });
}

/** `text` back as a saved sandbox, or an error saying what is wrong with it. */
export function decodeStoredJournal(text: string): { ok: true; saved: SavedSandbox } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the stored journal is not JSON' };
  }
  const decoded = decodeJournal(value, STORED_JOURNAL_BOUNDS);
  if (!decoded.ok) return decoded;
  const { instance, screens, printed } = value as { instance?: unknown; screens?: unknown; printed?: unknown };
  if (typeof instance !== 'string' || instance.length > 64) return { ok: false, error: 'the stored journal has no instance' };
  const restored: Record<string, Uint8Array> = {};
  if (typeof screens === 'object' && screens !== null) {
    for (const [node, encoded] of Object.entries(screens)) {
      const bytes = typeof encoded === 'string' ? fromBase64(encoded) : undefined;
      if (!NODE.test(node) || !bytes || bytes.length > SCREEN_BYTES) return { ok: false, error: `the stored screen of ${node} is malformed` };
      restored[node] = bytes;
    }
  }
  if (printed === undefined) return { ok: true, saved: { ...decoded.saved, instance, screens: restored } };
  const counts: Record<string, number> = {};
  if (typeof printed !== 'object' || printed === null) return { ok: false, error: 'the stored output counts are malformed' };
  for (const [node, count] of Object.entries(printed)) {
    if (!NODE.test(node) || !Number.isSafeInteger(count) || (count as number) < 0) return { ok: false, error: `the stored output count of ${node} is malformed` };
    counts[node] = count as number;
  }
  return { ok: true, saved: { ...decoded.saved, instance, screens: restored, printed: counts } };
}

/** Whether `saved` is small enough to keep (events and input within the bounds, text within the cap). */
export function fitsStore(saved: SavedSandbox, text: string): boolean {
  if (text.length > MAX_STORED_JOURNAL_CHARS || saved.events.length > STORED_JOURNAL_BOUNDS.maxEvents) return false;
  let input = 0;
  for (const event of saved.events) input += event.k === 'in' ? event.d.length : event.k === 'exec' ? event.x.length : 0;
  return input <= STORED_JOURNAL_BOUNDS.maxInputBytes;
}
