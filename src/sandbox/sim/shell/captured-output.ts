/**
 * Text collected from a program (a pipeline stage's stdout, a command substitution, a hidden
 * check's output), bounded so that a runaway program cannot exhaust memory.
 */

/** Default bound: far beyond any lesson's output, small enough for many sessions. */
export const MAX_CAPTURED_CHARS = 1024 * 1024;

/** Append-only text with a size cap; text beyond the cap is dropped. */
export class CapturedOutput {
  private readonly chunks: string[] = [];
  private size = 0;
  private readonly limit: number;
  /** True once something was dropped. */
  truncated = false;

  constructor(limit = MAX_CAPTURED_CHARS) {
    this.limit = limit;
  }

  /** Bound so it can be passed around as a ProgramIO writer. */
  readonly append = (text: string): void => {
    if (this.size >= this.limit) {
      if (text) this.truncated = true;
      return;
    }
    const room = this.limit - this.size;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept.length < text.length) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  };

  text(): string {
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, this.chunks.join(''));
    return this.chunks[0] ?? '';
  }
}
