/**
 * The container runtime as the daemon sees it (containerd + runc): start a process in a container
 * and learn its exit status. The simulation supplies it from the userland, so the daemon model
 * does not depend on program implementations.
 */
import type { Clock } from '../clock.ts';
import type { Container } from './container.ts';

/** Standard streams and lifetime of one process. */
export interface ProcessIO {
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  signal: AbortSignal;
  clock: Clock;
  tty: boolean;
  /** `docker exec -e` variables (KEY=VALUE), which replace or follow the container's own. */
  env?: readonly string[];
  /** The language of the terminal the output goes to (`docker exec` from a learner's shell), for vethlab's own tools. */
  locale?: string;
}

/** Runs processes inside containers. */
export interface Runtime {
  /** Whether `argv0` resolves to an executable in the container. */
  has(c: Container, argv0: string): boolean;
  /** Run argv in the container; resolves with the exit status. */
  run(c: Container, argv: readonly string[], io: ProcessIO): Promise<number>;
  /** Whether the process handles the stop signal (most PID 1 programs ignore SIGTERM). */
  handlesStopSignal(c: Container, argv0: string): boolean;
  /** The container's terminal changed size: its main process gets SIGWINCH (a line editor redraws). */
  resized(c: Container): void;
}
