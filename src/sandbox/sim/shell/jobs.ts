/**
 * Job control, the part a learner uses to capture in the background and ping in the foreground
 * (bash's jobs.c, reduced): `cmd &` starts a job the shell does not wait for, announced as
 * `[1] PID` on an interactive shell; `jobs` lists them, `fg` brings one to the foreground (Ctrl-C
 * then reaches it), `bg` continues a stopped one in the background, `kill %N` signals one (STOP,
 * TSTP and CONT stop and continue it; other signals end it), `wait` waits for them, and an
 * interactive shell reports `[1]+  Done ...` before its next prompt. A job stops (its JobClock
 * holds its program) on SIGSTOP/SIGTSTP or when it wants the terminal in the background (SIGTTIN:
 * `sh &`); bash reports that after the next foreground program, `\n[1]+  Stopped  cmd`. When
 * the shell exits its jobs are ended (SIGHUP).
 */
import type { ProgramIO } from '../userland/program.ts';
import { SIGNAL_NUMBERS, signalNumber } from '../userland/signals.ts';
import type { JobClock } from './job-clock.ts';
import type { ShellTerminal } from './terminal.ts';

/** One background job. */
interface Job {
  number: number;
  pid: number;
  text: string;
  controller: AbortController;
  clock: JobClock;
  done: Promise<number>;
  status?: number;
  /** Stopped since bash last said so. */
  stopUnreported?: boolean;
  /** The number of the signal `kill` ended it with (9 for KILL), for the status and bash's notice. */
  killedBy?: number;
  /** `fg` gave it the terminal: reading it no longer stops the job. */
  foreground?: boolean;
}

/** Signals that stop a job, and the one that continues it (names and Linux numbers). */
const STOP_SIGNALS: ReadonlySet<string> = new Set(['STOP', 'TSTP', 'TTIN', 'TTOU', '19', '20', '21', '22']);
const CONT_SIGNALS: ReadonlySet<string> = new Set(['CONT', '18']);

/** strsignal()'s words for the signals that end a job, by number: what bash's notice says (`[1]+  Killed  cmd`). */
const SIGNAL_WORDS: ReadonlyMap<number, string> = new Map([
  [1, 'Hangup'],
  [2, 'Interrupt'],
  [3, 'Quit'],
  [9, 'Killed'],
  [10, 'User defined signal 1'],
  [12, 'User defined signal 2'],
  [15, 'Terminated'],
]);

/** Status of a job Ctrl-Z stopped in the foreground: 128 + SIGTSTP. */
export const SUSPENDED_STATUS = 148;

/** Ctrl-Z for one foreground job: `press` is what the terminal calls, `pressed` what the shell waits on beside the job. */
export class CtrlZ {
  private pressedNow = false;
  private resolve: (value: 'suspended') => void = () => undefined;
  readonly pressed = new Promise<'suspended'>((resolve) => {
    this.resolve = resolve;
  });
  readonly press = (): void => {
    this.pressedNow = true;
    this.resolve('suspended');
  };

  /** Whether Ctrl-Z stopped the job. */
  get wasPressed(): boolean {
    return this.pressedNow;
  }
}

/** The job builtins: they wait, so they are not ordinary (synchronous) builtins. */
export const JOB_BUILTINS: ReadonlySet<string> = new Set(['jobs', 'fg', 'wait', 'kill', 'bg']);

/** Jobs of one shell. */
export class JobTable {
  private readonly jobs: Job[] = [];
  private readonly finished: Job[] = [];
  private nextPid: number;

  constructor(firstPid: number) {
    this.nextPid = firstPid;
  }

  /**
   * A foreground pipeline Ctrl-Z stopped (`done` settles when it ends, after `fg` or `kill`): it
   * becomes a stopped job; returns bash's report, `\n[1]+  Stopped  cmd\n`.
   */
  suspended(text: string, controller: AbortController, clock: JobClock, done: Promise<number>): string {
    this.add(text, controller, clock, () => done);
    this.stopJobOf(clock);
    return this.stopNotices();
  }

  /** Start tracking a job already running; returns its `[N] PID` announcement. */
  add(text: string, controller: AbortController, clock: JobClock, run: () => Promise<number>): string {
    const number = (this.jobs[this.jobs.length - 1]?.number ?? 0) + 1;
    const pid = this.nextPid;
    this.nextPid += 7;
    const job: Job = { number, pid, text, controller, clock, done: Promise.resolve(0) };
    job.done = run().then(
      (status) => this.settle(job, status),
      () => this.settle(job, 1),
    );
    this.jobs.push(job);
    return `[${number}] ${pid}\n`;
  }

