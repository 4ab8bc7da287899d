/**
 * The last bytes a terminal displayed, kept so a reconnecting browser can redraw the screen as the
 * learner left it. A bounded ring: old output falls off the front.
 */

/**
 * Default bound per node: about 800 full 80-column lines, several screens of `docker network
 * inspect`. Kept small because it is most of a session's memory: at 256 KiB, 2,000 busy sessions
 * held over 1 GiB (bench/ws-load.ts), and a redraw needs only the last screens.
 */
export const DEFAULT_SCROLLBACK_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
/** How far past the cut we look for a line start before giving up and cutting mid-line. */
const RESYNC_WINDOW = 4096;

/** A bounded byte ring of terminal output. */
export class Scrollback {
  readonly capacity: number;
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(capacity = DEFAULT_SCROLLBACK_BYTES) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('scrollback capacity must be a positive integer');
    this.capacity = capacity;
  }

  /** Bytes currently held (at most twice the capacity; `snapshot` returns at most the capacity). */
  get size(): number {
    return this.bytes;
  }

  /** Remember output; copies, because drivers may reuse their buffers. */
  append(data: Uint8Array): void {
    if (data.length === 0) return;
    const chunk = data.length > this.capacity ? data.slice(data.length - this.capacity) : data.slice();
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    // Drop whole chunks only: appending stays cheap however chatty the terminal is.
    for (let oldest = this.chunks[0]; oldest && this.chunks.length > 1 && this.bytes - oldest.length >= this.capacity; oldest = this.chunks[0]) {
      this.chunks.shift();
      this.bytes -= oldest.length;
    }
  }

  /**
   * The last `capacity` bytes at most, oldest first. The cut moves forward to the next line start
   * when one is near, so a replay does not begin inside an escape sequence or a UTF-8 character.
   */
  snapshot(): Uint8Array {
    const all = new Uint8Array(this.bytes);
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = all.length > 0 ? [all] : [];
    if (all.length <= this.capacity) return all.slice();
    let start = all.length - this.capacity;
    const limit = Math.min(all.length, start + RESYNC_WINDOW);
    for (let i = start; i < limit; i++) {
      if (all[i - 1] === NEWLINE) {
        start = i;
        break;
      }
    }
    return all.slice(start);
  }

  /** Forget everything. */
  clear(): void {
    this.chunks = [];
    this.bytes = 0;
  }
}
