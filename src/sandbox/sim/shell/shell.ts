/**
 * One shell process on a target: the interactive loop (prompt, read, parse, run, with `> `
 * continuation for unfinished lines), `sh -c` style scripts for hidden checks, and the session
 * services its programs use, above all `enterShell` for `docker run -it` / `docker exec -it`,
 * which runs a nested Shell on the same terminal until the learner types `exit`.
 */
import { Interrupted, type Clock } from '../clock.ts';
import { NotATerminalError, type TerminalRead, type EnterShellOptions, type ExecTarget, type ProgramIO, type SessionServices, type ShellIdentity, type Simulation } from '../userland/program.ts';
import { SANDBOX_FALLBACK_LOCALE } from '../../../i18n/sandbox-catalog.ts';
import type { Interpreter } from './interpreter.ts';
import { JobTable } from './jobs.ts';
import { shellLanguage } from './language-source.ts';
import { ShellState } from './shell-state.ts';
import type { LineRequest, LineResult, ShellTerminal } from './terminal.ts';

/** How to start a shell. */
export interface ShellOptions {
  simulation: Simulation;
  terminal: ShellTerminal;
  target: ExecTarget;
  /** e.g. "sh" or "/bin/bash"; the target's login shell when omitted. */
  shellPath?: string;
  /** The clock programs run on (the terminal's: real time; replays and checks: virtual). */
  clock: Clock;
  /** True on a terminal a learner (or a replay) types into; false for hidden `sh -c` checks. */
  interactive: boolean;
  /** How many shells enclose this one (0 for the login shell). */
  depth?: number;
  /** `$?` to start with. */
  status?: number;
  /** Variables inherited from a parent process (all exported), over the defaults. */
  env?: Readonly<Record<string, string>>;
  /** Standard streams when the shell runs as a program (`sh -c`); the terminal otherwise. */
  io?: ProgramIO;
  /** The session of the terminal a program-run shell sits on: `enterShell` goes there. */
  parentSession?: SessionServices;
  /** The terminal's language now (asked each time: a learner may reopen it from another page); English without it. */
  locale?: () => string;
  /** The shell's prompt is already on the screen (an attached running shell): the first read draws none. */
  promptDrawn?: boolean;
}

/** Nested interactive shells allowed on one terminal (host → container → ...). */
export const MAX_SHELL_DEPTH = 8;
/** Status of a shell whose container was stopped under it: killed, as by SIGKILL. */
export const KILLED_STATUS = 137;
const MAX_HISTORY = 1000;
/** Bound on a command spread over continuation lines. */
const MAX_PENDING_CHARS = 64 * 1024;

/** A shell process: state, history, and the loop or script that drives it. */
export class Shell implements SessionServices {
  readonly identity: ShellIdentity;
  readonly state: ShellState;
  private readonly options: ShellOptions;
  private readonly depth: number;
  /** Made at the first command line (language-source.ts: in the browser's worker the language may come after the prompt). */
  private ownInterpreter: Interpreter | undefined;
  private readonly pid: number;
  private readonly lines: string[] = [];
  private readonly initialCwd: string;
  private readonly io: ProgramIO;
  private readonly jobs: JobTable;
  /** Left with Ctrl-P Ctrl-Q (docker's detach keys) rather than exited. */
  detached = false;
  /** A shell started from this one detached: this one, in the same docker session, ends too. */
  private detachRequested = false;
  /** The next prompt is already on the screen. */
  private promptDrawn: boolean;

  constructor(options: ShellOptions) {
    this.options = options;
    this.depth = options.depth ?? 0;
    this.promptDrawn = options.promptDrawn ?? false;
    const { simulation, target, terminal } = options;
    this.identity = simulation.shell(target, options.shellPath);
    const home = '/root';
    this.initialCwd = target.container === undefined ? home : '/';
    const vars = new Map([
      ['HOME', home],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['TERM', target.container === undefined ? 'xterm-256color' : 'xterm'],
      ['PWD', this.initialCwd],
      ['SHLVL', String(this.depth + 1)],
    ]);
    for (const [name, value] of Object.entries(options.env ?? {})) vars.set(name, value);
    this.state = new ShellState(vars, new Set(vars.keys()), this.initialCwd);
    this.state.status = options.status ?? 0;
    this.io = options.io ?? { stdin: '', stdout: (text) => terminal.print(text), stderr: (text) => terminal.print(text), stdinIsTerminal: true };
    const pid = target.container === undefined ? 1021 + this.depth : 1 + this.depth * 6;
    this.jobs = new JobTable(pid + 1041);
    this.pid = pid;
  }

