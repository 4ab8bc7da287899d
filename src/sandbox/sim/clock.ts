/**
 * Time for the simulator. The terminal runs on real time (ping prints once a second); the replay
 * CLI, exercise checks and tests run on a virtual clock so `ping -c 3` returns at once while still
 * reporting plausible timings.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the simulated machines see it. */
  now(): number;
  /** Wait `ms`; rejects with an AbortError when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortError(): Error {
  const e = new Error('interrupted');
  e.name = 'AbortError';
  return e;
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

/** Time that advances only when someone sleeps; sleeping never waits. */
export class VirtualClock implements Clock {
  private t: number;

  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    this.t += Math.max(0, ms);
    return Promise.resolve();
  }
}

/** Whether `e` is the AbortError a sleep (or a program cut short by Ctrl-C) rejects with. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
