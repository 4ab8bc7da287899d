/**
 * The line discipline between the raw bytes of a terminal (xterm.js) and the simulated shell,
 * doing what the kernel tty and readline do together on a real machine:
 *
 * - input bytes are decoded as UTF-8 (invalid sequences become U+FFFD; nothing throws);
 * - at a prompt, keys edit the line (echo, cursor keys, history, Tab completion, kill/yank);
 * - while a command runs, Ctrl-C interrupts it (echoing `^C` and discarding type-ahead, as a tty
 *   does on SIGINT) and Ctrl-Z suspends it (echoing `^Z`: SIGTSTP to the foreground job, which
 *   the shell then reports as stopped), and everything else is kept as type-ahead for the next prompt;
 * - output text uses `\n`; the terminal gets `\r\n`.
 *
 * All buffers are bounded: a line holds 4096 characters, type-ahead 64 KiB.
 */
import type { LineRequest, LineResult, ShellTerminal } from '../shell/terminal.ts';
import { commonPrefix, formatColumns, printableCandidates } from './completion-list.ts';
import { decodeKey, isPrintable, type Key } from './keys.ts';
import { LineEditor } from './line-editor.ts';

/** Most unprocessed input kept while a command runs (a tty's input queue). */
export const MAX_TYPEAHEAD_CHARS = 64 * 1024;

interface Reader {
  request: LineRequest;
  resolve(result: LineResult): void;
  /** Position in the history while browsing with Up/Down; history.length is the new line. */
  historyIndex: number;
  draft: string;
  lastWasTab: boolean;
  /** Ctrl-P was typed in a docker session: held until the next key says whether it detaches. */
  escapeHeld: boolean;
  detach(): void;
}

/** A foreground job as the tty knows it: what Ctrl-C aborts and, when it can be stopped, what Ctrl-Z calls. */
interface ForegroundJob {
  controller: AbortController;
  suspend: (() => void) | undefined;
}

/** The characters that signal the foreground job (VINTR, VSUSP). */
const INTERRUPT = '\x03';
const SUSPEND = '\x1a';

/** A terminal's line discipline: bytes in, bytes out, lines to the shell. */
export class LineDiscipline implements ShellTerminal {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private readonly encoder = new TextEncoder();
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  private readonly jobs: ForegroundJob[] = [];
  private readonly editor: LineEditor;
  private cols: number;
  private pending = '';
  private reader: Reader | undefined;
  private inPaste = false;
  /** The last Enter was `\r`: a `\n` right after it belongs to the same key press. */
  private skipLineFeed = false;
  /** `^C` was echoed while a command ran, so the next prompt starts on a new line. */
  private interruptEchoed = false;
  private atLineStart = true;
  private closed = false;

  constructor(cols = 80) {
    this.cols = clampColumns(cols);
    this.editor = new LineEditor((raw) => this.emit(raw), this.cols);
  }

  // ---- the terminal side ---------------------------------------------------------------------

  /** Bytes the learner typed or pasted. */
  input(bytes: Uint8Array): void {
    if (this.closed) return;
    let text = this.decoder.decode(bytes, { stream: true });
    if (!text) return;
    if (this.reader && !this.reader.request.program) {
      this.enqueue(text);
      this.drain();
      return;
    }
    const signalled = Math.max(text.lastIndexOf(INTERRUPT), text.lastIndexOf(SUSPEND));
    // With no job registered yet (the shell is between reading a line and running it), the
    // key stays queued: `foreground` delivers it to the job that starts next. Like a tty on
    // SIGINT and SIGTSTP, the input typed before it is discarded.
    if (signalled >= 0 && this.jobs.length > 0) {
      this.pending = '';
      this.skipLineFeed = false;
      if (text[signalled] === INTERRUPT) this.interruptForeground();
      else this.suspendForeground();
      text = text.slice(signalled + 1);
    }
    this.enqueue(text);
    if (this.reader) this.drain();
  }

