/**
 * Typing lines into any sandbox's terminal as a learner would (`replay --driver docker`): the
 * line and Enter go into the node's PTY stream, the output is read until a prompt comes back, and
 * the line's exit status is read with a status line typed after it. Works on every driver's
 * terminal, since it needs nothing but the byte stream of `Sandbox.terminal()`.
 *
 * A line that starts an interactive shell (`docker exec -it c1 sh`) leaves a prompt that is not
 * the host's; that is recognised after the terminal stayed quiet for a moment with a prompt-like
 * last line, and the following lines are typed into that shell until the host prompt is back.
 *
 * Nothing the terminal shows is lost: what a background job (`tcpdump ... &`) prints after a
 * line's prompt goes into that line's record if it came while the exit status was read, else into
 * the next line's; and a line whose prompt is followed at once by such output is over at that
 * prompt (bash printed `[1] PID` and the prompt; the rest is the job's).
 */
import type { TerminalStream } from '../sandbox/driver.ts';
import { KEY_BYTES, type TimedKey } from '../sandbox/sim/shell/scripted-terminal.ts';

/** What one typed line showed: the same form as a fidelity recording. */
export interface TerminalRecord {
  cmd: string;
  /** stdout and stderr as the terminal showed them, `\n` line ends, no echo, no prompt, no escapes. */
  output: string;
  exit: number;
}

export interface TerminalReplayOptions {
  /** The node whose login shell prompts `root@NODE:...# `. */
  node: string;
  /** A line that has not given the prompt back after this long is interrupted with Ctrl-C. */
  lineTimeoutMs?: number;
  /** Quiet time after which a prompt-like last line counts as a nested shell's prompt. */
  nestedIdleMs?: number;
}

const DEFAULT_LINE_TIMEOUT_MS = 30_000;
const DEFAULT_NESTED_IDLE_MS = 1_000;
/** How long the shell gets to come back after Ctrl-C. */
const INTERRUPT_GRACE_MS = 10_000;
/** Keeps `$?` for the learner's next line: the status is printed, then set again by a subshell. */
const STATUS_LINE = ' __vl=$?; echo "__vl_exit=$__vl"; (exit $__vl)';
const STATUS_MARK = /(?:^|\n)__vl_exit=(\d+)\r?\n/;

/** Escape and bell, the control characters that open and close terminal sequences. */
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
// CSI (colours, bracketed paste), OSC (titles), charset and keypad selections.
const ESCAPES = new RegExp(`${ESC}\\[[0-9;?<=>]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[()][0-9A-Za-z]|${ESC}[=>78]`, 'g');

/** Bash leaves bracketed-paste mode after reading a line with this, then the command's output starts. */
const BRACKETED_PASTE_OFF = new RegExp(`${ESC}\\[\\?2004l\r?`, 'g');

/** `text` without terminal escape sequences. */
export function stripEscapes(text: string): string {
  return text.replace(BRACKETED_PASTE_OFF, '').replace(ESCAPES, '');
}

/**
 * `text` (escapes stripped) without the echo of `typed` at its start: the typed characters are
 * matched one by one, skipping the carriage returns, newlines and spaces a line editor adds where
 * the line wraps, then everything up to the end of that line goes. Without a recognisable echo,
 * the first line goes.
 */
export function stripEcho(text: string, typed: string): string {
  const end = echoEnd(text, 0, typed);
  const newline = text.indexOf('\n', end ?? 0);
  return newline < 0 ? '' : text.slice(newline + 1);
}

/** Where the echo of `typed` starting at `from` in `text` ends, if it is there. */
function echoEnd(text: string, from: number, typed: string): number | undefined {
  let j = 0;
  let i = from;
  for (; i < text.length && j < typed.length; i++) {
    const c = text.charAt(i);
    if (c === typed.charAt(j)) j++;
    else if (c !== '\r' && c !== '\n' && c !== ' ') break;
  }
  return j === typed.length ? i : undefined;
}

/**
 * `text` split around the echo of `typed`: what a background job printed before the echo
 * reached the terminal, and what came after the echo's line. The echo is looked for at the start
 * and then at each line start; without one, the first line is taken for it (stripEcho).
 */
export function splitEcho(text: string, typed: string): { before: string; after: string } {
  for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1) {
    const end = echoEnd(text, at, typed);
    if (end !== undefined) {
      const newline = text.indexOf('\n', end);
      return { before: text.slice(0, at), after: newline < 0 ? '' : text.slice(newline + 1) };
    }
    if (text.indexOf('\n', at) < 0) break;
  }
  return { before: '', after: stripEcho(text, typed) };
}

