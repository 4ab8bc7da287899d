/**
 * The simulator's clock in the browser: a logical time that moves only at recorded moments (a key
 * press, a hidden check, a timer firing), so a session can be rebuilt by replaying its journal and
 * reach the very same state (see journal.ts).
 *
 * - `now()` reads the logical time; it does not creep forward while a command computes.
 * - `sleep(ms)` queues a timer at `now() + ms`. Live, a real timeout fires due timers as wall time
 *   passes; during a replay, `advanceTo(t)` fires every timer due by `t` in deadline order. Both
 *   paths fire one timer at a time and let the simulation settle in between, so they interleave
 *   timers with input identically.
 * - Wall time maps to logical time with an offset: after a restore, logical time continues from the
 *   last recorded moment (the time the page was closed does not pass for the simulation).
 */
import { Interrupted, type Clock } from '../sim/clock.ts';

interface Timer {
  deadline: number;
  /** Creation order, so timers with the same deadline fire first-come first-served. */
  serial: number;
  resolve(): void;
}

/** Let the simulation run until it waits again: promise chains and the shell's yields. */
export type Settle = () => Promise<void>;

/** A macrotask turn without the 4 ms clamp of nested setTimeout (MessageChannel where it exists). */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The default settle: two macrotask turns, enough for everything but busy shell loops. */
export async function settleTurns(): Promise<void> {
  await macrotask();
  await macrotask();
}

function abortError(): Error {
  return new Interrupted();
}

/** A logical clock; see the module comment. */
export class LogicalClock implements Clock {
  private t: number;
  private serial = 0;
  private timers: Timer[] = [];
  private live = false;
  /** Logical time = wall time - offset (live mode). */
  private offset = 0;
  private wallNow: () => number;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private onDue: (() => void) | undefined;

  constructor(start: number, wallNow: () => number = Date.now) {
    this.t = start;
    this.wallNow = wallNow;
  }

  now(): number {
    return this.t;
  }

  /** Timers waiting (for tests). */
  get pending(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer: Timer = { deadline: this.t + Math.max(0, Number.isFinite(ms) ? ms : 0), serial: this.serial++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.timers.indexOf(timer);
          if (at < 0) return;
          this.timers.splice(at, 1);
          reject(abortError());
        },
        { once: true },
      );
      this.arm();
    });
  }

  /**
   * From now on follow wall time: `onDue` is called when a timer is due (the owner then calls
   * `advanceTo(liveNow())` inside its serialized queue). Logical time continues from where it is.
   */
  goLive(onDue: () => void): void {
    this.live = true;
    this.onDue = onDue;
    this.offset = this.wallNow() - this.t;
    this.arm();
  }

  /** The logical time wall time says it is (never behind the clock). */
  liveNow(): number {
    return Math.max(this.t, this.wallNow() - this.offset);
  }

  /**
   * Fire, one by one and in order, every timer due by `until`; then stand at `until` (an event
   * happens there) unless `stand` is false (a live timer tick: time stays at the last deadline).
   * Returns how many timers fired.
   */
  async advanceTo(until: number, settle: Settle, maxFirings = Infinity, stand = true): Promise<number> {
    let fired = 0;
    for (;;) {
      const next = this.earliest();
      if (!next || next.deadline > until || fired >= maxFirings) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = Math.max(this.t, next.deadline);
      next.resolve();
      fired++;
      await settle();
    }
    if (stand) this.t = Math.max(this.t, until);
    this.arm();
    return fired;
  }

  /** Stop the live timeout (the sandbox closed). */
  stop(): void {
    this.live = false;
    clearTimeout(this.wake);
    this.wake = undefined;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.deadline < best.deadline || (timer.deadline === best.deadline && timer.serial < best.serial)) best = timer;
    }
    return best;
  }

  private arm(): void {
    if (!this.live) return;
    clearTimeout(this.wake);
    this.wake = undefined;
    const next = this.earliest();
    if (!next) return;
    const delay = Math.max(0, next.deadline - (this.wallNow() - this.offset));
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.onDue?.();
    }, delay);
  }
}