  /** Subscribe to the bytes to display; returns the unsubscribe function. */
  onOutput(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  resize(cols: number, _rows: number): void {
    this.cols = clampColumns(cols);
    this.editor.resize(this.cols);
  }

  /** Stop: a pending read resolves `closed`, running commands are aborted, output stops. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.finishRead({ kind: 'closed' });
    for (const job of this.jobs.splice(0)) job.controller.abort();
    this.listeners.clear();
    this.pending = '';
  }

  // ---- the shell side ------------------------------------------------------------------------

  readLine(request: LineRequest): Promise<LineResult> {
    if (this.closed || this.reader || request.signal?.aborted) return Promise.resolve({ kind: 'closed' });
    return new Promise((resolve) => {
      if (this.interruptEchoed && !this.atLineStart) this.emit('\r\n');
      this.interruptEchoed = false;
      const onAbort = () => {
        this.editor.finish();
        this.atLineStart = true;
        this.finishRead({ kind: 'closed' });
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.reader = {
        request,
        resolve,
        historyIndex: request.history.length,
        draft: '',
        lastWasTab: false,
        escapeHeld: false,
        detach: () => request.signal?.removeEventListener('abort', onAbort),
      };
      this.inPaste = false;
      this.editor.start(request.prompt);
      this.atLineStart = false;
      this.drain();
    });
  }

  print(text: string): void {
    if (this.closed || text === '') return;
    const raw = text.replace(/\r?\n/g, '\r\n');
    if (this.reader) {
      // Output while someone edits a line goes below it, and the prompt and line come back.
      this.editor.showBelow(raw.endsWith('\n') ? raw : `${raw}\r\n`);
      return;
    }
    this.emit(raw);
    this.atLineStart = text.endsWith('\n');
  }

  columns(): number {
    return this.cols;
  }

  foreground(controller: AbortController, suspend?: () => void): () => void {
    const job: ForegroundJob = { controller, suspend };
    this.jobs.push(job);
    const queued = this.shellReading() ? -1 : this.pending.lastIndexOf(INTERRUPT);
    const queuedSuspend = this.shellReading() || !suspend ? -1 : this.pending.lastIndexOf(SUSPEND);
    if (queued >= 0 && queued > queuedSuspend) {
      this.pending = this.pending.slice(queued + 1);
      this.interruptForeground();
    } else if (queuedSuspend >= 0) {
      this.pending = this.pending.slice(queuedSuspend + 1);
      this.suspendForeground();
    }
    return () => {
      const i = this.jobs.lastIndexOf(job);
      if (i >= 0) this.jobs.splice(i, 1);
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private emit(raw: string): void {
    if (this.listeners.size === 0) return;
    const bytes = this.encoder.encode(raw);
    for (const listener of [...this.listeners]) {
      try {
        listener(bytes);
      } catch {
        // A failing subscriber must not break the terminal for the others.
      }
    }
  }

  private enqueue(text: string): void {
    const room = MAX_TYPEAHEAD_CHARS - this.pending.length;
    if (text.length > room) {
      this.emit('\x07');
      text = text.slice(0, Math.max(0, room));
    }
    this.pending += text;
  }

  private interruptForeground(): void {
    this.echoSignal('^C');
    this.jobs[this.jobs.length - 1]?.controller.abort();
  }

  /** A shell reads a command line (keys edit it); not a program reading its input. */
  private shellReading(): boolean {
    return this.reader !== undefined && !this.reader.request.program;
  }

  /** SIGTSTP: the innermost job that can be stopped is (a builtin or the shell itself cannot). */
  private suspendForeground(): void {
    if (this.reader?.request.program) {
      // The stopped program's read gives the terminal back; it reads again when continued.
      this.editor.leave();
      this.finishRead({ kind: 'stopped' });
    }
    this.echoSignal('^Z');
    const job = this.jobs.findLast((j) => j.suspend !== undefined);
    job?.suspend?.();
  }

  private echoSignal(echo: string): void {
    this.emit(echo);
    this.interruptEchoed = true;
    this.atLineStart = false;
  }

  /** Process type-ahead while someone reads a line; stops after Enter (the rest waits). */
  private drain(): void {
    let i = 0;
    while (this.reader && i < this.pending.length) {
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (this.pending[i] === '\n') {
          i++;
          continue;
        }
      }
      const decoded = decodeKey(this.pending, i, this.inPaste);
      if (!decoded) break;
      i = decoded.next;
      this.apply(decoded.key, this.reader);
    }
    this.pending = this.pending.slice(i);
  }

  private finishRead(result: LineResult): void {
    const reader = this.reader;
    if (!reader) return;
    this.reader = undefined;
    reader.detach();
    reader.resolve(result);
  }

