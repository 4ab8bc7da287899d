/**
 * The browser end of the sandbox protocol (src/sandbox/protocol.ts) for one node's terminal:
 * hello/ready with the stored session id, keystrokes as binary frames, resize, reset, hidden exec,
 * and reconnecting with backoff. Knows nothing about xterm.
 */
import { fromBase64 } from '../../sandbox/base64.ts';
import { PROTOCOL_VERSION, type ClientControl, type ServerControl } from '../../sandbox/protocol.ts';
import { backoffDelay } from './backoff.ts';
import { SESSION_KEY, forgetSessionId, readSessionId, sessionKeyFor, storeSessionId } from './session-store.ts';
import type { TerminalStatus } from './strings.ts';
import { webSocketTransport, type SandboxTransport, type TransportKind } from './transport.ts';

export type ReadyMessage = Extract<ServerControl, { type: 'ready' }>;
export type ExitMessage = Extract<ServerControl, { type: 'exit' }>;
export type ErrorMessage = Extract<ServerControl, { type: 'error' }>;
export type StateMessage = Extract<ServerControl, { type: 'state' }>;
/** The server's verdicts on an exercise (protocol `check-result`, without the id). */
export type CheckOutcome = Omit<Extract<ServerControl, { type: 'check-result' }>, 'type' | 'id'>;
/** A published port's page as the sandbox answered it (protocol `port-result`, without the id, its body as bytes). */
export type PortPage = Omit<Extract<ServerControl, { type: 'port-result' }>, 'type' | 'id' | 'bodyBase64'> & { body: Uint8Array };

/** What a hidden command produced. */
export interface ExecOutcome {
  exit: number;
  output: string;
}

export interface SandboxClientOptions {
  url: string;
  node: string;
  /** Host profile the lesson needs; undefined for the default host. */
  profile?: string;
  /** The page's locale, sent with every hello: the sandbox's own tools speak it. */
  locale?: string;
  /** Which of the node's terminals (2 … 4 for the ones opened with "+"); the first when absent. */
  shell?: number;
  /** The terminal's current size, sent with every hello. */
  size: () => { cols: number; rows: number };
  /** Awaited before the first hello, so a second pane joins the first pane's session. */
  sessionReady?: Promise<unknown>;
  onOutput(bytes: Uint8Array): void;
  /** A (re)attachment: the client should clear the screen; the replay follows as output. */
  onReady(ready: ReadyMessage): void;
  onStatus(status: TerminalStatus): void;
  /** The sandbox ended (expired, closed) or the server refused us; for a line in the terminal. */
  onNotice?(notice: ExitMessage | ErrorMessage): void;
  /**
   * The connection was lost (a server restart) and the reconnect found the old sandbox gone: a fresh
   * one serves this terminal now. Called after `onReady`, so a line written here follows the reset.
   */
  onRestarted?(): void;
  /**
   * Keys typed while not attached beyond what the queue holds (QUEUED_INPUT_BYTES) were thrown away;
   * called once per outage, for a visible line in the terminal.
   */
  onInputRefused?(): void;
  /** The sandbox's topology (protocol `state`), for the topology panel. */
  onState?(state: StateMessage['state']): void;
  /** How many instructors watch this terminal now (protocol `watchers`). */
  onWatchers?(count: number): void;
  /**
   * How to reach the sandbox, asked at every (re)connect; a WebSocket to `url` when absent. See
   * transport.ts: the in-browser simulator (worker-transport.ts) speaks the same protocol.
   */
  transport?: () => TransportKind;
  /**
   * The server stays unreachable (FALLBACK_AFTER_ATTEMPTS failed connects) or is full: the pane may
   * offer the in-browser simulator. Called once per outage; the client keeps retrying meanwhile.
   */
  onFallbackOffer?(reason: 'unreachable' | 'capacity'): void;
}

/** Failed connects in a row before the in-browser simulator is offered. */
export const FALLBACK_AFTER_ATTEMPTS = 3;