  private settle(job: Job, ended: number): number {
    // A job a signal ended exits with 128 + the signal's number. A program that handles the signal and exits by
    // itself (tcpdump prints its summary and exits 0 on SIGTERM/SIGINT) ended normally: bash says Done. KILL
    // cannot be handled.
    const signal = job.killedBy;
    const bySignal = signal !== undefined && SIGNAL_WORDS.has(signal) && (signal === SIGNAL_NUMBERS.KILL || ended !== 0);
    if (!bySignal) job.killedBy = undefined;
    const status = bySignal ? 128 + signal : ended;
    job.status = status;
    const i = this.jobs.indexOf(job);
    if (i >= 0) {
      this.jobs.splice(i, 1);
      this.finished.push(job);
      if (this.finished.length > 16) this.finished.shift();
    }
    return status;
  }

  /** `[1]+  Done  cmd` lines for jobs that ended since the last prompt (interactive shells). */
  notices(): string {
    const lines = this.finished.splice(0).map((j) => `[${j.number}]+  ${this.ending(j).padEnd(24)}${j.text}\n`);
    return lines.join('');
  }

  /** bash's word for how a job ended: Done, Exit N, or the signal's (Killed, Terminated). */
  private ending(job: Job): string {
    const words = job.killedBy === undefined ? undefined : SIGNAL_WORDS.get(job.killedBy);
    if (words !== undefined) return words;
    return job.status === 0 ? 'Done' : `Exit ${job.status}`;
  }

  /** The job whose clock is `clock` stops (it read the terminal in the background: SIGTTIN). */
  stopJobOf(clock: JobClock): void {
    const job = this.jobs.find((j) => j.clock === clock);
    if (job) this.stop(job);
  }

  /** Whether the job whose clock is `clock` has the terminal (brought back by `fg`). */
  hasTerminal(clock: JobClock): boolean {
    return this.jobs.some((j) => j.clock === clock && j.foreground === true);
  }

  private stop(job: Job): void {
    if (job.clock.stopped) return;
    job.clock.stop();
    job.stopUnreported = true;
  }

  /** bash's note after a foreground program, for jobs that stopped meanwhile: `\n[1]+  Stopped  cmd`. */
  stopNotices(): string {
    return this.jobs
      .filter((j) => j.stopUnreported)
      .map((j) => {
        j.stopUnreported = false;
        return `\n${this.line(j)}\n`;
      })
      .join('');
  }

  /** `+` for the current job (the newest), `-` for the previous one, else a space. */
  private mark(job: Job): string {
    const i = this.jobs.indexOf(job);
    return i === this.jobs.length - 1 ? '+' : i === this.jobs.length - 2 ? '-' : ' ';
  }

  /** A job's line as `jobs` shows it: `[1]+  Stopped                 cmd`, `[2]-  Running  cmd &`. */
  private line(job: Job): string {
    const mark = this.mark(job);
    return job.clock.stopped ? `[${job.number}]${mark}  ${'Stopped'.padEnd(24)}${job.text}` : `[${job.number}]${mark}  ${'Running'.padEnd(24)}${job.text} &`;
  }

  /** Whether any job is still running. */
  running(): boolean {
    return this.jobs.length > 0;
  }

  /** Stop every job (the shell is exiting). */
  hangUp(): void {
    for (const j of this.jobs) j.controller.abort();
  }

