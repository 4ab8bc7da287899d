/**
 * A headless terminal that types a fixed list of lines, one per prompt, into whichever shell is in
 * front (so `docker run -it busybox sh` then `ping -c 1 box2` runs the ping in the container),
 * and records what each line printed. The replay CLI and tests drive the real shell through it.
 * A line may come with keys pressed while it runs (Ctrl-Z, Ctrl-C), each at a time on the
 * replay's clock after the line was typed, echoed as a tty echoes them (`^Z`).
 */
import type { Clock } from '../clock.ts';
import type { LineRequest, LineResult, ShellTerminal } from './terminal.ts';
import { CapturedOutput } from './captured-output.ts';

/** A key pressed while a typed line runs, `afterMs` after it was typed. */
export interface TimedKey {
  afterMs: number;
  key: 'interrupt' | 'suspend';
}

/** Keys written as a scenario spells them: `^C` and `^Z`. */
export const KEY_NAMES: ReadonlyMap<string, TimedKey['key']> = new Map([
  ['^C', 'interrupt'],
  ['^Z', 'suspend'],
]);

/**
 * The keys of a `# @keys SECONDS KEY [SECONDS KEY]...` line (`# @keys 1.5 ^Z`: Ctrl-Z 1.5 s after
 * the next line was typed), or undefined when `line` is not one.
 */
export function parseKeysDirective(line: string): TimedKey[] | undefined {
  const words = /^#\s*@keys\s+(.*)$/.exec(line.trim())?.[1]?.trim().split(/\s+/);
  if (!words || words.length % 2 !== 0) return undefined;
  const keys: TimedKey[] = [];
  for (let i = 0; i < words.length; i += 2) {
    const seconds = Number(words[i]);
    const key = KEY_NAMES.get(words[i + 1] ?? '');
    if (!Number.isFinite(seconds) || seconds < 0 || key === undefined) return undefined;
    keys.push({ afterMs: Math.round(seconds * 1000), key });
  }
  return keys;
}

/** The byte a terminal sends for a signal key (the tty's VINTR and VSUSP). */
export const KEY_BYTES: Readonly<Record<TimedKey['key'], string>> = { interrupt: '\x03', suspend: '\x1a' };

/** What the tty echoes for a signal key. */
const KEY_ECHO: Readonly<Record<TimedKey['key'], string>> = { interrupt: '^C', suspend: '^Z' };

interface ForegroundJob {
  controller: AbortController;
  suspend: (() => void) | undefined;
}

/** Keys for some of the lines (by index), and the clock that times them. */
export interface ScriptedKeys {
  clock: Clock;
  byLine: ReadonlyMap<number, readonly TimedKey[]>;
}

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
  private readonly jobs: ForegroundJob[] = [];
  private readonly onRecord: (record: TypedLineRecord) => void;
  private readonly onLine: () => void;
  private readonly keys: ScriptedKeys | undefined;
  /** Cancels the keys still to be pressed for the line running now. */
  private pressing: AbortController | undefined;
  /** Keys of the running line not pressed yet. */
  private keysLeft = 0;
  /** A program reading the terminal while keys are still to come: the next key answers it. */
  private programRead: ((result: LineResult) => void) | undefined;

  constructor(lines: readonly string[], hooks: { onRecord: (record: TypedLineRecord) => void; onLine?: () => void; keys?: ScriptedKeys }) {
    this.lines = lines;
    this.onRecord = hooks.onRecord;
    this.onLine = hooks.onLine ?? (() => undefined);
    this.keys = hooks.keys;
  }

  readLine(request: LineRequest): Promise<LineResult> {
    // The lines are typed at prompts: a program reading the terminal finds the end of its input,
    // unless keys are still to be pressed while this line runs (Ctrl-Z stops the reader, as on a tty).
    if (request.program) {
      if (this.keysLeft === 0 || this.programRead) return Promise.resolve({ kind: 'eof' });
      return new Promise((resolve) => {
        const answer = (result: LineResult): void => {
          this.programRead = undefined;
          request.signal?.removeEventListener('abort', onAbort);
          resolve(result);
        };
        const onAbort = (): void => answer({ kind: 'closed' });
        this.programRead = answer;
        request.signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.flush(request.status);
    const text = this.lines[this.next];
    if (text === undefined) return Promise.resolve({ kind: 'eof' });
    this.current = { cmd: text, output: new CapturedOutput() };
    this.onLine();
    this.pressKeys(this.keys?.byLine.get(this.next) ?? []);
    this.next++;
    return Promise.resolve({ kind: 'line', text });
  }

  /** Press `keys` at their times while the line runs; the next line's prompt cancels those left. */
  private pressKeys(keys: readonly TimedKey[]): void {
    const clock = this.keys?.clock;
    if (!clock || keys.length === 0) return;
    const pressing = new AbortController();
    this.pressing = pressing;
    this.keysLeft = keys.length;
    void (async () => {
      let at = 0;
      for (const { afterMs, key } of [...keys].sort((a, b) => a.afterMs - b.afterMs)) {
        await clock.sleep(afterMs - at, pressing.signal);
        at = afterMs;
        this.keysLeft--;
        this.press(key);
      }
    })().catch(() => undefined);
  }

  /** What the key does on a tty: echo, then SIGINT or SIGTSTP to the foreground job. */
  press(key: TimedKey['key']): void {
    if (key === 'suspend') this.programRead?.({ kind: 'stopped' });
    this.print(KEY_ECHO[key]);
    if (key === 'interrupt') this.interrupt();
    else this.jobs.findLast((j) => j.suspend !== undefined)?.suspend?.();
  }

  /** Record the last line, if it has not been yet (call when the session ends). */
  flush(status: number): void {
    this.pressing?.abort();
    this.pressing = undefined;
    this.keysLeft = 0;
    this.programRead?.({ kind: 'eof' });
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

  foreground(controller: AbortController, suspend?: () => void): () => void {
    const job: ForegroundJob = { controller, suspend };
    this.jobs.push(job);
    return () => {
      const i = this.jobs.lastIndexOf(job);
      if (i >= 0) this.jobs.splice(i, 1);
    };
  }

  /** What Ctrl-C would do: abort the foreground job. */
  interrupt(): void {
    this.jobs[this.jobs.length - 1]?.controller.abort();
  }
}
