/**
 * Runs a parsed command line against the simulation: lists, && and ||, pipelines (stage by
 * stage: each stage's stdout, collected, is the next one's stdin; there is no streaming between
 * stages), redirections, compound commands, builtins and programs.
 *
 * Ctrl-C: every pipeline is a foreground job with its own AbortController. A program that dies
 * of it (throws an AbortError or returns 130) ends the whole command line, as in bash; one that
 * handles it (ping prints its summary and returns) lets the line go on. A program that ignores
 * the signal is detached after a short grace period so the prompt always comes back.
 *
 * Ctrl-Z: a foreground pipeline runs on a JobClock of its own. SIGTSTP stops that clock (the
 * pipeline's programs wait no further and print nothing) and the shell stops waiting for it: the
 * pipeline becomes a stopped job (`[1]+  Stopped  ping ...`), its status is 148 (128 + SIGTSTP),
 * and the line goes on with its next command, as bash does.
 */
import { isAbortError, type Clock } from '../clock.ts';
import { randomInt } from '../kernel/random.ts';
import type { ExecTarget, Program, ProgramContext, ProgramIO, SessionServices, ShellIdentity, Simulation } from '../userland/program.ts';
import type { AndOr, Command, CommandList, Pipeline, Redirection, SimpleCommand } from './ast.ts';
import { FALLBACK_BUILTINS, SPECIAL_BUILTINS, type BuiltinHost } from './builtins.ts';
import { CapturedOutput } from './captured-output.ts';
import { expandWord, expandWords, type ExpansionScope } from './expand.ts';
import { resolvePath, type ShellState } from './shell-state.ts';
import type { ShellTerminal } from './terminal.ts';
import { JobClock } from './job-clock.ts';
import { CtrlZ, JOB_BUILTINS, SUSPENDED_STATUS, type JobTable } from './jobs.ts';

/** Everything the interpreter needs from the shell that owns it. */
export interface InterpreterOptions {
  simulation: Simulation;
  target: ExecTarget;
  identity: ShellIdentity;
  terminal: ShellTerminal;
  clock: Clock;
  interactive: boolean;
  session: SessionServices;
  /** `$$` */
  pid: number;
  history: { list(): readonly string[]; clear(): void };
  /** The shell's jobs (`cmd &`, jobs, fg, kill %N, wait). */
  jobs: JobTable;
}

/** Per command line: set when Ctrl-C killed a foreground program, which ends the line. */
interface LineControl {
  interrupted: boolean;
}

/** Where a command runs: its (sub)shell state, the signal that stops it, and its line. */
interface Frame {
  state: ShellState;
  signal: AbortSignal;
  line: LineControl;
  /** The clock of the job this runs in, which stops while the job is stopped. */
  clock?: JobClock;
  /** A background job: Ctrl-C and Ctrl-Z do not reach it. */
  background?: boolean;
  /** Ctrl-Z made this pipeline a stopped job: what it does from now on is no longer the line's. */
  suspended?: () => boolean;
}

/**
 * How long a program may keep running after Ctrl-C before the shell stops waiting for it. Real
 * time on purpose: only a program that ignores its abort signal (a model bug; none of ours do)
 * ever reaches this timer, since every program settles within microtasks of the abort. It is a
 * safety net for the prompt, not part of the model's behaviour.
 */
const INTERRUPT_GRACE_MS = 250;
/**
 * Loops cost simulated time: every YIELD_EVERY iterations sleep LOOP_SLICE_MS on the session's
 * clock. That gives Ctrl-C, timers and budgets their turn (a real or logical clock waits on a
 * timer; a budget clock counts it), and how far a busy loop got by a given moment depends only on
 * the iteration count and the clock, so replaying a journal reaches the same state.
 */
const YIELD_EVERY = 64;
const LOOP_SLICE_MS = 1;

const discard = (): void => undefined;

/** Executes command lists for one shell. */
export class Interpreter {
  private readonly options: InterpreterOptions;
  private readonly builtinHost: BuiltinHost;
  private iterations = 0;

