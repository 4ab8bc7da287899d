/**
 * How long a learner waits for a command: from the Enter (or the `exec` request) reaching the server
 * to the last byte of its answer. The server turns these into metrics; the sandbox layer only reports.
 */
export type CommandKind = 'terminal' | 'exec';

/** Told each finished command's kind and its latency in seconds. */
export type CommandTimer = (kind: CommandKind, seconds: number) => void;

/** Times typed commands: started by Enter, stretched by each output chunk, read when output goes quiet. */
export class TerminalCommandClock {
  private startedAt: number | undefined;
  private answeredAt: number | undefined;
  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  /** Enter was sent; a command already being timed keeps its start (typed-ahead lines are one wait). */
  entered(): void {
    if (this.startedAt !== undefined) return;
    this.startedAt = this.now();
    this.answeredAt = undefined;
  }

  /** Output arrived for the timed command. */
  output(): void {
    if (this.startedAt !== undefined) this.answeredAt = this.now();
  }

  /** Output went quiet: the latency in seconds, or undefined when nothing was timed or nothing answered. */
  settle(): number | undefined {
    const { startedAt, answeredAt } = this;
    this.startedAt = undefined;
    this.answeredAt = undefined;
    if (startedAt === undefined || answeredAt === undefined) return undefined;
    return (answeredAt - startedAt) / 1000;
  }
}