/** Hidden commands that get no answer within this long are failed. */
const EXEC_TIMEOUT_MS = 30_000;
/** After a "server full" answer, wait at least this long before asking again. */
const BUSY_RETRY_MS = 5_000;
/** Input frames stay well under the server's MAX_CLIENT_FRAME_BYTES. */
const INPUT_FRAME_BYTES = 16 * 1024;
/**
 * Keys typed while (re)connecting are kept up to this many bytes and sent once attached: a few lines
 * of typing survive a reconnect, a paste into a dead terminal does not pile up.
 */
export const QUEUED_INPUT_BYTES = 1024;
/** Close code the server uses for "this can never work" (bad version, unknown node). */
const POLICY_VIOLATION = 1008;

/** A request waiting for its answer (`exec-result` or `check-result`). */
interface Pending<T> {
  resolve(outcome: T): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** One node's connection to the sandbox, kept alive across network hiccups and server restarts. */
export class SandboxClient {
  private readonly options: SandboxClientOptions;
  private socket: SandboxTransport | undefined;
  private session: string | undefined;
  private sessionKey = SESSION_KEY;
  private offered = false;
  private ready = false;
  /** An attached connection dropped without us asking; the next hello asks to resume `askedFor`. */
  private lost = false;
  private askedFor: string | undefined;
  private attempt = 0;
  private busy = false;
  private expired = false;
  private failed = false;
  private disposed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly execs = new Map<string, Pending<ExecOutcome>>();
  private readonly checks = new Map<string, Pending<CheckOutcome>>();
  private readonly ports = new Map<string, Pending<PortPage>>();
  /** Which transport the current connection uses: published ports open over HTTP only from the server. */
  private transportName: TransportKind['name'] = 'websocket';
  private execSerial = 0;
  /** The server verifies exercises itself (`ready.checks`). */
  private serverChecks = false;
  private waiters: (() => void)[] = [];
  private readonly encoder = new TextEncoder();
  /** Keys typed while not attached, sent after the next `ready`. */
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private refusedThisOutage = false;

  constructor(options: SandboxClientOptions) {
    this.options = options;
  }

  /** 'websocket' (the server's sandboxes) or 'worker' (the in-browser simulator), for the current connection. */
  get transport(): TransportKind['name'] {
    return this.transportName;
  }

  /** The session id of the current attachment. */
  get sessionId(): string | undefined {
    return this.session;
  }

  /** Whether the terminal is attached and typing reaches the shell. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Open the connection (once; later reconnects are automatic). */
  connect(): void {
    if (this.socket || this.disposed) return;
    void this.open();
  }

  /** Resolves once attached (immediately if already); an expired or failed sandbox is started afresh. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    const waiting = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.expired || this.failed) this.restart();
    return waiting;
  }

  /**
   * Keystrokes. While the sandbox is expired, any key starts a fresh one. While (re)connecting they
   * are queued (up to QUEUED_INPUT_BYTES) and sent once attached; beyond that they are refused.
   */
  input(data: string | Uint8Array): void {
    if (this.expired) {
      this.restart();
      return;
    }
    const bytes = typeof data === 'string' ? this.encoder.encode(data) : data;
    if (!this.ready || !this.socket?.isOpen) {
      this.queue(bytes);
      return;
    }
    this.sendInput(bytes);
  }

  /** Number of typed bytes waiting for the connection. */
  get queuedInputBytes(): number {
    return this.queuedBytes;
  }

  private queue(bytes: Uint8Array): void {
    if (this.disposed || this.failed) return;
    if (this.queuedBytes + bytes.length > QUEUED_INPUT_BYTES) {
      if (!this.refusedThisOutage) this.options.onInputRefused?.();
      this.refusedThisOutage = true;
      return;
    }
    this.queued.push(bytes.slice());
    this.queuedBytes += bytes.length;
  }

  private flushQueued(): void {
    const queued = this.queued.splice(0);
    this.queuedBytes = 0;
    this.refusedThisOutage = false;
    for (const bytes of queued) this.sendInput(bytes);
  }

  private sendInput(bytes: Uint8Array): void {
    if (!this.socket?.isOpen) return;
    // A big paste goes in pieces: the server closes the socket on frames above MAX_CLIENT_FRAME_BYTES.
    for (let at = 0; at < bytes.length; at += INPUT_FRAME_BYTES) this.socket.send(bytes.subarray(at, at + INPUT_FRAME_BYTES));
  }

