/**
 * Timers for background processes (a detached container's `sleep 60`, nginx, a ping left running).
 * They must not move the clock: only the learner's foreground commands do. A background sleep
 * waits until the clock has passed its deadline and fires when the simulation next settles, with
 * `now()` reading the deadline, so catching up yields the same output as having run in real time.
 */
import { Interrupted, type Clock } from '../clock.ts';

interface Pending {
  deadline: number;
  resolve: () => void;
}

/** Flush pending promise reactions a few times so woken processes reach their next sleep. */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 32; i++) await Promise.resolve();
}

/** The background timer queue of one machine. */
export class Timers {
  private readonly base: Clock;
  private pending: Pending[] = [];
  /** While settling, the time of the timer being fired. */
  private firing: number | undefined;
  private readonly clocks = new WeakSet<Clock>();

  constructor(base: Clock) {
    this.base = base;
  }

  /** A clock for background processes: sleeps are queued here instead of advancing time. */
  clock(): Clock {
    const c: Clock = {
      now: () => this.firing ?? this.base.now(),
      sleep: (ms, signal) => this.sleep(ms, signal),
    };
    this.clocks.add(c);
    return c;
  }

  /** Whether `clock` belongs to a background process (which must not settle others). */
  isBackground(clock: Clock): boolean {
    return this.clocks.has(clock);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const entry: Pending = { deadline: (this.firing ?? this.base.now()) + Math.max(0, ms), resolve };
      this.pending.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          this.pending = this.pending.filter((p) => p !== entry);
          reject(abortError());
        },
        { once: true },
      );
    });
  }

  /** Fire every timer whose deadline has passed, oldest first; bounded so a busy loop cannot hang. */
  async settle(): Promise<void> {
    await drainMicrotasks();
    const now = this.base.now();
    for (let steps = 0; steps < 5000; steps++) {
      let next: Pending | undefined;
      for (const p of this.pending) if (p.deadline <= now && (!next || p.deadline < next.deadline)) next = p;
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.firing = next.deadline;
      next.resolve();
      await drainMicrotasks();
    }
    this.firing = undefined;
  }

  /** The earliest deadline of a sleeping background timer (what a foreground wait lets time run to). */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const p of this.pending) if (next === undefined || p.deadline < next) next = p.deadline;
    return next;
  }

  /** Number of sleeping background timers (for tests and memory checks). */
  get size(): number {
    return this.pending.length;
  }
}

function abortError(): Error {
  return new Interrupted();
}
