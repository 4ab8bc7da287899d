/**
 * Verifying an exercise from the in-browser simulator's journal: the server replays it in its own
 * simulator and runs the catalog's checks there. Forged, trimmed and oversized journals do not pass.
 */
import { beforeAll, expect, it } from 'vitest';
import { findExercise, type Catalog, type CatalogExercise } from '../../../src/classroom/catalog.ts';
import { runExerciseChecks } from '../../../src/classroom/exercise-checks.ts';
import { readCatalogFromFiles } from '../../../src/classroom/lesson-files.ts';
import { DEFAULT_REPLAY_BOUNDS, withReplayedSandbox } from '../../../src/classroom/replay-verification.ts';
import { decodeJournal, encodeJournal, type WireJournal } from '../../../src/sandbox/worker/journal-wire.ts';
import { journalOf } from '../worker/helpers.ts';

let catalog: Catalog;
let miniPod: CatalogExercise;
beforeAll(async () => {
  catalog = await readCatalogFromFiles('en');
  miniPod = findExercise(catalog, '4-3-joined', 'mini-pod')!;
});

/** What the server concludes from a journal sent as JSON. */
async function verify(wire: unknown, exercise: CatalogExercise = miniPod) {
  const decoded = decodeJournal(JSON.parse(JSON.stringify(wire)));
  if (!decoded.ok) return { decoded: decoded.error };
  return withReplayedSandbox(decoded.saved, (runCommand) => runExerciseChecks(exercise, runCommand));
}

it('passes 4.3 when the journal holds the solution typed in the in-browser simulator', async () => {
  const saved = await journalOf([
    'docker run -dit --name pod busybox',
    'docker run -d --name pod-web --network container:pod nginx',
    'docker run -dit --name pod-tool --network container:pod busybox',
  ]);
  expect(await verify(encodeJournal(saved))).toEqual({ ok: true, value: { verdicts: [true, true, true, true], failing: null } });
}, 30_000);

it('fails a journal without the work, and one with the work cut out', async () => {
  const partial = await journalOf(['docker run -dit --name pod busybox']);
  expect(await verify(encodeJournal(partial))).toEqual({ ok: true, value: { verdicts: [true, false, false, false], failing: 1 } });

  const full = await journalOf(['docker run -dit --name pod busybox', 'docker run -d --name pod-web --network container:pod nginx', 'docker run -dit --name pod-tool --network container:pod busybox']);
  const wire = encodeJournal(full);
  // Keep only the first command's keystrokes: the later containers never existed.
  const firstEnter = wire.events.findIndex((e) => e.k === 'in' && atob(e.d).includes('\r'));
  const trimmed: WireJournal = { ...wire, events: wire.events.slice(0, firstEnter + 1) };
  const result = await verify(trimmed);
  expect(result).toMatchObject({ ok: true, value: { failing: 1 } });
}, 30_000);

it('refuses journals beyond the bounds or malformed, naming the problem', async () => {
  const base = { v: 1, profile: '', seed: 1, start: 1_000 };
  const many = Array.from({ length: 20_001 }, (_, i) => ({ t: 1_000 + i, k: 'open', n: 'node1' }));
  expect(await verify({ ...base, events: many })).toEqual({ decoded: 'journal has more than 20000 events' });
  const huge = [{ t: 1_000, k: 'in', n: 'node1', d: btoa('x'.repeat(200 * 1024)) }];
  expect(await verify({ ...base, events: huge })).toEqual({ decoded: 'journal input is over 196608 bytes' });
  expect(await verify({ ...base, events: [{ t: 999, k: 'open', n: 'node1' }] })).toMatchObject({ decoded: /not before the previous event/ });
  expect(await verify({ ...base, events: [{ t: 1_000, k: 'in', n: 'node1', d: '<script>' }] })).toMatchObject({ decoded: /base64/ });
  expect(await verify({ ...base, profile: 'no-such-profile', events: [] })).toMatchObject({ ok: false, code: 'failed' });
});

it('gives up on a journal whose replay runs away (a ping left running for a day)', async () => {
  const day = 24 * 3600_000;
  const typed = (t: number, text: string) => ({ t, k: 'in', n: 'node1', d: btoa(text) });
  const journal = { v: 1, profile: '', seed: 5, start: 1_000, events: [{ t: 1_000, k: 'open', n: 'node1' }, typed(1_000, 'ping 127.0.0.1\r'), typed(1_000 + day, '\x03')] };
  const decoded = decodeJournal(journal);
  if (!decoded.ok) throw new Error(decoded.error);
  const result = await withReplayedSandbox(decoded.saved, async () => 'checked', { ...DEFAULT_REPLAY_BOUNDS, maxFirings: 1_000 });
  expect(result).toMatchObject({ ok: false, code: 'failed', error: /too long to replay/ });
}, 30_000);
