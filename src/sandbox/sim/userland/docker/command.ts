/**
 * The shape of the docker CLI's command table (commands.ts): what cobra knows about each command
 * (name, aliases, usage line, description, flags, how many operands it takes) plus the handler
 * that runs it and what Tab offers for its operands. Parsing, `--help`, usage errors and completion
 * all read these records, so they cannot disagree.
 */
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import type { FlagSpec, FlagValues } from './flags.ts';
import { InvariantError } from '../../../../errors/invariant.ts';

/** What the docker CLI needs from the machine it is installed on, given by whoever installs it. */
export interface DockerCliHost {
  /** Whether `program` (a base name like "sh") is a shell, for `run -it` / `exec -it` sessions. */
  isShell(program: string): boolean;
}

/** One invocation of a command, after its flags parsed and its operands counted. */
export interface DockerCall {
  p: Proc;
  ctx: ProgramContext;
  flags: FlagValues;
  /** Operands (for run and exec, the image or container and then the command line). */
  args: string[];
  /** The command path with aliases resolved, for "See '… --help'.": "docker container run". */
  path: string;
  host: DockerCliHost;
}

/** Operand `i` of a call, which the command's ArgRule has already counted in (as cobra does before RunE). */
export function operand(call: DockerCall, i: number): string {
  const value = call.args[i];
  if (value === undefined) throw new InvariantError(`${call.path}: operand ${i + 1} was not counted in`);
  return value;
}

/** A command's implementation; resolves with the exit status. */
export type Handler = (call: DockerCall) => Promise<number>;

/** cobra's positional-argument rules, as docker's cli/required.go words them. */
export type ArgRule = { kind: 'none' } | { kind: 'min'; n: number } | { kind: 'max'; n: number } | { kind: 'exact'; n: number } | { kind: 'range'; min: number; max: number };

/** Objects Tab completes for an operand, from the model. */
export type Operand = 'container' | 'running-container' | 'stopped-container' | 'image' | 'network' | 'node';

/** What Tab offers for operand i: `operands[i]`, else `rest` for every further one. */
export interface OperandCompletion {
  operands?: readonly Operand[];
  rest?: Operand;
}

/** A command the simulator runs. */
export interface DockerCommand {
  kind: 'command';
  name: string;
  aliases?: readonly string[];
  /** cobra's `Use` without the parent path: "create [OPTIONS] NETWORK". */
  use: string;
  /** The one-line description in `--help` and in the parent's command list. */
  short: string;
  flags: readonly FlagSpec[];
  args: ArgRule;
  /** Flags end at the first operand (run, exec: what follows is the container's command line). */
  flagsStopAtFirstOperand?: boolean;
  complete?: OperandCompletion;
  run: Handler;
}

/** A command with subcommands (`docker network`, and `docker` itself). */
export interface DockerGroup {
  kind: 'group';
  name: string;
  short: string;
  /** The group's own flags (only the root has any: the global options). */
  flags: readonly FlagSpec[];
  entries: readonly DockerEntry[];
}

/**
 * A command the real CLI has and the simulator does not run: Tab still offers its name (and the
 * objects it takes), while typing it gets the CLI's answer for an unknown command.
 */
export interface UnsimulatedCommand {
  kind: 'unsimulated';
  name: string;
  complete?: OperandCompletion;
  /** Its subcommands, for `docker service <Tab>`. */
  entries?: readonly UnsimulatedCommand[];
}

export type DockerEntry = DockerCommand | DockerGroup | UnsimulatedCommand;

/** The entries a user can run: simulated commands, and groups with at least one of them. */
export function runnable(entry: DockerEntry): entry is DockerCommand | DockerGroup {
  if (entry.kind === 'command') return true;
  return entry.kind === 'group' && entry.entries.some(runnable);
}

/** The entry `word` names in `group` (by name or alias), runnable or not. */
export function findEntry(group: DockerGroup, word: string): DockerEntry | undefined {
  return group.entries.find((e) => e.name === word || (e.kind === 'command' && e.aliases?.includes(word)));
}

/** The same rules as docker's cli package: `noArgs`, `minArgs(1)`, `exactArgs(2)`... */
export const noArgs: ArgRule = { kind: 'none' };
export const minArgs = (n: number): ArgRule => ({ kind: 'min', n });
export const maxArgs = (n: number): ArgRule => ({ kind: 'max', n });
export const exactArgs = (n: number): ArgRule => ({ kind: 'exact', n });
export const rangeArgs = (min: number, max: number): ArgRule => ({ kind: 'range', min, max });
