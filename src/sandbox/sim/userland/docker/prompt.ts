/** The CLI's yes/no question before a destructive command (cli/command/utils.go PromptForConfirmation). */
import type { ProgramContext } from '../program.ts';

/** Print `message` with " [y/N] " and read one line: only "y" or "Y" goes on. */
export function confirm(ctx: ProgramContext, message: string): boolean {
  ctx.io.stdout(`${message} [y/N] `);
  const answer = ctx.io.stdin.split('\n', 1)[0] ?? '';
  return answer.toLowerCase() === 'y';
}
