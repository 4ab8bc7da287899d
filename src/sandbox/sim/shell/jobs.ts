/**
 * Job control, the part a learner uses to capture in the background and ping in the foreground
 * (bash's jobs.c, reduced): `cmd &` starts a job the shell does not wait for, announced as
 * `[1] PID` on an interactive shell; `jobs` lists them, `fg` brings one to the foreground (Ctrl-C
 * then reaches it), `kill %N` stops one, `wait` waits for them, and an interactive shell reports
 * `[1]+  Done ...` before its next prompt. When the shell exits its jobs are stopped (SIGHUP).
 */
import type { ProgramIO } from '../userland/program.ts';
import type { ShellTerminal } from './terminal.ts';

/** One background job. */
interface Job {
  number: number;
  pid: number;
  text: string;
  controller: AbortController;
  done: Promise<number>;
  status?: number;
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

  /** Start tracking a job already running; returns its `[N] PID` announcement. */
  add(text: string, controller: AbortController, run: () => Promise<number>): string {
    const number = (this.jobs[this.jobs.length - 1]?.number ?? 0) + 1;
    const pid = this.nextPid;
    this.nextPid += 7;
    const job: Job = { number, pid, text, controller, done: Promise.resolve(0) };
    job.done = run().then(
      (status) => this.settle(job, status),
      () => this.settle(job, 1),
    );
    this.jobs.push(job);
    return `[${number}] ${pid}\n`;
  }

  private settle(job: Job, status: number): number {
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
    const lines = this.finished.splice(0).map((j) => `[${j.number}]+  ${(j.status === 0 ? 'Done' : `Exit ${j.status}`).padEnd(24)}${j.text}\n`);
    return lines.join('');
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
        io.stdout(this.jobs.map((j, i) => `[${j.number}]${i === this.jobs.length - 1 ? '+' : i === this.jobs.length - 2 ? '-' : ' '}  ${'Running'.padEnd(24)}${j.text} &\n`).join(''));
        return 0;
      case 'wait': {
        // With no operand bash waits for every job and answers 0 whatever they returned.
        if (args.length === 0) {
          for (const j of [...this.jobs]) await j.done;
          this.finished.splice(0);
          return 0;
        }
        const job = this.find(args[0] ?? '');
        if (!job) return fail(io, `${shell}: wait: ${args[0]}: no such job`, 127);
        return job.done;
      }
      case 'fg': {
        const job = this.find(args[0] ?? '%%');
        if (!job) return fail(io, `${shell}: fg: ${args[0] ?? 'current'}: no such job`, 1);
        io.stdout(`${job.text}\n`);
        const release = terminal.foreground(job.controller);
        try {
          const status = await job.done;
          this.finished.splice(this.finished.indexOf(job), 1);
          return status;
        } finally {
          release();
        }
      }
      case 'bg': {
        const job = this.find(args[0] ?? '%%');
        if (!job) return fail(io, `${shell}: bg: ${args[0] ?? 'current'}: no such job`, 1);
        return fail(io, `${shell}: bg: job ${job.number} already in background`, 0);
      }
      case 'kill': {
        const specs = args.filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && a !== 'TERM' && a !== 'INT' && a !== 'KILL');
        if (specs.length === 0) return fail(io, `${shell}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]`, 2);
        let status = 0;
        for (const spec of specs) {
          const job = spec.startsWith('%') ? this.find(spec) : this.jobs.find((j) => String(j.pid) === spec);
          if (!job) {
            status = fail(io, spec.startsWith('%') ? `${shell}: kill: ${spec}: no such job` : `${shell}: kill: (${spec}) - No such process`, 1);
            continue;
          }
          job.controller.abort();
        }
        return status;
      }
      default:
        return 127;
    }
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