  constructor(options: InterpreterOptions) {
    this.options = options;
    const { simulation, target, identity, interactive, history } = options;
    this.builtinHost = {
      name: identity.name,
      interactive,
      history: () => history.list(),
      clearHistory: () => history.clear(),
      commandNames: () => simulation.commandNames(target),
      describe: (name) => describeOf(simulation, name),
      fileKind: (path) => simulation.fileKind?.(target, path),
      resolve: (name) => this.resolve(name),
      locale: () => options.session.locale(),
    };
  }

  /** How `name` would run here. */
  resolve(name: string): 'builtin' | 'program' | undefined {
    if (SPECIAL_BUILTINS.has(name)) return 'builtin';
    if (this.options.simulation.lookup(this.options.target, name)) return 'program';
    if (FALLBACK_BUILTINS.has(name)) return 'builtin';
    return undefined;
  }

  /** Run one command line as a foreground job; updates `state.status` and returns it. */
  async runLine(list: CommandList, io: ProgramIO, state: ShellState, signal?: AbortSignal): Promise<number> {
    const controller = new AbortController();
    const unlink = link(signal, controller);
    const release = this.options.terminal.foreground(controller);
    try {
      const frame: Frame = { state, signal: controller.signal, line: { interrupted: false } };
      await this.runList(list, io, frame);
      if (controller.signal.aborted && state.status === 0) state.status = 130;
      return state.status;
    } finally {
      release();
      unlink();
    }
  }

  private stopped(frame: Frame): boolean {
    return frame.state.exitRequested !== undefined || frame.line.interrupted || frame.signal.aborted;
  }

  private async runList(list: CommandList, io: ProgramIO, frame: Frame): Promise<number> {
    for (const item of list.items) {
      if (this.stopped(frame)) break;
      if (item.background) {
        frame.state.status = this.startJob(item.andOr, item.text ?? '', io, frame);
        continue;
      }
      frame.state.status = await this.runAndOr(item.andOr, io, frame);
    }
    return frame.state.status;
  }

  /** `cmd &`: run it in a subshell the line does not wait for; Ctrl-C and the line's end do not stop it. */
  private startJob(andOr: AndOr, text: string, io: ProgramIO, frame: Frame): number {
    const controller = new AbortController();
    const clock = new JobClock(this.options.clock);
    const job: Frame = { state: frame.state.clone(), signal: controller.signal, line: { interrupted: false }, clock, background: true };
    const announce = this.options.jobs.add(text, controller, clock, () => this.runAndOr(andOr, io, job));
    if (this.options.interactive) io.stderr(announce);
    return 0;
  }

