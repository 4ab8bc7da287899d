/**
 * Verifying an exercise done in the in-browser simulator: the browser sends its sandbox's journal
 * (seed, start time and every input, journal-wire.ts); the server rebuilds the sandbox in its own
 * simulator by replaying the journal, then runs the exercise's checks there. The replay is bounded:
 * the journal's size and event count (decodeJournal), the simulated timer firings, the wall time, and
 * how many replays run at once in the process.
 */
import { seededRandom } from '../sandbox/sim/kernel/random.ts';
import { simulatorFactory } from '../sandbox/worker/browser-driver.ts';
import { JournaledSandbox, startsDaemonsLate, type SavedSandbox } from '../sandbox/worker/journal.ts';
import type { RunCommand } from './exercise-checks.ts';
import { ignoreError } from '../errors/ignore-error.ts';

export interface ReplayBounds {
  /** Simulated timer firings (a `ping` without -c left running fires once a second). */
  maxFirings: number;
  /** Wall time for the replay and the checks together. */
  timeoutMs: number;
  /** Replays at once in this process; more wait in line ... */
  concurrent: number;
  /** ... up to this many, beyond which the request is refused (429). */
  queued: number;
}

export const DEFAULT_REPLAY_BOUNDS: ReplayBounds = { maxFirings: 50_000, timeoutMs: 10_000, concurrent: 1, queued: 8 };

export type ReplayResult<T> = { ok: true; value: T } | { ok: false; code: 'busy' | 'failed'; error: string };

let running = 0;
const waiting: Array<() => void> = [];

/**
 * Rebuild `saved` in a fresh simulator and hand `use` a way to run hidden commands in it, within the
 * bounds; the sandbox is closed afterwards. Never throws: a journal that cannot be replayed is a value.
 */
export async function withReplayedSandbox<T>(saved: SavedSandbox, use: (run: RunCommand) => Promise<T>, bounds: ReplayBounds = DEFAULT_REPLAY_BOUNDS): Promise<ReplayResult<T>> {
  if (running >= bounds.concurrent && waiting.length >= bounds.queued) {
    return { ok: false, code: 'busy', error: 'too many journals are being replayed; try again in a moment' };
  }
  if (running >= bounds.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  // The replay's clock never runs ahead of the journal: checks run at the time of its last event.
  const lastEvent = saved.events.at(-1)?.t ?? saved.start;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<ReplayResult<T>>((resolve) => {
    timer = setTimeout(() => {
      void sandbox?.close();
      resolve({ ok: false, code: 'failed', error: `the journal took longer than ${bounds.timeoutMs} ms to replay` });
    }, bounds.timeoutMs);
  });
  let sandbox: JournaledSandbox | undefined;
  const work = (async (): Promise<ReplayResult<T>> => {
    try {
      sandbox = new JournaledSandbox({
        profile: saved.profile,
        instance: saved.instance,
        seed: saved.seed,
        start: saved.start,
        random: seededRandom(saved.seed),
        create: simulatorFactory(saved.profile === '' ? undefined : saved.profile, startsDaemonsLate(saved)),
        wallNow: () => lastEvent,
      });
      await sandbox.replay(saved, bounds.maxFirings);
      const replayed = sandbox;
      const value = await use((command, node) => replayed.exec(command, { node }));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, code: 'failed', error: `the journal cannot be replayed: ${error instanceof Error ? error.message : String(error)}` };
    }
  })();
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    await sandbox?.close().catch(ignoreError('a throwaway replay sandbox; the verdict is already decided'));
    running--;
    waiting.shift()?.();
  }
}
