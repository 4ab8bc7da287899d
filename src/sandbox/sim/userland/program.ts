/**
 * The contract between the simulator's shell (sim/shell, sim/tty) and its userland programs
 * (sim/userland/*). A program is an async function of argv, stdin and the model, like a
 * process: it writes to stdout/stderr and resolves with an exit status.
 */
import type { Clock } from '../clock.ts';
import type { Netns } from '../kernel/netns.ts';
import type { Random } from '../kernel/random.ts';

/** Where a process runs: a node's host shell, or inside one of that node's containers. */
export interface ExecTarget {
  node: string;
  /** Full container id; undefined means the node's host. */
  container?: string;
  /**
   * The network namespace the process entered with setns(2) (`ip netns exec`, `nsenter -n`) when
   * it is not its container's (or the host's); files and programs stay those of `container`.
   */
  netns?: Netns;
  /** The container whose UTS namespace it entered (`nsenter -u`): its hostname. */
  utsOf?: string;
}

export interface ProgramIO {
  /** Everything on standard input (the previous pipeline stage's stdout, or ''). */
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout goes into a pipe or a file rather than the terminal (curl then shows its progress meter). */
  stdoutIsPipe?: boolean;
  /**
   * True when stdin is the terminal itself (no pipe, no `<`): `stdin` is then empty and a program
   * that reads its input asks `SessionServices.readInput` for the lines typed (cat with no file).
   */
  stdinIsTerminal?: boolean;
}

/**
 * Why `enterShell` rejects: the session has no terminal to give (a script, a hidden exec, a
 * container's main process). Callers check it by class and fall back to running attached; any
 * other rejection is a fault they pass on.
 */
export class NotATerminalError extends Error {
  override readonly name = 'NotATerminalError';
}

/** What the running shell session offers its programs. */
/** How a shell comes onto the terminal. */
export interface EnterShellOptions {
  /**
   * The shell is already running and its prompt is on the screen (docker attach to a container's
   * main shell): no start-up banner, and its first prompt is not drawn again.
   */
  running?: boolean;
}

/** What one read of the terminal gave a program. */
export type TerminalRead = { kind: 'line'; text: string } | { kind: 'end' } | { kind: 'stopped' };

export interface SessionServices {
  /**
   * Start an interactive shell (`shellPath`, e.g. "sh" or "/bin/bash") in `target` on the learner's
   * terminal, as `docker run -it` and `docker exec -it` do; resolves with that shell's exit status
   * when the learner leaves it, or with 'detached' when they detached with Ctrl-P Ctrl-Q (the
   * container keeps running). Rejects with `NotATerminalError` when the session is not interactive.
   */
  enterShell(target: ExecTarget, shellPath: string, options?: EnterShellOptions): Promise<number | 'detached'>;
  /** Lines the learner entered so far in this shell, oldest first. */
  history(): readonly string[];
  /** Terminal width in columns (80 when there is no terminal). */
  columns(): number;
  /**
   * One line typed on the terminal for a program reading it; `end` at Ctrl-D or when there is no
   * terminal to read (a replay types its lines to shells only); `stopped` when Ctrl-Z stopped the
   * program meanwhile (it waits on its clock, which holds it until continued, and reads again).
   * A job that is not in the foreground stops (SIGTTIN) until `fg` gives it the terminal.
   */
  readInput?(signal: AbortSignal): Promise<TerminalRead>;
  /**
   * The language of the learner's terminal (a locale code such as "zh"), in which vethlab's own
   * tools (`explain`, `help`) speak; real tools ignore it, as they print what the real ones print.
   */
  locale(): string;
}

export interface ProgramContext {
  /** argv[0] is the command name as typed. */
  argv: readonly string[];
  io: ProgramIO;
  target: ExecTarget;
  /** Fires on Ctrl-C. Long-running programs (ping, nc -l, sleep) stop and clean up. */
  signal: AbortSignal;
  clock: Clock;
  /**
   * True when run from an interactive shell on a terminal: the learner's, and replays, which type
   * each line at a prompt (so `docker run -it` opens a nested shell there too); a `sh -c` passes
   * its caller's value on. False for hidden checks (exec) and container main processes.
   */
  interactive: boolean;
  env: Readonly<Record<string, string>>;
  session: SessionServices;
}

export type Program = (ctx: ProgramContext) => Promise<number>;

/** How a shell presents itself on a target: its prompt and its wording for unknown commands. */
export interface ShellIdentity {
  /** "bash" or "sh" (busybox ash). */
  name: string;
  prompt(): string;
  /** The message for an unknown command, e.g. "bash: foo: command not found". */
  notFound(command: string): string;
  /** What the shell prints when it starts interactively, before its first prompt (busybox ash). */
  banner?: string;
}

/**
 * A running simulation: the machines of one sandbox, as the shell sees them.
 * Implemented by sim/simulation.ts over the kernel and daemon models.
 */
export interface Simulation {
  /** Hosts in this sandbox, first is the default. */
  readonly nodes: readonly string[];
  readonly clock: Clock;
  /** The model's seeded randomness; the shell's `$RANDOM` draws from it so replays repeat. */
  readonly random: Random;
  /** Find the program `name` (a bare name or a path like /bin/sh) installed on `target`. */
  lookup(target: ExecTarget, name: string): Program | undefined;
  /** Program names installed on `target`, for Tab completion and `help`. */
  commandNames(target: ExecTarget): string[];
  /** The interactive shell `shellPath` on `target`; the default login shell when omitted. */
  shell(target: ExecTarget, shellPath?: string): ShellIdentity;
  /** False once the container behind `target` has stopped or been removed. */
  isAlive(target: ExecTarget): boolean;
  /**
   * Call `listener` (once) when the container behind `target` stops or is removed, at once if it
   * no longer runs; returns the function that stops watching. A host target never stops.
   */
  whenStopped(target: ExecTarget, listener: () => void): () => void;
  /**
   * Optional Tab completion from the model (container, network, image names, flags).
   * `words` are the words of the command being typed, the last one being the partial word
   * (possibly ''). Returns candidates for that last word; the shell keeps those that start with it
   * and merges them with its own (builtins, command names, docker subcommands).
   */
  complete?(target: ExecTarget, words: readonly string[]): string[];
  /** Optional: whether `path` is a file or a directory on `target` (for `test -e/-f/-d`). */
  fileKind?(target: ExecTarget, path: string): 'file' | 'dir' | undefined;
  /** Optional: a file's text as `target` sees it, for the shell's `< file`; undefined if missing. */
  readFile?(target: ExecTarget, path: string): string | undefined;
  /**
   * Optional: write (or append to) a file as `target`, for the shell's `> file` and `>> file`
   * (e.g. `echo 1 > /proc/sys/net/ipv4/ip_forward`); returns an error like "Permission denied".
   * Without it, the shell refuses redirections to files other than /dev/null.
   */
  writeFile?(target: ExecTarget, path: string, text: string, append?: boolean): string | undefined;
}
