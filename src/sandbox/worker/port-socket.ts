/**
 * One page connection inside the sandbox worker, as the transport of a SandboxConnection: frames go
 * to the page through `post` (the worker's message port), frames from the page arrive by `receive`.
 */
import type { ConnectionSocket, ConnectionSocketEvents } from '../connection/connection-socket.ts';
import type { WorkerMessage } from './messages.ts';

/** WebSocket close code for a connection dropped without a closing handshake. */
const ABNORMAL_CLOSURE = 1006;

export class PortSocket implements ConnectionSocket {
  /** postMessage hands the data over at once: nothing is ever queued here. */
  readonly bufferedAmount = 0;
  private open = true;
  private events: ConnectionSocketEvents | undefined;
  private readonly post: (message: WorkerMessage) => void;
  private readonly id: number;
  private readonly onGone: () => void;

  constructor(id: number, post: (message: WorkerMessage) => void, onGone: () => void) {
    this.id = id;
    this.post = post;
    this.onGone = onGone;
  }

  get isOpen(): boolean {
    return this.open;
  }

  listen(events: ConnectionSocketEvents): void {
    this.events = events;
  }

  /** A frame from the page. */
  receive(bytes: Uint8Array, isBinary: boolean): void {
    if (this.open) this.events?.message(bytes, isBinary);
  }

  sendText(text: string): void {
    if (this.open) this.post({ c: this.id, op: 'text', data: text });
  }

  sendBinary(bytes: Uint8Array): void {
    if (this.open) this.post({ c: this.id, op: 'bin', data: bytes });
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.post({ c: this.id, op: 'close', code, reason });
    this.gone();
  }

  terminate(): void {
    this.close(ABNORMAL_CLOSURE, 'terminated');
  }

  /** The page closed its end. */
  closedByPage(): void {
    if (!this.open) return;
    this.open = false;
    this.gone();
  }

  private gone(): void {
    this.onGone();
    this.events?.close();
  }
}
