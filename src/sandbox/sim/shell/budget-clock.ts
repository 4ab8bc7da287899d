/**
 * A clock that bounds how long one command may run. On a virtual clock `ping box2` (no -c) would
 * otherwise loop forever without ever yielding to a timer, so a timeout could never fire: the
 * bound is checked where such programs wait, in `sleep`. Once spent, it calls `onSpent` (which
 * interrupts the command, like Ctrl-C) and every further sleep fails at once.
 */
import { Interrupted, type Clock } from '../clock.ts';

/**
 * Limits for one command: in the clock's time and in real (wall) time. The real-time limit is a
 * guard against a runaway model (the replay CLI and checks must end); within it, what a command
 * does depends only on the clock, so it cannot make two runs of the same input differ.
 */
export interface Budget {
  clockMs: number;
  realMs: number;
}

function abortError(): Error {
  return new Interrupted('time budget spent');
}

/** `base` with a per-command time budget; `restart()` at the start of each command. */
export class BudgetClock implements Clock {
  private readonly base: Clock;
  private readonly budget: Budget;
  private readonly onSpent: () => void;
  private startClock: number;
  private startReal: number;
  private spent = false;

  constructor(base: Clock, budget: Budget, onSpent: () => void) {
    this.base = base;
    this.budget = budget;
    this.onSpent = onSpent;
    this.startClock = base.now();
    this.startReal = Date.now();
  }

  restart(): void {
    this.startClock = this.base.now();
    this.startReal = Date.now();
    this.spent = false;
  }

  now(): number {
    return this.base.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!this.spent) {
      const clockSpent = this.base.now() + Math.max(0, ms) - this.startClock > this.budget.clockMs;
      const realSpent = Date.now() - this.startReal > this.budget.realMs;
      if (clockSpent || realSpent) {
        this.spent = true;
        this.onSpent();
      }
    }
    if (this.spent) return Promise.reject(abortError());
    return this.base.sleep(ms, signal);
  }
}
