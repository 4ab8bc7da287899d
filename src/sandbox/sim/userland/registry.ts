/**
 * Program implementations by name. A tool is a program that also receives its process view;
 * which names exist on a target is decided by the image (or host) and what was installed since.
 */
import type { ProgramContext } from './program.ts';
import type { Proc } from './proc.ts';

/** A userland program with its view of the machine. */
export type Tool = (p: Proc, ctx: ProgramContext) => Promise<number>;

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
