/**
 * The docker CLI (20.10): walks the command table (commands.ts) as cobra walks its command tree.
 * Global options, then a group's subcommand or a command; a command's flags are parsed against
 * its declared flags, `--help` prints its usage, its operands are counted, then its handler runs.
 */
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import type { Tool } from '../registry.ts';
import { findEntry, runnable, type DockerCliHost, type DockerCommand, type DockerEntry, type DockerGroup } from './command.ts';
import { DOCKER } from './commands.ts';
import { parseFlags } from './flags.ts';
import { groupUsage, helpText, type CommandPath } from './help.ts';
import { VERSION } from './version.ts';
import { argCountError, flagError } from './usage.ts';

/** pflag wraps help to one column less than the terminal. */
function helpWidth(ctx: ProgramContext): number {
  return ctx.session.columns() - 1;
}

async function runCommand(p: Proc, ctx: ProgramContext, host: DockerCliHost, path: CommandPath, cmd: DockerCommand, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, cmd.flags, !cmd.flagsStopAtFirstOperand);
  if (!parsed.ok) return flagError(ctx, path, parsed.error);
  if (parsed.help) {
    ctx.io.stdout(helpText(path, cmd, helpWidth(ctx)));
    return 0;
  }
  const miscounted = argCountError(ctx, path, cmd, parsed.args.length);
  if (miscounted !== undefined) return miscounted;
  return cmd.run({ p, ctx, flags: parsed.flags, args: parsed.args, path: path.join(' '), host });
}

async function runGroup(p: Proc, ctx: ProgramContext, host: DockerCliHost, path: CommandPath, group: DockerGroup, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, group.flags, false);
  if (!parsed.ok) return flagError(ctx, path, parsed.error, groupUsage(path, group, helpWidth(ctx)));
  // Only the root declares --version (docker -v).
  if (parsed.flags.bool('version')) {
    ctx.io.stdout(`Docker version ${VERSION}, build 297e128\n`);
    return 0;
  }
  const [word, ...rest] = parsed.args;
  if (parsed.help || word === undefined) {
    ctx.io.stdout(helpText(path, group, helpWidth(ctx)));
    return 0;
  }
  if (word === 'help' && path.length === 1) return helpCommand(ctx, group, rest);
  const entry = findEntry(group, word);
  if (entry === undefined || !runnable(entry)) {
    if (path.length === 1) ctx.io.stderr(`docker: '${word}' is not a docker command.\nSee 'docker --help'\n`);
    // cobra's NoArgs on a command group: the group's usage, as an error.
    else ctx.io.stderr('\n' + groupUsage(path, group, helpWidth(ctx)));
    return 1;
  }
  const next = [...path, entry.name];
  return entry.kind === 'group' ? runGroup(p, ctx, host, next, entry, rest) : runCommand(p, ctx, host, next, entry, rest);
}

/**
 * `docker help [COMMAND...]`, cobra's help command, which docker does not list: the help of the
 * command the words name, walked from the root as the CLI would run it.
 */
function helpCommand(ctx: ProgramContext, root: DockerGroup, words: readonly string[]): number {
  let entry: DockerCommand | DockerGroup = root;
  const path: string[] = [root.name];
  for (const word of words) {
    const next: DockerEntry | undefined = entry.kind === 'group' ? findEntry(entry, word) : undefined;
    if (next === undefined || !runnable(next)) {
      ctx.io.stderr(`unknown help topic: ${words.slice(path.length - 1).join(' ')}\n`);
      return 1;
    }
    entry = next;
    path.push(next.name);
  }
  ctx.io.stdout(helpText(path, entry, helpWidth(ctx)));
  return 0;
}

/** The docker program; `host` answers what the CLI needs from the machine it is installed on. */
export function dockerCli(host: DockerCliHost): Tool {
  return (p, ctx) => runGroup(p, ctx, host, ['docker'], DOCKER, ctx.argv.slice(1));
}