  private async runAndOr(andOr: AndOr, io: ProgramIO, frame: Frame): Promise<number> {
    let status = await this.runPipeline(andOr.first, io, frame);
    for (const { op, pipeline } of andOr.rest) {
      if (this.stopped(frame)) break;
      if ((op === '&&') !== (status === 0)) continue;
      frame.state.status = status;
      status = await this.runPipeline(pipeline, io, frame);
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, io: ProgramIO, frame: Frame): Promise<number> {
    const controller = new AbortController();
    const unlink = link(frame.signal, controller);
    // Only a shell on a terminal has job control: a script's or a container's pipelines run on
    // the clock they were given (a detached container's is the kernel's background timer clock).
    if (frame.background || !this.options.interactive) {
      try {
        return negate(pipeline, await this.runStages(pipeline, io, { ...frame, signal: controller.signal }, controller));
      } finally {
        unlink();
      }
    }
    // In the foreground the pipeline can be stopped by Ctrl-Z, so it gets a job clock of its own.
    const clock = new JobClock(frame.clock ?? this.options.clock);
    const ctrlZ = new CtrlZ();
    const release = this.options.terminal.foreground(controller, ctrlZ.press);
    const job: Frame = { ...frame, signal: controller.signal, clock, suspended: () => ctrlZ.wasPressed };
    const work = this.runStages(pipeline, io, job, controller).finally(unlink);
    try {
      const outcome = await Promise.race([work, ctrlZ.pressed]);
      if (outcome !== 'suspended') return negate(pipeline, outcome);
    } finally {
      release();
    }
    // bash reports the stop on its own stderr, the terminal, whatever the pipeline's redirections.
    this.options.terminal.print(this.options.jobs.suspended(pipeline.text, controller, clock, work));
    return SUSPENDED_STATUS;
  }

  /** The stages of `pipeline`, each stage's stdout the next one's stdin; resolves with the last one's status. */
  private async runStages(pipeline: Pipeline, io: ProgramIO, job: Frame, controller: AbortController): Promise<number> {
    let status = 0;
    const { stages } = pipeline;
    if (stages.length === 1) {
      status = await this.runCommand(stages[0] as Command, io, job);
    } else {
      let stdin = io.stdin;
      for (const [i, stage] of stages.entries()) {
        if (controller.signal.aborted) {
          status = 130;
          break;
        }
        const last = i === stages.length - 1;
        const collected = new CapturedOutput();
        const stageIO: ProgramIO = last
          ? { stdin, stdout: io.stdout, stderr: io.stderr, ...(io.stdoutIsPipe ? { stdoutIsPipe: true } : {}) }
          : { stdin, stdout: collected.append, stderr: pipeline.stderrToo[i] ? collected.append : io.stderr, stdoutIsPipe: true };
        // Only the first stage reads the terminal; the others read the pipe.
        if (i === 0 && io.stdinIsTerminal) stageIO.stdinIsTerminal = true;
        // Each stage of a real pipeline is a subshell: `cd` or `exit` in it change nothing here.
        const sub: Frame = { ...job, state: job.state.clone() };
        status = await this.runCommand(stage, stageIO, sub);
        stdin = collected.text();
      }
    }
    // A single program may handle SIGINT and carry on (ping prints its summary); a loop, a
    // group or a multi-stage pipeline is killed by it.
    const programAlone = stages.length === 1 && stages[0]?.kind === 'simple';
    if (controller.signal.aborted && (status === 130 || !programAlone)) {
      // A stopped job killed later (`kill %1`) no longer belongs to the line that started it.
      if (!job.suspended?.()) job.line.interrupted = true;
      status = 130;
    }
    return status;
  }

  private async runCommand(command: Command, io: ProgramIO, frame: Frame): Promise<number> {
    if (command.kind === 'simple') return this.runSimple(command, io, frame);
    return this.withRedirections(command.redirections, io, frame, (redirected) => this.runCompound(command, io, redirected, frame));
  }

  private async runCompound(command: Exclude<Command, SimpleCommand>, io: ProgramIO, redirected: ProgramIO, frame: Frame): Promise<number> {
    switch (command.kind) {
      case 'group': {
        const inner: Frame = command.subshell ? { ...frame, state: frame.state.clone() } : frame;
        const status = await this.runList(command.body, redirected, inner);
        return status;
      }
      case 'if': {
        for (const branch of command.branches) {
          const condition = await this.runList(branch.condition, redirected, frame);
          if (this.stopped(frame)) return condition;
          if (condition === 0) return this.runList(branch.body, redirected, frame);
        }
        return command.otherwise ? this.runList(command.otherwise, redirected, frame) : 0;
      }
      case 'for': {
        const items = command.items ? await expandWords(command.items, this.scope(frame, io)) : [];
        let status = 0;
        for (const item of items) {
          if (this.stopped(frame)) break;
          frame.state.vars.set(command.name, item);
          status = await this.runList(command.body, redirected, frame);
          await this.breathe(frame);
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          const condition = await this.runList(command.condition, redirected, frame);
          if (this.stopped(frame) || (condition === 0) === command.until) break;
          status = await this.runList(command.body, redirected, frame);
          await this.breathe(frame);
        }
        return status;
      }
    }
  }

  /** Now and then during loops, spend a slice of the clock so timers and input (Ctrl-C) run. */
  private async breathe(frame: Frame): Promise<void> {
    if (++this.iterations % YIELD_EVERY !== 0) return;
    try {
      await this.options.clock.sleep(LOOP_SLICE_MS, frame.signal);
    } catch (e) {
      // Interrupted or out of budget: the loop sees `stopped(frame)` and ends. Anything else is a fault.
      if (!isAbortError(e)) throw e;
      if (!frame.signal.aborted) frame.line.interrupted = true;
    }
  }

  private async runSimple(command: SimpleCommand, io: ProgramIO, frame: Frame): Promise<number> {
    const scope = this.scope(frame, io);
    const argv = await expandWords(command.words, scope);
    const assigned = new Map<string, string>();
    for (const { name, value } of command.assignments) assigned.set(name, await expandWord(value, scope));
    if (this.stopped(frame)) return frame.line.interrupted ? 130 : frame.state.status;
    return this.withRedirections(command.redirections, io, frame, async (redirected) => {
      if (argv[0] === undefined) {
        for (const [key, value] of assigned) frame.state.vars.set(key, value);
        return scope.substitutionStatus ?? 0;
      }
      return this.runArgv(argv, assigned, redirected, frame);
    });
  }

  private async runArgv(argv: string[], assigned: Map<string, string>, redirected: ProgramIO, frame: Frame): Promise<number> {
    const name = argv[0] as string;
    if (JOB_BUILTINS.has(name)) return this.options.jobs.run(argv, redirected, this.options.identity.name, this.options.terminal);
    const special = SPECIAL_BUILTINS.get(name);
    if (special) return special({ argv, io: redirected, state: frame.state, host: this.builtinHost });
    const program = this.options.simulation.lookup(this.options.target, name);
    if (program) return this.runProgram(program, argv, redirected, frame, frame.state.environment(assigned));
    const fallback = FALLBACK_BUILTINS.get(name);
    if (fallback) return fallback({ argv, io: redirected, state: frame.state, host: this.builtinHost });
    redirected.stderr(`${this.options.identity.notFound(name)}\n`);
    return 127;
  }

  private async runProgram(program: Program, argv: string[], io: ProgramIO, frame: Frame, env: Record<string, string>): Promise<number> {
    let detached = false;
    const clock = frame.clock;
    const stdout = clock ? clock.holdWhileStopped(io.stdout) : io.stdout;
    const stderr = clock ? clock.holdWhileStopped(io.stderr) : io.stderr;
    const ctx: ProgramContext = {
      argv,
      io: {
        stdin: io.stdin,
        stdout: (text) => detached || stdout(text),
        stderr: (text) => detached || stderr(text),
        ...(io.stdoutIsPipe ? { stdoutIsPipe: true } : {}),
        ...(io.stdinIsTerminal ? { stdinIsTerminal: true } : {}),
      },
      target: this.options.target,
      signal: frame.signal,
      clock: frame.clock ?? this.options.clock,
      interactive: this.options.interactive,
      env,
      session: this.jobSession(frame),
    };
    const name = argv[0] ?? '';
    const running = (async (): Promise<number> => {
      try {
        const status = await program(ctx);
        // A stopped process cannot even exit: it ends when it is continued (or killed).
        await clock?.whileStopped(frame.signal);
        return status;
      } catch (e) {
        if (isAbortError(e)) return 130;
        io.stderr(`${name}: simulator error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      }
    })();
    const status = await settledOrGivenUp(running, frame.signal);
    // Having waited for a foreground program, bash says which jobs stopped meanwhile.
    if (!frame.background && !frame.suspended?.()) {
      const notices = this.options.jobs.stopNotices();
      if (notices) io.stderr(notices);
    }
    if (status === undefined) {
      detached = true;
      return 130;
    }
    return Number.isInteger(status) ? ((status % 256) + 256) % 256 : 1;
  }

  /**
   * The session as a job sees it: while the job is in the background (`cmd &`, or stopped by Ctrl-Z
   * and continued by `bg`) the terminal belongs to the foreground, so a program that wants it (a
   * shell, `docker exec -it`, cat reading its input) stops the job (SIGTTIN) until `fg` gives it the
   * terminal. Without this, `sh &` took every key typed afterwards.
   */
  private jobSession(frame: Frame): SessionServices {
    const session = this.options.session;
    const clock = frame.clock;
    if (!clock) return session;
    const waitForTerminal = async (signal: AbortSignal): Promise<void> => {
      const inBackground = frame.background === true || frame.suspended?.() === true;
      if (!inBackground || this.options.jobs.hasTerminal(clock)) return;
      this.options.jobs.stopJobOf(clock);
      await clock.whileStopped(signal);
    };
    return {
      enterShell: async (target, shellPath, options) => {
        await waitForTerminal(frame.signal);
        return session.enterShell(target, shellPath, options);
      },
      history: () => session.history(),
      columns: () => session.columns(),
      locale: () => session.locale(),
      readInput: async (signal) => {
        await waitForTerminal(signal);
        return session.readInput?.(signal) ?? { kind: 'end' };
      },
    };
  }

  /** Run `run` with `redirections` applied to `io`; files written are saved when it ends. */
  private async withRedirections(redirections: readonly Redirection[], io: ProgramIO, frame: Frame, run: (redirected: ProgramIO) => Promise<number>): Promise<number> {
    if (redirections.length === 0) return run(io);
    const files: FileOutput[] = [];
    const redirected = await this.redirect(redirections, io, frame, files);
    if (typeof redirected === 'string') {
      io.stderr(`${this.options.identity.name}: ${redirected}\n`);
      return 1;
    }
    let status = await run(redirected);
    for (const file of files) {
      const error = this.options.simulation.writeFile?.(this.options.target, file.path, file.output.text(), file.append);
      if (error) {
        io.stderr(`${this.options.identity.name}: ${file.shown}: ${error}\n`);
        status = 1;
      }
    }
    return status;
  }

  /** Apply redirections to `io`; returns the new streams, or an error message. */
  private async redirect(redirections: readonly Redirection[], io: ProgramIO, frame: Frame, files: FileOutput[]): Promise<ProgramIO | string> {
    const scope = this.scope(frame, io);
    const fds = new Map<number, (text: string) => void>([
      [1, io.stdout],
      [2, io.stderr],
    ]);
    const sinkFor = (path: string, append: boolean): ((text: string) => void) | string => {
      const special = deviceSink(path, fds);
      if (special) return special;
      if (!this.options.simulation.writeFile) {
        // This model has no writable files; say so rather than pretend.
        return `${path}: cannot write files in this simulated shell (only >/dev/null)`;
      }
      const file: FileOutput = { shown: path, path: resolvePath(frame.state.cwd, path), append, output: new CapturedOutput() };
      files.push(file);
      return file.output.append;
    };
    let stdin = io.stdin;
    let stdinRedirected = false;
    for (const r of redirections) {
      const target = await expandWord(r.target, scope);
      switch (r.op) {
        case '>':
        case '>>':
        case '&>': {
          const sink = sinkFor(target, r.op === '>>');
          if (typeof sink === 'string') return sink;
          fds.set(r.fd, sink);
          if (r.op === '&>') fds.set(2, sink);
          break;
        }
        case '>&': {
          if (target === '-') fds.set(r.fd, discard);
          else if (/^\d+$/.test(target)) {
            const source = fds.get(Number(target));
            if (!source) return `${target}: Bad file descriptor`;
            fds.set(r.fd, source);
          } else {
            const sink = sinkFor(target, false);
            if (typeof sink === 'string') return sink;
            fds.set(1, sink);
            fds.set(2, sink);
          }
          break;
        }
        case '<': {
          if (r.fd !== 0) break;
          const content = await this.readFile(target, frame);
          if (content === undefined) return `${target}: No such file or directory`;
          stdin = content;
          stdinRedirected = true;
          break;
        }
        case '<&':
          break;
        case '<<<':
          stdin = `${target}\n`;
          stdinRedirected = true;
          break;
      }
    }
    const stdout = fds.get(1) ?? discard;
    return {
      stdin,
      stdout,
      stderr: fds.get(2) ?? discard,
      ...(io.stdoutIsPipe || stdout !== io.stdout ? { stdoutIsPipe: true } : {}),
      ...(io.stdinIsTerminal && !stdinRedirected ? { stdinIsTerminal: true } : {}),
    };
  }

  /** `< file` reads the target's files from the model, or through its own `cat`. */
  private async readFile(path: string, frame: Frame): Promise<string | undefined> {
    if (path === '/dev/null') return '';
    const { simulation, target } = this.options;
    if (simulation.readFile) return simulation.readFile(target, resolvePath(frame.state.cwd, path));
    const cat = this.options.simulation.lookup(this.options.target, 'cat');
    if (!cat) return undefined;
    const out = new CapturedOutput();
    const status = await this.runProgram(cat, ['cat', path], { stdin: '', stdout: out.append, stderr: discard }, frame, {});
    return status === 0 ? out.text() : undefined;
  }

  private scope(frame: Frame, io: ProgramIO): ExpansionScope & { substitutionStatus: number | undefined } {
    const scope = {
      substitutionStatus: undefined as number | undefined,
      lookup: (name: string) => this.parameter(name, frame),
      home: () => frame.state.home(),
      substitute: async (list: CommandList): Promise<string> => {
        const out = new CapturedOutput();
        const sub: Frame = { ...frame, state: frame.state.clone() };
        sub.state.exitRequested = undefined;
        const status = await this.runList(list, { stdin: '', stdout: out.append, stderr: io.stderr, stdoutIsPipe: true }, sub);
        scope.substitutionStatus = sub.state.exitRequested ?? status;
        return out.text();
      },
    };
    return scope;
  }

  private parameter(name: string, frame: Frame): string | undefined {
    switch (name) {
      case '?':
        return String(frame.state.status);
      case '$':
        return String(this.options.pid);
      case '0':
        return this.options.identity.name;
      case '#':
        return '0';
      case '@':
      case '*':
      case '-':
        return '';
      case 'RANDOM':
        return String(randomInt(this.options.simulation.random, 32768));
      default:
        return frame.state.vars.get(name);
    }
  }
}

/** Output for a `> file` redirection, written to the model when the command ends. */
interface FileOutput {
  /** The path as typed, for messages. */
  shown: string;
  path: string;
  append: boolean;
  output: CapturedOutput;
}

function deviceSink(path: string, fds: Map<number, (text: string) => void>): ((text: string) => void) | string | undefined {
  switch (path) {
    case '/dev/null':
      return discard;
    case '/dev/stdout':
      return fds.get(1) ?? discard;
    case '/dev/stderr':
      return fds.get(2) ?? discard;
    case '':
      return 'ambiguous redirect';
    default:
      return undefined;
  }
}

/** A pipeline's status, inverted by `!`. */
function negate(pipeline: Pipeline, status: number): number {
  return pipeline.negated ? (status === 0 ? 1 : 0) : status;
}

/** Make `child` abort when `parent` does; returns the function that undoes the link. */
function link(parent: AbortSignal | undefined, child: AbortController): () => void {
  if (!parent) return discard;
  if (parent.aborted) {
    child.abort();
    return discard;
  }
  const onAbort = () => child.abort();
  parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}

/** The program's status, or undefined when it keeps running well after `signal` fired. */
function settledOrGivenUp(running: Promise<number>, signal: AbortSignal): Promise<number | undefined> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      timer = setTimeout(() => resolve(undefined), INTERRUPT_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void running.then((status) => {
      signal.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearTimeout(timer);
      resolve(status);
    });
  });
}

function describeOf(simulation: Simulation, name: string): string | undefined {
  // `describe` is an optional extension a simulation may offer; it is not part of the contract.
  const describe = (simulation as { describe?: (name: string) => string | undefined }).describe;
  return typeof describe === 'function' ? describe.call(simulation, name) : undefined;
}
