/** Waiting on a running container from the CLI: until its main process ends, or Ctrl-C. */
import type { Container } from '../../daemon/container.ts';
import type { Daemon } from '../../daemon/daemon.ts';

/** Resolves `stopped` when `c` stops (at once if it does not run), `interrupted` when `signal` fires first. */
export function untilStoppedOrInterrupted(d: Daemon, c: Container, signal: AbortSignal): Promise<'stopped' | 'interrupted'> {
  if (c.status !== 'running') return Promise.resolve('stopped');
  if (signal.aborted) return Promise.resolve('interrupted');
  return new Promise((resolve) => {
    const generation = c.generation;
    const onStop = (stopped: Container): void => {
      if (stopped !== c || c.generation !== generation) return;
      done();
      resolve('stopped');
    };
    const onAbort = (): void => {
      done();
      resolve('interrupted');
    };
    const done = (): void => {
      d.stopWatchers.delete(onStop);
      signal.removeEventListener('abort', onAbort);
    };
    d.stopWatchers.add(onStop);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
