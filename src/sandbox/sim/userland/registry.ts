/**
 * Program implementations by name. A tool is a program that also receives its process view;
 * which names exist on a target is decided by the image (or host) and what was installed since.
 */
import type { ExecTarget, ProgramContext } from './program.ts';
import type { Proc } from './proc.ts';

/** A userland program with its view of the machine. */
export type Tool = (p: Proc, ctx: ProgramContext) => Promise<number>;

/** Run another installed program in the same process, as execve(2) does (status 127 when missing). */
export interface Exec {
  (argv: readonly string[], ctx: ProgramContext): Promise<number>;
  /** Whether `name` can be executed where `target` runs (execve's ENOENT, before trying). */
  finds(target: ExecTarget, name: string): boolean;
}

/** A program's entry point: a Tool that may also exec its arguments (an entrypoint script). */
export type Main = (p: Proc, ctx: ProgramContext, exec: Exec) => Promise<number>;

/**
 * How an installed name runs. Shells are the session's interpreter (supplied by the simulation);
 * every other name is a Main with the traits the container runtime asks about.
 */
export type ProgramSpec =
  | { kind: 'shell' }
  | {
      kind: 'program';
      main: Main;
      /** As a container's PID 1 it exits on docker stop's signal (most programs ignore SIGTERM and are killed). */
      handlesStopSignal: boolean;
      /** There in every container whatever its image (vethlab's own tools). */
      inEveryContainer: boolean;
    };

/** Print to stderr with a newline and return `code`: the usual way a tool fails. */
export function failWith(ctx: ProgramContext, message: string, code = 1): number {
  ctx.io.stderr(message.endsWith('\n') ? message : message + '\n');
  return code;
}

/** Lines of a text, without the empty string after a final newline. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
