/**
 * The line being edited at a prompt, and how it is drawn: insertion and deletion anywhere, word
 * motions, kill and yank, all with cursor movement computed in terminal cells so lines longer than
 * the terminal width (and wide characters) stay correct when they wrap.
 */
import { charWidth, textWidth, withoutEscapes } from './char-width.ts';

/** Longest line a learner can type; beyond it the terminal beeps. */
export const MAX_LINE_CHARS = 4096;

const BEEP = '\x07';
const CLEAR_TO_END_OF_SCREEN = '\x1b[J';

/** The edited line and the terminal cursor that shows it. */
export class LineEditor {
  private readonly out: (raw: string) => void;
  private chars: string[] = [];
  private cursor = 0;
  private prompt = '';
  private promptCells = 0;
  /** Where the terminal cursor is, in cells from the start of the prompt's last line. */
  private shown = 0;
  private cols: number;
  /** Text removed by the last kill (Ctrl-U/K/W), for Ctrl-Y. */
  private killed = '';

  constructor(out: (raw: string) => void, cols: number) {
    this.out = out;
    this.cols = Math.max(1, cols);
  }

  /** Show `prompt` and start an empty line. */
  start(prompt: string): void {
    this.chars = [];
    this.cursor = 0;
    this.prompt = prompt;
    const lastLine = withoutEscapes(prompt.slice(prompt.lastIndexOf('\n') + 1));
    this.promptCells = textWidth(lastLine);
    this.paintPrompt();
  }

  text(): string {
    return this.chars.join('');
  }

  /** The text left of the cursor (for completion). */
  beforeCursor(): string {
    return this.chars.slice(0, this.cursor).join('');
  }

  isEmpty(): boolean {
    return this.chars.length === 0;
  }

  /** The terminal changed width; the terminal reflows what it shows, we recompute positions. */
  resize(cols: number): void {
    this.cols = Math.max(1, cols);
  }

  /** Insert printable text at the cursor; beeps and drops what does not fit in a line. */
  insert(text: string): void {
    let points = [...text];
    const room = MAX_LINE_CHARS - this.chars.length;
    if (points.length > room) {
      points = points.slice(0, Math.max(0, room));
      this.out(BEEP);
    }
    if (points.length === 0) return;
    if (this.cursor === this.chars.length) {
      // Typing at the end, the common case: just print.
      this.chars.push(...points);
      this.cursor = this.chars.length;
      const piece = points.join('');
      this.out(piece);
      this.shown += textWidth(piece);
      this.settleWrap();
      return;
    }
    const at = this.cursor;
    this.chars.splice(at, 0, ...points);
    this.cursor += points.length;
    this.repaintFrom(at);
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.chars.splice(this.cursor - 1, 1);
    this.cursor--;
    this.repaintFrom(this.cursor);
  }

  /** Delete the character under the cursor. */
  deleteForward(): void {
    if (this.cursor >= this.chars.length) return;
    this.chars.splice(this.cursor, 1);
    this.repaintFrom(this.cursor);
  }

  left(): void {
    if (this.cursor > 0) this.moveCursor(this.cursor - 1);
  }

  right(): void {
    if (this.cursor < this.chars.length) this.moveCursor(this.cursor + 1);
  }

  home(): void {
    this.moveCursor(0);
  }

  end(): void {
    this.moveCursor(this.chars.length);
  }

  wordLeft(): void {
    this.moveCursor(this.alnumWordStart());
  }

  wordRight(): void {
    this.moveCursor(this.alnumWordEnd());
  }

  killToStart(): void {
    this.kill(0, this.cursor);
  }

  killToEnd(): void {
    this.kill(this.cursor, this.chars.length);
  }

  /** Ctrl-W: back to the previous whitespace. */
  killWordBefore(): void {
    let i = this.cursor;
    while (i > 0 && /\s/.test(this.chars[i - 1] as string)) i--;
    while (i > 0 && !/\s/.test(this.chars[i - 1] as string)) i--;
    this.kill(i, this.cursor);
  }

  /** Alt-Backspace: back to the start of the previous alphanumeric word. */
  killAlnumWordBefore(): void {
    this.kill(this.alnumWordStart(), this.cursor);
  }

  /** Alt-D: to the end of the next alphanumeric word. */
  killWordAfter(): void {
    this.kill(this.cursor, this.alnumWordEnd());
  }

