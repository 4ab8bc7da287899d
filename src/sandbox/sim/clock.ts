/**
 * Time for the simulator. The terminal runs on real time (ping prints once a second); the replay
 * CLI, exercise checks and tests run on a virtual clock so `ping -c 3` returns at once while still
 * reporting plausible timings.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the simulated machines see it. */
  now(): number;
  /** Wait `ms`; rejects with `Interrupted` when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A wait cut short (Ctrl-C, a stop, a spent time budget): what every clock's sleep rejects with.
 * Programs test for it by type, so that a real failure is never mistaken for Ctrl-C. Its name is
 * the platform's "AbortError", which the shell and AbortSignal users already know.
 */
export class Interrupted extends Error {
  override readonly name = 'AbortError';

  constructor(message = 'interrupted') {
    super(message);
  }
}

function abortError(): Error {
  return new Interrupted();
}

/**
 * Wall-clock time with real waiting: the server's live terminals. Nothing replays those; the
 * browser, which does, runs the model on a logical clock instead (worker/logical-clock.ts).
 */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Time that advances only when someone sleeps; sleeping never waits. Sleepers wake in deadline
 * order, one per macrotask turn, so everything else runs until it waits too: a background job
 * (`tcpdump ... & sleep 1; ping ...`) reaches its packet socket before the foreground's `sleep 1`
 * is over, as it would in real time.
 */
export class VirtualClock implements Clock {
  private t: number;
  private serial = 0;
  private readonly timers: { deadline: number; serial: number; resolve(): void }[] = [];
  private turnQueued = false;

  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const timer = { deadline: this.t + Math.max(0, Number.isFinite(ms) ? ms : 0), serial: this.serial++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.timers.indexOf(timer);
          if (i < 0) return;
          this.timers.splice(i, 1);
          reject(abortError());
        },
        { once: true },
      );
      this.queueTurn();
    });
  }

  private queueTurn(): void {
    if (this.turnQueued) return;
    this.turnQueued = true;
    nextTurn(() => {
      this.turnQueued = false;
      this.timers.sort((a, b) => a.deadline - b.deadline || a.serial - b.serial);
      const due = this.timers.shift();
      if (!due) return;
      this.t = Math.max(this.t, due.deadline);
      due.resolve();
      if (this.timers.length > 0) this.queueTurn();
    });
  }
}

/** Run `fn` after pending promise work settles (a macrotask turn). */
function nextTurn(fn: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(fn);
  else setTimeout(fn, 0);
}

/** Whether `e` is the abort a sleep (`Interrupted`) or the platform (a DOMException) rejects with. */
export function isAbortError(e: unknown): boolean {
  return e instanceof Interrupted || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError');
}