  private get interpreter(): Interpreter {
    const { simulation, target, terminal } = this.options;
    this.ownInterpreter ??= new (shellLanguage().Interpreter)({
      simulation,
      target,
      identity: this.identity,
      terminal,
      clock: this.options.clock,
      interactive: this.options.interactive,
      session: this,
      pid: this.pid,
      history: { list: () => this.lines, clear: () => this.lines.splice(0) },
      jobs: this.jobs,
    });
    return this.ownInterpreter;
  }

  // ---- SessionServices -----------------------------------------------------------------------

  /** Run a nested interactive shell on the same terminal until it exits. */
  async enterShell(target: ExecTarget, shellPath: string, enter: EnterShellOptions = {}): Promise<number | 'detached'> {
    if (this.options.parentSession) return this.options.parentSession.enterShell(target, shellPath, enter);
    if (!this.options.interactive) return Promise.reject(new NotATerminalError('the input device is not a TTY'));
    if (this.depth + 1 >= MAX_SHELL_DEPTH) {
      this.options.terminal.print(`${this.identity.name}: cannot start ${shellPath}: ${MAX_SHELL_DEPTH} nested shells is the limit here; type exit to leave one\n`);
      return Promise.resolve(1);
    }
    const running = enter.running === true;
    const nested = new Shell({ ...this.options, target, shellPath, depth: this.depth + 1, status: 0, promptDrawn: running });
    if (nested.identity.banner !== undefined && !running) this.options.terminal.print(nested.identity.banner);
    const status = await nested.interact();
    if (!nested.detached) return status;
    // Detaching leaves the whole docker session, shells started inside it included.
    if (this.inDockerSession()) this.detachRequested = true;
    return 'detached';
  }

  /** A shell in a container is one a `docker run -it` / `docker exec -it` put on the terminal. */
  private inDockerSession(): boolean {
    return this.options.target.container !== undefined && this.depth > 0;
  }

  history(): readonly string[] {
    return this.options.parentSession?.history() ?? this.lines;
  }

  /** One line typed for a program reading the terminal (cooked mode: echo, editing, Enter). */
  async readInput(signal: AbortSignal): Promise<TerminalRead> {
    const parent = this.options.parentSession;
    if (parent) return parent.readInput?.(signal) ?? { kind: 'end' };
    if (!this.options.interactive) return { kind: 'end' };
    const result = await this.options.terminal.readLine({
      prompt: '',
      continuation: false,
      status: this.state.status,
      history: [],
      complete: () => ({ start: 0, candidates: [] }),
      signal,
      program: true,
    });
    if (result.kind === 'line') return result;
    if (signal.aborted) throw new Interrupted();
    return result.kind === 'stopped' ? result : { kind: 'end' };
  }

  columns(): number {
    return this.options.parentSession?.columns() ?? this.options.terminal.columns();
  }

  locale(): string {
    return this.options.parentSession?.locale() ?? this.options.locale?.() ?? SANDBOX_FALLBACK_LOCALE;
  }

  // ---- running -------------------------------------------------------------------------------

  /** Run `source` as `sh -c` would (no prompt, no history); returns its exit status. */
  async runScript(source: string, signal?: AbortSignal): Promise<number> {
    const parsed = shellLanguage().parse(source);
    const where = `${this.identity.name}: -c: line 1: `;
    if (parsed.kind === 'incomplete') {
      this.io.stderr(parsed.messages.map((m) => `${where}${m}\n`).join(''));
      return 2;
    }
    if (parsed.kind === 'error') {
      this.io.stderr(`${where}${parsed.message}\n${where}\`${source}'\n`);
      return 2;
    }
    const status = await this.interpreter.runLine(parsed.list, this.io, this.state, signal);
    return this.state.exitRequested ?? status;
  }

  /** The interactive loop: prompt, read a line, run it; resolves with the shell's exit status. */
  async interact(): Promise<number> {
    try {
      return await this.interactLoop();
    } finally {
      // An exiting shell hangs up its jobs.
      this.jobs.hangUp();
    }
  }

