/**
 * A job's view of time, which stops while the job is stopped (SIGSTOP, SIGTSTP, or SIGTTIN for
 * reading the terminal in the background): a program's waits that end meanwhile resume only when
 * the job is continued (fg, bg, SIGCONT), as a stopped process runs nothing until then.
 */
import { Interrupted, type Clock } from '../clock.ts';

/** Writes kept for a stopped job (a socket's buffer is bounded too: beyond it, packets are dropped). */
const MAX_HELD_WRITES = 4096;

export class JobClock implements Clock {
  private readonly base: Clock;
  private stoppedNow = false;
  private readonly waiters = new Set<() => void>();
  /** Output written while stopped, shown when the job continues. */
  private held: (() => void)[] = [];

  constructor(base: Clock) {
    this.base = base;
  }

  now(): number {
    return this.base.now();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await this.base.sleep(ms, signal);
    await this.whileStopped(signal);
  }

  get stopped(): boolean {
    return this.stoppedNow;
  }

  stop(): void {
    this.stoppedNow = true;
  }

  resume(): void {
    this.stoppedNow = false;
    for (const show of this.held.splice(0)) show();
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * `write` as a stopped process does it: not until it is continued. A program that prints as
   * events arrive (tcpdump's packets, which the kernel queues on its socket meanwhile) shows
   * nothing while the job is stopped and catches up when it continues.
   */
  holdWhileStopped(write: (text: string) => void): (text: string) => void {
    return (text) => {
      if (!this.stoppedNow) write(text);
      else if (this.held.length < MAX_HELD_WRITES) this.held.push(() => write(text));
    };
  }

  /** Resolves at once while running, else when continued; rejects with Interrupted when `signal` fires. */
  whileStopped(signal?: AbortSignal): Promise<void> {
    if (!this.stoppedNow) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.waiters.delete(wake);
        reject(new Interrupted());
      };
      if (signal?.aborted) return onAbort();
      this.waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