  /** Run job builtin `name`; resolves with its status. */
  async run(argv: readonly string[], io: ProgramIO, shell: string, terminal: ShellTerminal): Promise<number> {
    const name = argv[0];
    const args = argv.slice(1);
    switch (name) {
      case 'jobs':
        io.stdout(this.listing());
        return 0;
      case 'wait': {
        // With no operand bash waits for every job and answers 0 whatever they returned.
        if (args.length === 0) {
          for (const j of [...this.jobs]) await j.done;
          this.finished.splice(0);
          return 0;
        }
        // A job that ended since the last notice can still be waited for: its status is kept until then.
        const job = this.find(args[0] ?? '') ?? this.findFinished(args[0] ?? '');
        if (!job) return fail(io, `${shell}: wait: ${args[0]}: no such job`, 127);
        return job.done;
      }
      case 'fg': {
        const job = this.find(args[0] ?? '%%');
        if (!job) return fail(io, `${shell}: fg: ${args[0] ?? 'current'}: no such job`, 1);
        io.stdout(`${job.text}\n`);
        job.clock.resume();
        // In the foreground again, Ctrl-Z stops it again.
        const ctrlZ = new CtrlZ();
        const release = terminal.foreground(job.controller, ctrlZ.press);
        job.foreground = true;
        try {
          const outcome = await Promise.race([job.done, ctrlZ.pressed]);
          if (outcome === 'suspended') {
            this.stop(job);
            terminal.print(this.stopNotices());
            return SUSPENDED_STATUS;
          }
          this.finished.splice(this.finished.indexOf(job), 1);
          return outcome;
        } finally {
          job.foreground = false;
          release();
        }
      }
      case 'bg': {
        const job = this.find(args[0] ?? '%%');
        if (!job) return fail(io, `${shell}: bg: ${args[0] ?? 'current'}: no such job`, 1);
        if (!job.clock.stopped) return fail(io, `${shell}: bg: job ${job.number} already in background`, 0);
        job.clock.resume();
        io.stdout(`[${job.number}]${this.mark(job)} ${job.text} &\n`);
        return 0;
      }
      case 'kill': {
        let signal = 'TERM';
        const specs: string[] = [];
        for (let i = 0; i < args.length; i++) {
          const a = args[i] ?? '';
          if (specs.length === 0 && (a === '-s' || a === '-n')) signal = args[++i] ?? signal;
          else if (specs.length === 0 && /^-(\d+|[A-Za-z]+)$/.test(a)) signal = a.slice(1);
          else specs.push(a);
        }
        const name = signal.toUpperCase().replace(/^SIG/, '');
        if (specs.length === 0) return fail(io, `${shell}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]`, 2);
        let status = 0;
        for (const spec of specs) {
          const job = spec.startsWith('%') ? this.find(spec) : this.jobs.find((j) => String(j.pid) === spec);
          if (!job) {
            status = fail(io, spec.startsWith('%') ? `${shell}: kill: ${spec}: no such job` : `${shell}: kill: (${spec}) - No such process`, 1);
            continue;
          }
          if (STOP_SIGNALS.has(name)) this.stop(job);
          else if (CONT_SIGNALS.has(name)) job.clock.resume();
          else {
            job.killedBy = signalNumber(name);
            job.controller.abort();
            // bash continues a stopped job it signals (SIGCONT), so it can act on the signal; KILL needs no turn.
            if (job.killedBy !== SIGNAL_NUMBERS.KILL) job.clock.resume();
          }
        }
        return status;
      }
      default:
        return 127;
    }
  }

  /**
   * What `jobs` prints: the jobs in the table by number, those that ended since the last notice
   * among them (`[1]+  Killed  cmd`), which this reports, so no notice repeats it.
   */
  private listing(): string {
    const ended = this.finished.splice(0);
    const all = [...this.jobs, ...ended].sort((a, b) => a.number - b.number);
    return all
      .map((j, i) => {
        j.stopUnreported = false;
        if (!ended.includes(j)) return `${this.line(j)}\n`;
        const mark = i === all.length - 1 ? '+' : i === all.length - 2 ? '-' : ' ';
        return `[${j.number}]${mark}  ${this.ending(j).padEnd(24)}${j.text}\n`;
      })
      .join('');
  }

  /** A job that ended and was not reported yet, by `%N` or `%PREFIX`. */
  private findFinished(spec: string): Job | undefined {
    if (/^%\d+$/.test(spec)) return this.finished.find((j) => j.number === Number(spec.slice(1)));
    if (spec.startsWith('%') && spec.length > 1) return this.finished.find((j) => j.text.startsWith(spec.slice(1)));
    return undefined;
  }

  /** A job spec: %N, %%, %+, %- or %PREFIX of its command. */
  private find(spec: string): Job | undefined {
    const last = this.jobs[this.jobs.length - 1];
    if (spec === '%%' || spec === '%+' || spec === '%') return last;
    if (spec === '%-') return this.jobs[this.jobs.length - 2];
    if (/^%\d+$/.test(spec)) return this.jobs.find((j) => j.number === Number(spec.slice(1)));
    if (/^\d+$/.test(spec)) return this.jobs.find((j) => j.number === Number(spec));
    if (spec.startsWith('%')) return this.jobs.find((j) => j.text.startsWith(spec.slice(1)));
    return undefined;
  }
}

function fail(io: ProgramIO, message: string, status: number): number {
  io.stderr(`${message}\n`);
  return status;
}
