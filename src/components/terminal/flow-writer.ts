/**
 * Flow control between the socket and xterm.js. xterm parses a few MB/s at best and silently drops
 * data beyond ~50 MB in its write buffer, so output is handed over in bounded amounts, using the
 * write callbacks to know what has been parsed (xtermjs.org/docs/guides/flowcontrol).
 */

type Write = (data: Uint8Array, parsed: () => void) => void;

/** Keep at most this much handed to xterm and not yet parsed. */
const HIGH_WATER = 256 * 1024;
/** Hand over more once xterm is down to this. */
const LOW_WATER = 64 * 1024;
/** Beyond this much waiting, the oldest output is dropped: a screenful matters, a flood does not. */
const MAX_QUEUED = 4 * 1024 * 1024;

/** A queue of output bytes and in-order actions (such as a terminal reset) in front of xterm. */
export class FlowWriter {
  private readonly write: Write;
  private queue: (Uint8Array | (() => void))[] = [];
  private queued = 0;
  private inFlight = 0;

  constructor(write: Write) {
    this.write = write;
  }

  /** Output to display, after everything pushed before. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes);
    this.queued += bytes.length;
    while (this.queued > MAX_QUEUED && this.queue.length > 1) {
      const dropped = this.queue.shift();
      if (dropped instanceof Uint8Array) this.queued -= dropped.length;
    }
    this.pump();
  }

  /** Run `action` once everything pushed before it has been parsed. */
  afterParsed(action: () => void): void {
    this.queue.push(action);
    this.pump();
  }

  /** Drop what has not been handed to xterm yet (a fresh screen is coming). */
  discard(): void {
    this.queue = [];
    this.queued = 0;
  }

  private pump(): void {
    for (let next = this.queue[0]; next !== undefined && this.inFlight < HIGH_WATER; next = this.queue[0]) {
      if (!(next instanceof Uint8Array)) {
        // An action waits until every byte before it has been parsed.
        if (this.inFlight > 0) return;
        this.queue.shift();
        next();
        continue;
      }
      this.queue.shift();
      this.queued -= next.length;
      this.inFlight += next.length;
      this.write(next, () => {
        this.inFlight -= next.length;
        if (this.inFlight <= LOW_WATER) this.pump();
      });
    }
  }
}
