/**
 * A headless terminal that types a fixed list of lines, one per prompt, into whichever shell is in
 * front (so `docker run -it busybox sh` then `ping -c 1 box2` runs the ping in the container),
 * and records what each line printed. The replay CLI and tests drive the real shell through it.
 */
import type { LineRequest, LineResult, ShellTerminal } from './terminal.ts';
import { CapturedOutput } from './captured-output.ts';

/** What one typed line showed: stdout and stderr in order, no prompt, no echo. */
export interface TypedLineRecord {
  cmd: string;
  output: string;
  /** `$?` of the shell that prompted next (for `exit` from a container: the host's docker command). */
  exit: number;
}

/** Types `lines` at successive prompts, then Ctrl-D at every prompt after the last. */
export class ScriptedTerminal implements ShellTerminal {
  private readonly lines: readonly string[];
  private next = 0;
  private current: { cmd: string; output: CapturedOutput } | undefined;
  private readonly jobs: AbortController[] = [];
  private readonly onRecord: (record: TypedLineRecord) => void;
  private readonly onLine: () => void;

  constructor(lines: readonly string[], hooks: { onRecord: (record: TypedLineRecord) => void; onLine?: () => void }) {
    this.lines = lines;
    this.onRecord = hooks.onRecord;
    this.onLine = hooks.onLine ?? (() => undefined);
  }

  readLine(request: LineRequest): Promise<LineResult> {
    this.flush(request.status);
    const text = this.lines[this.next];
    if (text === undefined) return Promise.resolve({ kind: 'eof' });
    this.next++;
    this.current = { cmd: text, output: new CapturedOutput() };
    this.onLine();
    return Promise.resolve({ kind: 'line', text });
  }

  /** Record the last line, if it has not been yet (call when the session ends). */
  flush(status: number): void {
    if (!this.current) return;
    this.onRecord({ cmd: this.current.cmd, output: this.current.output.text(), exit: status });
    this.current = undefined;
  }

  /** Lines not typed yet (because the session ended first). */
  remaining(): number {
    return this.lines.length - this.next;
  }

  print(text: string): void {
    this.current?.output.append(text);
  }

  columns(): number {
    return 80;
  }

  foreground(controller: AbortController): () => void {
    this.jobs.push(controller);
    return () => {
      const i = this.jobs.lastIndexOf(controller);
      if (i >= 0) this.jobs.splice(i, 1);
    };
  }

  /** What Ctrl-C would do: abort the foreground job. */
  interrupt(): void {
    this.jobs[this.jobs.length - 1]?.abort();
  }
}