/** A prompt-like end of output: `$ `, `# ` or `> ` ending the last line. */
const ANY_PROMPT = /(?:^|\n)([^\n]*[#$>] )$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Types lines into one terminal stream, one at a time. */
export class TerminalReplayer {
  private readonly terminal: TerminalStream;
  private readonly hostPrompt: RegExp;
  /** The host's prompt at a line start with a background job's output after it. */
  private readonly hostPromptAtLineStart: RegExp;
  /** The host's prompt wherever it is, to drop it from late output. */
  private readonly hostPromptAnywhere: RegExp;
  private readonly lineTimeoutMs: number;
  private readonly nestedIdleMs: number;
  private readonly decoder = new TextDecoder();
  private readonly unsubscribe: () => void;
  private raw = '';
  private lastDataAt = Date.now();
  private wake: (() => void) | undefined;
  /** A shell started by an earlier line is in front (its lines end at any prompt, not the host's). */
  private nested = false;
  /** Where in `raw` the output not yet in any record starts. */
  private cursor = 0;
  /** Output after the last prompt read, escapes stripped: a background job's, for the next record. */
  private carry = '';

  constructor(terminal: TerminalStream, options: TerminalReplayOptions) {
    this.terminal = terminal;
    this.hostPrompt = new RegExp(`root@${escapeRegExp(options.node)}:[^\\n]*# $`);
    this.hostPromptAnywhere = new RegExp(`root@${escapeRegExp(options.node)}:[^\\n#]*# `, 'g');
    this.hostPromptAtLineStart = new RegExp(`(?:^|\\n)root@${escapeRegExp(options.node)}:[^\\n#]*# `);
    this.lineTimeoutMs = options.lineTimeoutMs ?? DEFAULT_LINE_TIMEOUT_MS;
    this.nestedIdleMs = options.nestedIdleMs ?? DEFAULT_NESTED_IDLE_MS;
    terminal.resize(80, 24);
    this.unsubscribe = terminal.onData((bytes) => {
      this.raw += this.decoder.decode(bytes, { stream: true });
      this.lastDataAt = Date.now();
      this.wake?.();
    });
  }

  /** Wait for the login shell's first prompt. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const ok = await this.until(() => this.hostPrompt.test(stripEscapes(this.raw)), timeoutMs);
    this.cursor = this.raw.length;
    if (!ok) throw new Error(`no prompt from the login shell within ${timeoutMs} ms; the terminal shows ${JSON.stringify(stripEscapes(this.raw).slice(-300))}`);
  }

  /**
   * Type `line` and Enter; resolves with what it printed and its exit status. `keys` (`# @keys` in
   * a replay file: Ctrl-Z, Ctrl-C) are pressed while the line runs, each its time after Enter;
   * those still due when the prompt is back are not pressed.
   */
  async type(line: string, keys: readonly TimedKey[] = []): Promise<TerminalRecord> {
    const shown = await this.send(line, this.lineTimeoutMs, keys);
    let output = shown.text;
    if (!shown.prompted) {
      // stuck (a command waiting for input or running forever): Ctrl-C, as a learner would
      const start = this.raw.length;
      this.terminal.write(new TextEncoder().encode('\x03'));
      const back = await this.until(() => this.promptAt(start) !== undefined, INTERRUPT_GRACE_MS);
      const after = this.consume(stripEscapes(this.raw.slice(start)));
      output += after.text;
      if (!back) return { cmd: line, output: toRecordForm(output), exit: 124 };
    }
    // what a background job printed since the line's prompt, read again if the status line must be waited for
    const statusStart = this.raw.length;
    const idle = this.carry + stripEscapes(this.raw.slice(this.cursor, statusStart));
    const status = await this.send(STATUS_LINE, this.lineTimeoutMs);
    const mark = STATUS_MARK.exec(status.text);
    if (mark === null && status.prompted) {
      const resynced = await this.awaitStatus(statusStart);
      if (resynced !== undefined) return { cmd: line, output: toRecordForm(output + idle + resynced.late), exit: resynced.exit };
    }
    // a background job's output that came with the status line belongs to this line's record
    // (a prompt-like line that was not a shell reading input can leave bash's own echo of it there too)
    const late = mark ? this.withoutStatusEcho(status.text.slice(0, mark.index) + (mark[0].startsWith('\n') ? '\n' : '')) + status.text.slice(mark.index + mark[0].length) : '';
    return { cmd: line, output: toRecordForm(output + late), exit: mark ? Number(mark[1]) : 124 };
  }

  /**
   * The status line was typed and a prompt came back, but the status line has not run: the line
   * showed a prompt-like last line that was not a shell reading input (`docker attach --no-stdin`
   * to a TTY container redraws the container shell's `/ # `), so the status line waited in the
   * tty until the line ended, and the prompt seen was the one before it. Read on until the status
   * line has run and the host prompt follows its mark, so the next line's record starts in step.
   * What came between, without prompts and the status line's echo, is the line's late output.
   */
  private async awaitStatus(start: number): Promise<{ late: string; exit: number } | undefined> {
    const ran = () => {
      const text = stripEscapes(this.raw.slice(start));
      const mark = STATUS_MARK.exec(text);
      return mark !== null && this.hostPrompt.test(text.slice(mark.index + mark[0].length)) ? { text, mark } : undefined;
    };
    if (!(await this.until(() => ran() !== undefined, INTERRUPT_GRACE_MS))) return undefined;
    const found = ran();
    if (found === undefined) return undefined;
    this.cursor = this.raw.length;
    this.carry = '';
    this.nested = false;
    const between = this.withoutStatusEcho(found.text.slice(0, found.mark.index))
      .split('\n')
      .map((l) => l.replace(this.hostPromptAnywhere, ''))
      .filter((l) => l.trim() !== '');
    return { late: between.map((l) => `${l}\n`).join(''), exit: Number(found.mark[1]) };
  }

  /** `text` without the lines where bash echoed the status line late, after its prompt. */
  private withoutStatusEcho(text: string): string {
    return text
      .split('\n')
      .filter((l) => !l.replace(this.hostPromptAnywhere, '').includes(STATUS_LINE.trim()))
      .join('\n');
  }

  /** Stop reading the terminal. */
  close(): void {
    this.unsubscribe();
  }

  /**
   * Type `line`, wait for a prompt; what the terminal showed since the last prompt read (a
   * background job's lines first), without the echo and the prompt.
   */
  private async send(line: string, timeoutMs: number, keys: readonly TimedKey[] = []): Promise<{ text: string; prompted: boolean }> {
    const start = this.raw.length;
    const idle = this.carry + stripEscapes(this.raw.slice(this.cursor, start));
    this.carry = '';
    this.cursor = start;
    const encoder = new TextEncoder();
    this.terminal.write(encoder.encode(`${line}\r`));
    const pressed = keys.map(({ afterMs, key }) => setTimeout(() => this.terminal.write(encoder.encode(KEY_BYTES[key])), afterMs));
    const prompted = await this.until(() => this.promptAt(start) !== undefined, timeoutMs);
    // The line is over at its prompt: a key still due would be pressed at the prompt, another experiment.
    for (const timer of pressed) clearTimeout(timer);
    const kind = this.promptAt(start);
    if (kind !== undefined) this.nested = kind === 'nested';
    const { before, after } = splitEcho(stripEscapes(this.raw.slice(start)), line);
    return { text: idle + before + (prompted ? this.consume(after).text : after), prompted };
  }

  /** Which prompt ends the output since `start`, if any. */
  private promptAt(start: number): 'host' | 'nested' | undefined {
    const text = stripEscapes(this.raw.slice(start));
    if (this.hostPrompt.test(text) || this.hostPromptAtLineStart.test(text)) return 'host';
    // A nested shell's prompt is only known by its look, so the terminal must also have gone quiet.
    const quiet = Date.now() - this.lastDataAt >= (this.nested ? this.nestedIdleMs / 4 : this.nestedIdleMs);
    return quiet && ANY_PROMPT.test(text) && text.includes('\n') ? 'nested' : undefined;
  }

  /**
   * `text` up to its prompt; everything shown so far counts as read, and what follows the prompt
   * (a background job's output) is kept for the next record.
   */
  private consume(text: string): { text: string } {
    this.cursor = this.raw.length;
    const host = this.hostPrompt.exec(text);
    if (host) return { text: text.slice(0, host.index) };
    const prompt = ANY_PROMPT.exec(text)?.[1];
    if (prompt !== undefined && !this.hostPromptAtLineStart.test(text)) return { text: text.slice(0, text.length - prompt.length) };
    const early = this.hostPromptAtLineStart.exec(text);
    if (!early) return { text };
    const end = early.index + early[0].length;
    this.carry += text.slice(end);
    return { text: text.slice(0, end - early[0].length + (early[0].startsWith('\n') ? 1 : 0)) };
  }

  /** Resolve true once `done()` holds (checked on every output and every 100 ms), false after `timeoutMs`. */
  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return true;
  }
}

/** The recorder's form: `\n` line ends. */
function toRecordForm(text: string): string {
  return text.replace(/\r+\n/g, '\n');
}