  yank(): void {
    if (this.killed) this.insert(this.killed);
  }

  /** Replace the whole line (history recall), cursor at the end. */
  replace(text: string): void {
    this.chars = [...text].slice(0, MAX_LINE_CHARS);
    this.cursor = this.chars.length;
    this.repaintFrom(0);
  }

  /** Ctrl-L: clear the screen and draw the prompt and line again at the top. */
  clearScreen(): void {
    this.out('\x1b[H\x1b[2J');
    this.redraw();
  }

  /** Draw prompt and line again from the current (fresh) terminal line. */
  redraw(): void {
    this.paintPrompt();
    this.repaintFrom(0);
  }

  /** Move to the end of the line and start a new terminal line, optionally after `marker` (`^C`). */
  /** Stop editing with the cursor after the line and no newline (docker's detach keys). */
  leave(): void {
    this.moveCursor(this.chars.length);
    this.shown = 0;
  }

  finish(marker = ''): void {
    this.moveCursor(this.chars.length);
    // A line that filled its last row exactly has already moved the cursor to a new row.
    const atRowStart = this.shown > 0 && this.shown % this.cols === 0;
    this.out(marker ? `${marker}\r\n` : atRowStart ? '' : '\r\n');
    this.shown = 0;
  }

  /** Print `raw` (lines ending in `\r\n`) below the line, then draw prompt and line again. */
  showBelow(raw: string): void {
    const keep = this.cursor;
    this.finish();
    this.out(raw);
    this.cursor = keep;
    this.redraw();
  }

  beep(): void {
    this.out(BEEP);
  }

  // ---- drawing -------------------------------------------------------------------------------

  private paintPrompt(): void {
    this.out(this.prompt.replace(/\r?\n/g, '\r\n'));
    this.shown = this.promptCells;
    if (this.promptCells > 0) this.settleWrap();
  }

  private cellOf(index: number): number {
    let cells = this.promptCells;
    for (let i = 0; i < index; i++) cells += charWidth((this.chars[i] as string).codePointAt(0) as number);
    return cells;
  }

  private moveCursor(index: number): void {
    this.cursor = index;
    this.moveTo(this.cellOf(index));
  }

  /** Redraw from character `index` to the end, clear leftovers, put the cursor back. */
  private repaintFrom(index: number): void {
    this.moveTo(this.cellOf(index));
    const rest = this.chars.slice(index).join('');
    if (rest) {
      this.out(rest);
      this.shown += textWidth(rest);
      this.settleWrap();
    }
    this.out(CLEAR_TO_END_OF_SCREEN);
    this.moveTo(this.cellOf(this.cursor));
  }

  private moveTo(cell: number): void {
    const fromRow = Math.floor(this.shown / this.cols);
    const fromCol = this.shown % this.cols;
    const toRow = Math.floor(cell / this.cols);
    const toCol = cell % this.cols;
    let seq = '';
    if (toRow < fromRow) seq += `\x1b[${fromRow - toRow}A`;
    else if (toRow > fromRow) seq += `\x1b[${toRow - fromRow}B`;
    if (toCol < fromCol) seq += fromCol - toCol === 1 ? '\b' : `\x1b[${fromCol - toCol}D`;
    else if (toCol > fromCol) seq += `\x1b[${toCol - fromCol}C`;
    if (seq) this.out(seq);
    this.shown = cell;
  }

  /**
   * After printing up to exactly the last column, a terminal leaves the cursor there with a
   * pending wrap; move to the next line explicitly so our position matches the terminal's.
   */
  private settleWrap(): void {
    if (this.shown > 0 && this.shown % this.cols === 0) this.out('\r\n');
  }

  private kill(from: number, to: number): void {
    if (to <= from) return;
    this.killed = this.chars.slice(from, to).join('');
    this.chars.splice(from, to - from);
    this.cursor = from;
    this.repaintFrom(from);
  }

  private alnumWordStart(): number {
    let i = this.cursor;
    while (i > 0 && !isWordChar(this.chars[i - 1] as string)) i--;
    while (i > 0 && isWordChar(this.chars[i - 1] as string)) i--;
    return i;
  }

  private alnumWordEnd(): number {
    let i = this.cursor;
    while (i < this.chars.length && !isWordChar(this.chars[i] as string)) i++;
    while (i < this.chars.length && isWordChar(this.chars[i] as string)) i++;
    return i;
  }
}

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch);
}
