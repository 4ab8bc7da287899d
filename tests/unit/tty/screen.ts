/**
 * A tiny terminal screen for tests: enough of xterm's behaviour (autowrap with a pending wrap at
 * the last column, CR, LF, BS, cursor movement, erase, clear) to check what a learner would see.
 */
export class Screen {
  readonly cols: number;
  lines: string[][] = [[]];
  row = 0;
  col = 0;
  private pendingWrap = false;
  bells = 0;

  constructor(cols = 80) {
    this.cols = cols;
  }

  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '\x1b') {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z@`])/.exec(text.slice(i));
        if (!m) throw new Error(`unexpected escape in output: ${JSON.stringify(text.slice(i, i + 8))}`);
        this.csi(m[1] ?? '', m[2] ?? '');
        i += m[0].length - 1;
      } else if (c === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (c === '\n') {
        this.row++;
        this.pendingWrap = false;
        this.ensureRow();
      } else if (c === '\b') {
        if (this.col > 0) this.col--;
        this.pendingWrap = false;
      } else if (c === '\x07') {
        this.bells++;
      } else {
        if (c.charCodeAt(0) < 0x20) throw new Error(`control character in output: ${c.charCodeAt(0)}`);
        if (this.pendingWrap) {
          this.row++;
          this.col = 0;
          this.pendingWrap = false;
          this.ensureRow();
        }
        const line = this.lines[this.row] as string[];
        while (line.length < this.col) line.push(' ');
        line[this.col] = c;
        if (this.col === this.cols - 1) this.pendingWrap = true;
        else this.col++;
      }
    }
  }

  private csi(params: string, final: string): void {
    const n = Number(params || '1');
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row += n;
        this.ensureRow();
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'H':
        this.row = 0;
        this.col = 0;
        break;
      case 'J':
        if (params === '2' || params === '3') {
          if (params === '2') this.lines = this.lines.map(() => []);
        } else {
          (this.lines[this.row] as string[]).length = Math.min(this.col, (this.lines[this.row] as string[]).length);
          this.lines.length = this.row + 1;
        }
        break;
      case 'K':
        (this.lines[this.row] as string[]).length = Math.min(this.col, (this.lines[this.row] as string[]).length);
        break;
      default:
        throw new Error(`unexpected CSI ${params}${final}`);
    }
  }

  private ensureRow(): void {
    while (this.lines.length <= this.row) this.lines.push([]);
  }

  /** Row `i` (negative: from the end) as text, trailing spaces removed. */
  line(i: number): string {
    const row = this.lines[i < 0 ? this.lines.length + i : i] ?? [];
    return row.join('').replace(/\s+$/, '');
  }

  /** The row the cursor is on. */
  cursorLine(): string {
    return this.line(this.row);
  }

  /** All rows, trailing empty ones dropped. */
  text(): string {
    return this.lines
      .map((l) => l.join('').replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');
  }
}
