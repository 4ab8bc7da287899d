/**
 * <vl-watch>: shows a student's terminal from the read-only watch socket (`/ws/watch`, protocol
 * `WatchControl` in src/sandbox/protocol.ts). xterm.js runs with input disabled and nothing is ever
 * sent on the socket; it reconnects with backoff when the connection drops.
 */
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { WatchControl } from '../../sandbox/protocol.ts';
import { backoffDelay } from '../terminal/backoff.ts';
import { sandboxSocketUrl } from '../terminal/socket-url.ts';
import { xtermTheme } from '../terminal/xterm-theme.ts';

interface WatchStrings {
  live: string;
  waiting: string;
  lost: string;
}

/** The watch element; see the module comment. */
export class VlWatch extends HTMLElement {
  #term: Terminal | undefined;
  #socket: WebSocket | undefined;
  #attempt = 0;
  #timer: number | undefined;
  #strings!: WatchStrings;
  #disposed = false;

  connectedCallback(): void {
    this.#strings = JSON.parse(this.dataset.strings ?? '{}') as WatchStrings;
    const screen = this.querySelector<HTMLElement>('[data-watch-screen]');
    if (!screen) return;
    this.#disposed = false;
    this.#term = new Terminal({ disableStdin: true, cursorBlink: false, scrollback: 2000, cols: 100, rows: 30, fontSize: 14, theme: xtermTheme(screen) });
    this.#term.open(screen);
    this.#connect();
  }

  disconnectedCallback(): void {
    this.#disposed = true;
    window.clearTimeout(this.#timer);
    this.#socket?.close(1000, 'page left');
    this.#term?.dispose();
  }

  /** What the view shows now, as text (browser tests). */
  textContentForTests(): string {
    const buffer = this.#term?.buffer.active;
    if (!buffer) return '';
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').trimEnd();
  }

  #connect(): void {
    const query = new URLSearchParams({ class: this.dataset.classId ?? '', student: this.dataset.studentId ?? '' });
    const socket = new WebSocket(`${sandboxSocketUrl(location, '/ws/watch')}?${query}`);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
      if (typeof event.data !== 'string') {
        this.#term?.write(new Uint8Array(event.data));
        return;
      }
      const message = JSON.parse(event.data) as WatchControl;
      this.#attempt = 0;
      if (message.state === 'live') this.#term?.reset();
      this.#say(message.state === 'live' ? `${this.#strings.live} · ${message.node}` : this.#strings.waiting, message.state);
    });
    socket.addEventListener('close', () => {
      if (this.#disposed || socket !== this.#socket) return;
      this.#say(this.#strings.lost, 'lost');
      this.#timer = window.setTimeout(() => this.#connect(), backoffDelay(this.#attempt++));
    });
  }

  #say(text: string, state: string): void {
    this.dataset.state = state;
    const status = this.querySelector<HTMLElement>('[data-watch-status]');
    if (status && status.textContent !== text) status.textContent = text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vl-watch': VlWatch;
  }
}

if (!customElements.get('vl-watch')) customElements.define('vl-watch', VlWatch);
