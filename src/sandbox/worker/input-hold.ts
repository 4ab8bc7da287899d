/**
 * Holds what the page sends on a connection after its first frame (the hello that opens the
 * session) until the simulator's programs are loaded (lazy-program-source.ts), then passes it on in
 * order. So the first prompt does not wait for the programs' code, and no key, check or resize
 * reaches a sandbox whose programs would still have to arrive half-way through a command.
 */
import type { PageMessage } from './messages.ts';

export interface InputHoldOptions {
  /** Whether the programs are here. */
  loaded(): boolean;
  /** Loads them (resolves or rejects once they are here or failed). */
  load(): Promise<void>;
  /** Where messages go once they may. */
  deliver(message: PageMessage): void;
  /** The load failed: messages are delivered anyway (each program then reports the failure). */
  onLoadError?(error: unknown): void;
}

/** See the module comment. */
export class InputHold {
  readonly #options: InputHoldOptions;
  /** Connections whose hello went through. */
  readonly #opened = new Set<number>();
  #held: PageMessage[] = [];

  constructor(options: InputHoldOptions) {
    this.#options = options;
  }

  /** One message from the page. */
  receive(message: PageMessage): void {
    if (this.#held.length > 0 || (!this.#options.loaded() && this.#mustWait(message))) {
      const first = this.#held.length === 0;
      this.#held.push(message);
      if (first)
        void this.#options.load().then(
          () => this.#flush(),
          (error: unknown) => this.#failed(error),
        );
      return;
    }
    this.#pass(message);
  }

  /** Messages waiting now (tests). */
  get held(): number {
    return this.#held.length;
  }

  #mustWait(message: PageMessage): boolean {
    // A resize runs no program (the page sends one as soon as its terminal has its size): it need not
    // fetch the programs, and passes when nothing is held before it.
    if (message.op === 'text' && isResize(message.data)) return false;
    if (message.op === 'text' || message.op === 'bin' || message.op === 'close') return this.#opened.has(message.c);
    return false;
  }

  #pass(message: PageMessage): void {
    if (message.op === 'text') this.#opened.add(message.c);
    if (message.op === 'close') this.#opened.delete(message.c);
    this.#options.deliver(message);
  }

  #failed(error: unknown): void {
    this.#options.onLoadError?.(error);
    this.#flush();
  }

  #flush(): void {
    const held = this.#held;
    this.#held = [];
    for (const message of held) this.#pass(message);
  }
}

function isResize(frame: string): boolean {
  try {
    return (JSON.parse(frame) as { type?: unknown }).type === 'resize';
  } catch {
    return false;
  }
}