  private async interactLoop(): Promise<number> {
    let pending: string | undefined;
    for (;;) {
      if (!this.alive()) return KILLED_STATUS;
      if (pending === undefined) {
        // Jobs that can run now do so before the prompt, as they would while bash draws it.
        if (this.jobs.running()) await this.options.clock.sleep(0).catch(() => undefined);
        const notices = this.jobs.notices();
        if (notices) this.options.terminal.print(notices);
      }
      const result = await this.read(pending);
      if (result.kind === 'closed') return this.alive() ? this.state.status : KILLED_STATUS;
      if (result.kind === 'detach') {
        this.detached = true;
        return this.state.status;
      }
      // Only a program's read is stopped by Ctrl-Z (a shell ignores SIGTSTP): a shell reads again.
      if (result.kind === 'stopped') continue;
      if (result.kind === 'interrupt') {
        pending = undefined;
        this.state.status = 130;
        continue;
      }
      if (result.kind === 'eof') {
        if (pending !== undefined) {
          this.reportUnfinished(pending);
          pending = undefined;
          continue;
        }
        this.options.terminal.print(this.identity.name === 'bash' ? 'exit\n' : '\n');
        return this.state.status;
      }
      const text = pending === undefined ? result.text : `${pending}\n${result.text}`;
      const parsed = shellLanguage().parse(text);
      if (parsed.kind === 'incomplete') {
        if (text.length <= MAX_PENDING_CHARS) {
          pending = text;
          continue;
        }
        this.io.stderr(`${this.identity.name}: command too long\n`);
        pending = undefined;
        continue;
      }
      pending = undefined;
      this.remember(text);
      if (parsed.kind === 'error') {
        this.io.stderr(`${this.identity.name}: ${parsed.message}\n`);
        this.state.status = 2;
        continue;
      }
      try {
        await this.interpreter.runLine(parsed.list, this.io, this.state);
      } catch (e) {
        // A fault in the model must cost one command, not the learner's shell.
        this.io.stderr(`${this.identity.name}: simulator error: ${e instanceof Error ? e.message : String(e)}\n`);
        this.state.status = 1;
      }
      if (this.detachRequested) {
        this.detached = true;
        return this.state.status;
      }
      if (this.state.exitRequested !== undefined) {
        if (this.identity.name === 'bash') this.options.terminal.print('exit\n');
        return this.state.exitRequested;
      }
    }
  }

  private reportUnfinished(text: string): void {
    const parsed = shellLanguage().parse(text);
    const messages = parsed.kind === 'incomplete' ? parsed.messages : [];
    this.io.stderr(messages.map((m) => `${this.identity.name}: ${m}\n`).join(''));
    this.state.status = 2;
  }

  private alive(): boolean {
    if (this.options.target.container === undefined) return true;
    try {
      return this.options.simulation.isAlive(this.options.target);
    } catch {
      return true;
    }
  }

  /** Read one line; inside a container, give up when the container stops meanwhile. */
  private async read(pending: string | undefined): Promise<LineResult> {
    const { terminal, simulation, target } = this.options;
    const prompt = pending !== undefined ? '> ' : this.promptDrawn ? '' : this.prompt();
    this.promptDrawn = false;
    const request: LineRequest = {
      prompt,
      continuation: pending !== undefined,
      status: this.state.status,
      history: this.lines,
      ...(this.inDockerSession() ? { detachKeys: true } : {}),
      complete: (text) =>
        shellLanguage().completeCommandLine(text, {
          commandNames: () => [...shellLanguage().builtinNames(), ...simulation.commandNames(target)],
          fromModel: (words) => simulation.complete?.(target, words) ?? [],
        }),
    };
    if (target.container === undefined) return terminal.readLine(request);
    // The model says when the container stops (docker stop from another terminal, or a check).
    const watch = new AbortController();
    const unwatch = simulation.whenStopped(target, () => watch.abort());
    try {
      return await terminal.readLine({ ...request, signal: watch.signal });
    } finally {
      unwatch();
    }
  }

  /** The identity's prompt, showing the current directory where it showed the starting one. */
  private prompt(): string {
    let prompt: string;
    try {
      prompt = this.identity.prompt();
    } catch {
      prompt = this.identity.name === 'bash' ? 'bash$ ' : '$ ';
    }
    if (this.state.cwd === this.initialCwd) return prompt;
    const shown = displayPath(this.initialCwd, this.state.home());
    for (const end of ['# ', '$ ']) {
      const at = prompt.lastIndexOf(shown + end);
      if (at >= 0) {
        return prompt.slice(0, at) + displayPath(this.state.cwd, this.state.home()) + prompt.slice(at + shown.length);
      }
    }
    return prompt;
  }

  /** Keep a line for Up/Down and `history`, like bash with HISTCONTROL=ignoreboth. */
  private remember(text: string): void {
    const line = joinContinuationLines(text);
    if (line.trim() === '' || line.startsWith(' ') || this.lines[this.lines.length - 1] === line) return;
    this.lines.push(line);
    if (this.lines.length > MAX_HISTORY) this.lines.shift();
  }
}

function displayPath(path: string, home: string): string {
  if (path === home) return '~';
  if (home !== '/' && path.startsWith(`${home}/`)) return `~${path.slice(home.length)}`;
  return path;
}

/** One history line from a command typed over several lines, as bash's cmdhist does. */
function joinContinuationLines(text: string): string {
  const lines = text.split('\n');
  let joined = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const previous = joined.trimEnd();
    const glue = /(\|\||&&|[|({]|\bdo|\bthen|\belse)$/.test(previous) ? ' ' : '; ';
    joined = `${previous}${glue}${line.trimStart()}`;
  }
  return joined;
}
