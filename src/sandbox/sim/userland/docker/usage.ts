/**
 * What the docker CLI prints when a command is misused: pflag's flag errors with "See 'docker X
 * --help'." (exit 125, cli.StatusError), cobra's argument-count messages from docker's
 * cli/required.go with the command's usage line (exit 1), and daemon errors.
 */
import type { ProgramContext } from '../program.ts';
import type { ArgRule, DockerCommand } from './command.ts';
import { useLine, type CommandPath } from './help.ts';

/** A flag error: message, the help hint, exit 125; a group also prints its usage. */
export function flagError(ctx: ProgramContext, path: CommandPath, message: string, groupUsage?: string): number {
  ctx.io.stderr(`${message}\nSee '${path.join(' ')} --help'.\n${groupUsage === undefined ? '' : `\n${groupUsage}`}`);
  return 125;
}

function plural(n: number): string {
  return n === 1 ? 'argument' : 'arguments';
}

/** What is wrong with `count` operands under `rule`, in cobra's words; undefined when nothing is. */
function countProblem(rule: ArgRule, count: number): string | undefined {
  switch (rule.kind) {
    case 'none':
      return count === 0 ? undefined : 'accepts no arguments';
    case 'min':
      return count >= rule.n ? undefined : `requires at least ${rule.n} ${plural(rule.n)}`;
    case 'max':
      return count <= rule.n ? undefined : `requires at most ${rule.n} ${plural(rule.n)}`;
    case 'exact':
      return count === rule.n ? undefined : `requires exactly ${rule.n} ${plural(rule.n)}`;
    case 'range':
      return count >= rule.min && count <= rule.max ? undefined : `requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}`;
  }
}

/** cobra's argument-count error with the usage block (exit 1), or undefined when the count fits. */
export function argCountError(ctx: ProgramContext, path: CommandPath, cmd: DockerCommand, count: number): number | undefined {
  const problem = countProblem(cmd.args, count);
  if (problem === undefined) return undefined;
  const name = path.join(' ');
  ctx.io.stderr(`"${name}" ${problem}.\nSee '${name} --help'.\n\nUsage:  ${useLine(path, cmd)}\n\n${cmd.short}\n`);
  return 1;
}

/** A daemon error as the CLI prints it for most commands. */
export function daemonError(ctx: ProgramContext, message: string, code = 1): number {
  ctx.io.stderr(`Error response from daemon: ${message}\n`);
  return code;
}
