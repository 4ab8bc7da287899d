/**
 * docker wait (moby daemon/wait.go, condition "not-running"): the exit status of a container once
 * it does not run; at once for one that is created or exited. The waiting CLI is a foreground
 * command, so time runs on while it waits: background timers (the container's `sleep 5`) fire as
 * their deadlines pass, until the container stops or Ctrl-C ends the wait.
 */
import { Interrupted, type Clock } from '../clock.ts';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';

/** Resolves when `c` stops, `signal` fires, or (if given) the clock reaches `deadline`. */
async function nextEvent(d: Daemon, c: Container, clock: Clock, signal: AbortSignal, deadline: number | undefined): Promise<void> {
  const woken = new AbortController();
  const wake = () => woken.abort();
  const watcher = (stopped: Container) => {
    if (stopped === c) wake();
  };
  signal.addEventListener('abort', wake, { once: true });
  d.stopWatchers.add(watcher);
  try {
    if (signal.aborted) return;
    if (deadline === undefined) {
      await new Promise<void>((resolve) => woken.signal.addEventListener('abort', () => resolve(), { once: true }));
      return;
    }
    // The deadline is on the timers' clock, which the foreground clock runs on (or a check's copy of it).
    await clock.sleep(Math.max(0, deadline - d.kernel.timers.clock().now()), woken.signal);
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
  } finally {
    signal.removeEventListener('abort', wake);
    d.stopWatchers.delete(watcher);
  }
}

/** The container's exit code once it does not run, or undefined if `signal` (Ctrl-C) fires first. */
export async function waitNotRunning(d: Daemon, c: Container, clock: Clock, signal: AbortSignal): Promise<number | undefined> {
  const timers = d.kernel.timers;
  // A waiter that is itself a background process must not move time for the others.
  const foreground = !timers.isBackground(clock);
  while (c.status === 'running') {
    if (signal.aborted) return undefined;
    if (foreground) await timers.settle();
    if (c.status !== 'running') break;
    await nextEvent(d, c, clock, signal, foreground ? timers.nextDeadline() : undefined);
  }
  return c.exitCode;
}