  private apply(key: Key, reader: Reader): void {
    const editor = this.editor;
    const wasTab = reader.lastWasTab;
    reader.lastWasTab = false;
    if (reader.escapeHeld) {
      // Docker's escape proxy: Ctrl-P Ctrl-Q detaches; otherwise the held Ctrl-P goes through.
      reader.escapeHeld = false;
      if (key.kind === 'action' && key.action === 'quoted-insert') {
        editor.leave();
        this.finishRead({ kind: 'detach' });
        return;
      }
      this.recall(reader, -1);
    }
    if (key.kind === 'text') {
      editor.insert(key.text);
      return;
    }
    switch (key.action) {
      case 'enter':
        if (key.fromCR) this.skipLineFeed = true;
        editor.finish();
        this.atLineStart = true;
        this.finishRead({ kind: 'line', text: editor.text() });
        return;
      case 'interrupt':
        editor.finish('^C');
        this.atLineStart = true;
        this.finishRead({ kind: 'interrupt' });
        return;
      case 'eof':
        if (editor.isEmpty()) this.finishRead({ kind: 'eof' });
        else editor.deleteForward();
        return;
      case 'backspace':
        return editor.backspace();
      case 'delete':
        return editor.deleteForward();
      case 'left':
        return editor.left();
      case 'right':
        return editor.right();
      case 'home':
        return editor.home();
      case 'end':
        return editor.end();
      case 'word-left':
        return editor.wordLeft();
      case 'word-right':
        return editor.wordRight();
      case 'kill-to-start':
        return editor.killToStart();
      case 'kill-to-end':
        return editor.killToEnd();
      case 'kill-word-before':
        return editor.killWordBefore();
      case 'kill-alnum-word-before':
        return editor.killAlnumWordBefore();
      case 'kill-word-after':
        return editor.killWordAfter();
      case 'yank':
        return editor.yank();
      case 'clear-screen':
        return editor.clearScreen();
      case 'previous':
        if (reader.request.detachKeys) {
          reader.escapeHeld = true;
          return;
        }
        return this.recall(reader, -1);
      case 'up':
        return this.recall(reader, -1);
      case 'down':
        return this.recall(reader, +1);
      case 'tab':
        reader.lastWasTab = true;
        return this.complete(reader, wasTab);
      case 'paste-start':
        this.inPaste = true;
        return;
      case 'paste-end':
        this.inPaste = false;
        return;
      case 'quoted-insert':
      case 'ignore':
        return;
    }
  }

  private recall(reader: Reader, step: -1 | 1): void {
    const history = reader.request.history;
    const index = reader.historyIndex + step;
    if (index < 0 || index > history.length) {
      if (step < 0) this.editor.beep();
      return;
    }
    if (reader.historyIndex === history.length) reader.draft = this.editor.text();
    reader.historyIndex = index;
    this.editor.replace(index === history.length ? reader.draft : printableOnly(history[index] ?? ''));
  }

  private complete(reader: Reader, secondTab: boolean): void {
    const editor = this.editor;
    const before = editor.beforeCursor();
    let start = before.length;
    let offered: string[] = [];
    try {
      const completion = reader.request.complete(before);
      start = Math.min(Math.max(0, completion.start), before.length);
      offered = completion.candidates;
    } catch {
      // Completion is a convenience: a failure in it must not disturb the line.
    }
    const partial = before.slice(start);
    const candidates = printableCandidates(offered).filter((c) => c.startsWith(partial));
    if (candidates.length === 0) return editor.beep();
    if (candidates.length === 1) {
      const only = candidates[0] as string;
      return editor.insert(only.slice(partial.length) + (only.endsWith('/') ? '' : ' '));
    }
    const common = commonPrefix(candidates);
    if (common.length > partial.length) return editor.insert(common.slice(partial.length));
    if (!secondTab) return editor.beep();
    editor.showBelow(formatColumns(candidates, this.cols));
  }
}

function clampColumns(cols: number): number {
  return Number.isFinite(cols) ? Math.min(1000, Math.max(2, Math.floor(cols))) : 80;
}

/** History text as it may be shown again: controls become spaces. */
function printableOnly(text: string): string {
  let out = '';
  for (const ch of text) out += isPrintable(ch.codePointAt(0) as number) ? ch : ' ';
  return out;
}
