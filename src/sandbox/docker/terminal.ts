/**
 * A node's terminal: a login shell in a TTY exec on its sandbox host, started on first use.
 * When the learner leaves the shell (`exit`, Ctrl-D) a fresh one takes its place, so the same
 * stream keeps working for the session's lifetime, like a console that logs you in again.
 */
import type { Socket } from 'node:net';
import type { TerminalStream } from '../driver.ts';
import type { SandboxHost } from './sandbox-host.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

const SHELL = ['bash', '-l'];
/** Output kept for a listener that subscribes after the shell started talking. */
const MAX_PENDING_BYTES = 64 * 1024;
/** A shell that dies this soon after starting, this many times in a row, is not restarted. */
const QUICK_EXIT_MS = 2000;
const MAX_QUICK_EXITS = 3;

export class ExecTerminal implements TerminalStream {
  private readonly host: SandboxHost;
  private readonly onActivity: () => void;
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Input typed while the shell is starting. */
  private queued: Uint8Array[] = [];
  private socket: Socket | undefined;
  private resizeExec: ((cols: number, rows: number) => Promise<void>) | undefined;
  private starting = false;
  private closed = false;
  private quickExits = 0;
  private cols = 80;
  private rows = 24;

  constructor(host: SandboxHost, onActivity: () => void) {
    this.host = host;
    this.onActivity = onActivity;
  }

  write(bytes: Uint8Array): void {
    if (this.closed) return;
    this.onActivity();
    if (this.socket) this.socket.write(bytes);
    else {
      this.queued.push(bytes);
      this.ensureShell();
    }
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    if (this.pending.length > 0) {
      const backlog = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      listener(backlog);
    }
    this.ensureShell();
    return () => this.listeners.delete(listener);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    void this.resizeExec?.(cols, rows).catch(ignoreError('a lost resize leaves the old size; the next resize retries'));
  }

  /** Print a line from Vethlab itself (not the shell) on the terminal. */
  notice(message: string): void {
    if (!this.closed) this.emit(Buffer.from(`\r\nvethlab: ${message}\r\n`));
  }

  /** Stop the shell; the stream stays silent afterwards. */
  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = undefined;
    this.listeners.clear();
  }

  private emit(bytes: Buffer): void {
    this.onActivity();
    if (this.listeners.size === 0) {
      this.pending.push(bytes);
      this.pendingBytes += bytes.length;
      while (this.pendingBytes > MAX_PENDING_BYTES && this.pending.length > 1) {
        this.pendingBytes -= this.pending.shift()?.length ?? 0;
      }
      return;
    }
    for (const listener of this.listeners) listener(bytes);
  }

  private ensureShell(): void {
    if (this.socket || this.starting || this.closed) return;
    this.starting = true;
    const startedAt = Date.now();
    this.host
      .tty(SHELL, () => ({ cols: this.cols, rows: this.rows }))
      .then(
        (tty) => {
          this.starting = false;
          if (this.closed) {
            tty.socket.destroy();
            return;
          }
          this.socket = tty.socket;
          this.resizeExec = tty.resize;
          tty.socket.on('data', (chunk: Buffer) => this.emit(chunk));
          tty.socket.on('error', ignoreError("'close' follows and ends the shell"));
          tty.socket.on('close', () => this.shellEnded(tty.socket, startedAt));
          for (const bytes of this.queued) tty.socket.write(bytes);
          this.queued = [];
        },
        (error: unknown) => {
          this.starting = false;
          if (this.closed) return;
          this.notice(`the terminal could not start: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
  }

  private shellEnded(socket: Socket, startedAt: number): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.resizeExec = undefined;
    if (this.closed) return;
    this.quickExits = Date.now() - startedAt < QUICK_EXIT_MS ? this.quickExits + 1 : 0;
    if (this.quickExits >= MAX_QUICK_EXITS) {
      this.notice('the shell keeps exiting; reset the sandbox to start over.');
      return;
    }
    this.emit(Buffer.from('\r\n'));
    this.ensureShell();
  }
}