  /** Tell the shell the terminal's new size. */
  resize(cols: number, rows: number): void {
    if (this.ready) this.send({ type: 'resize', cols, rows });
  }

  /** Throw the sandbox away and start a fresh one (every pane of the session follows on the server). */
  reset(): void {
    if (this.ready) {
      this.send({ type: 'reset' });
      return;
    }
    this.restart();
  }

  /** Run a hidden command (exercise checks) on `node` or this pane's node. */
  async exec(command: string, node?: string): Promise<ExecOutcome> {
    await this.whenReady();
    return this.ask(this.execs, 'x', (id) => ({ type: 'exec', id, command, node: node ?? this.options.node }));
  }

  /** GET `path` from published port `port` of `node` through the sandbox connection (the in-browser simulator has no HTTP server). */
  async openPort(node: string, port: number, path = '/'): Promise<PortPage> {
    await this.whenReady();
    return this.ask(this.ports, 'p', (id) => ({ type: 'port', id, node, port, path }));
  }

  /** Send the request `message(id)` and wait for its answer under `id` in `pending`, or give up after EXEC_TIMEOUT_MS. */
  private ask<T>(pending: Map<string, Pending<T>>, prefix: string, message: (id: string) => ClientControl): Promise<T> {
    const id = `${prefix}${++this.execSerial}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the sandbox did not answer in time'));
      }, EXEC_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      this.send(message(id));
    });
  }

  /**
   * Ask the server to run exercise `exercise` of lesson `lesson`'s checks itself and record a pass;
   * undefined when this sandbox's server does not verify (the in-browser simulator): check with `exec`.
   */
  async check(lesson: string, exercise: string): Promise<CheckOutcome | undefined> {
    await this.whenReady();
    if (!this.serverChecks) return undefined;
    return this.ask(this.checks, 'c', (id) => ({ type: 'check', id, lesson, exercise }));
  }

  /** Drop the connection and connect again at once, through whatever `transport` answers now. */
  reconnectNow(): void {
    if (this.disposed) return;
    this.lost = false;
    this.expired = false;
    this.failed = false;
    this.busy = false;
    this.attempt = 0;
    this.ready = false;
    clearTimeout(this.reconnectTimer);
    this.failExecs('the sandbox connection changed');
    const old = this.socket;
    this.socket = undefined;
    old?.close(1000, 'switching sandbox');
    void this.open();
  }

  /** Close for good (the element left the page). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    this.failExecs('the terminal was closed');
    this.socket?.close(1000, 'page left');
    this.socket = undefined;
  }

  private async open(): Promise<void> {
    if (this.options.sessionReady) await this.options.sessionReady;
    if (this.disposed) return;
    this.options.onStatus(this.attempt === 0 ? 'connecting' : this.busy ? 'busy' : 'reconnecting');
    const kind = this.options.transport?.() ?? webSocketTransport(this.options.url, SESSION_KEY);
    this.sessionKey = sessionKeyFor(kind.sessionKey, this.options.profile);
    this.transportName = kind.name;
    const socket: SandboxTransport = kind.connect({
      open: () => this.hello(),
      message: (data) => {
        if (socket !== this.socket) return;
        if (typeof data === 'string') this.control(data);
        else this.options.onOutput(data);
      },
      close: (code) => {
        if (socket !== this.socket) return;
        this.closed(code, kind);
      },
    });
    this.socket = socket;
  }

  /** First frame on every connection: which session and node, and the terminal's size. */
  private hello(): void {
    const { cols, rows } = this.options.size();
    const session = readSessionId(this.sessionKey);
    this.askedFor = session;
    this.send({
      type: 'hello',
      version: PROTOCOL_VERSION,
      node: this.options.node,
      ...(this.options.shell !== undefined && this.options.shell > 1 ? { shell: this.options.shell } : {}),
      cols,
      rows,
      ...(session ? { session } : {}),
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      ...(this.options.locale ? { locale: this.options.locale } : {}),
    });
  }

  private control(text: string): void {
    let message: ServerControl;
    try {
      message = JSON.parse(text) as ServerControl;
    } catch {
      return;
    }
    switch (message.type) {
      case 'ready':
        this.session = message.session;
        this.serverChecks = message.checks === true;
        storeSessionId(message.session, this.sessionKey);
        this.ready = true;
        this.offered = false;
        this.attempt = 0;
        this.busy = false;
        this.options.onReady(message);
        if (this.lost && this.askedFor !== undefined && !message.resumed && message.session !== this.askedFor) {
          this.options.onRestarted?.();
        }
        this.lost = false;
        // The terminal may have been fitted between hello and ready, when resizes are not sent.
        this.resize(this.options.size().cols, this.options.size().rows);
        this.options.onStatus('connected');
        // After the screen replay the server sends next, so typed keys land at the prompt.
        this.flushQueued();
        for (const wake of this.waiters.splice(0)) wake();
        return;
      case 'exec-result': {
        const pending = this.execs.get(message.id);
        if (!pending) return;
        this.execs.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve({ exit: message.exit, output: message.output });
        return;
      }
      case 'check-result': {
        const pending = this.checks.get(message.id);
        if (!pending) return;
        this.checks.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve({ verdicts: message.verdicts, doneAt: message.doneAt, ...(message.error !== undefined ? { error: message.error } : {}) });
        return;
      }
      case 'port-result': {
        const pending = this.ports.get(message.id);
        if (!pending) return;
        this.ports.delete(message.id);
        clearTimeout(pending.timer);
        const { type: _type, id: _id, bodyBase64, ...page } = message;
        const body = fromBase64(bodyBase64);
        pending.resolve(body ? { ...page, body } : { ...page, body: new Uint8Array(0), error: 'bad-response', message: 'the page is not base64' });
        return;
      }
      case 'watchers':
        this.options.onWatchers?.(message.count);
        return;
      case 'state':
        this.options.onState?.(message.state);
        return;
      case 'exit':
        if (message.reason === 'expired' || message.reason === 'closed') {
          if (this.session) forgetSessionId(this.session, this.sessionKey);
          this.expired = true;
        }
        this.options.onNotice?.(message);
        return;
      case 'error':
        if (message.code === 'capacity') this.busy = true;
        if (message.code === 'capacity' || message.code === 'internal' || !this.ready) this.options.onNotice?.(message);
        if (message.code === 'bad-message' && !this.ready) this.failed = true;
        return;
    }
  }

  private closed(code: number, kind: TransportKind): void {
    this.socket = undefined;
    if (this.ready) this.lost = true;
    this.ready = false;
    this.failExecs('the connection to the sandbox was lost');
    if (this.disposed) return;
    if (this.expired) {
      this.options.onStatus('expired');
      return;
    }
    if (this.failed || code === POLICY_VIOLATION) {
      this.options.onStatus('error');
      return;
    }
    this.scheduleReconnect();
    if (kind.name === 'websocket' && !this.offered && (this.busy || this.attempt >= FALLBACK_AFTER_ATTEMPTS)) {
      this.offered = true;
      this.options.onFallbackOffer?.(this.busy ? 'capacity' : 'unreachable');
    }
  }

  private scheduleReconnect(): void {
    const delay = Math.max(this.busy ? BUSY_RETRY_MS : 0, backoffDelay(this.attempt));
    this.attempt++;
    this.options.onStatus(this.busy ? 'busy' : 'reconnecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.open(), delay);
  }

  /** Start over with a fresh sandbox (after expiry or a failure). */
  private restart(): void {
    if (this.disposed) return;
    if (this.session) forgetSessionId(this.session, this.sessionKey);
    this.expired = false;
    this.failed = false;
    this.attempt = 0;
    clearTimeout(this.reconnectTimer);
    const old = this.socket;
    this.socket = undefined;
    old?.close(1000, 'restart');
    void this.open();
  }

  private failExecs(reason: string): void {
    for (const pending of [...this.execs.values(), ...this.checks.values(), ...this.ports.values()]) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
    }
    this.execs.clear();
    this.checks.clear();
    this.ports.clear();
  }

  private send(message: ClientControl): void {
    if (this.socket?.isOpen) this.socket.send(JSON.stringify(message));
  }
}
