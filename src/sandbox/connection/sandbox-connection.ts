/**
 * One browser terminal's connection: the protocol state machine between `hello` and close, served
 * over a WebSocket by the server and over a message port by the sandbox worker. Binary frames are
 * keystrokes for the attached node; text frames are control messages (see protocol.ts).
 * Nothing a client sends can throw out of here: bad input becomes an `error` message or a close.
 */
import { terminalName } from '../terminal-name.ts';
import type { Logger } from '../logger.ts';
import { PROTOCOL_VERSION, STATE_IDLE_MS, parseClientControl, type ClientControl, type ServerControl } from '../protocol.ts';
import type { EndReason, OpenResult, Session, SessionRegistry, TerminalListener } from '../sessions.ts';
import type { AttachedTerminal, ConnectionHooks } from './connection-hooks.ts';
import type { ConnectionSocket } from './connection-socket.ts';
import { TerminalCommandClock, type CommandTimer } from './command-timer.ts';
import { TokenBucket } from './token-bucket.ts';
import { forwardedHeaders } from '../published-port.ts';
import { toBase64 } from '../base64.ts';

/** Close codes from RFC 6455 and the IANA registry. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

export interface ConnectionLimits {
  /** Above this many unsent bytes the socket stops getting output (its `bufferedAmount`). */
  highWaterBytes: number;
  /** Output resumes once the unsent bytes fall below this. */
  lowWaterBytes: number;
  /** A client that stays above the high-water mark this long is dropped; it reconnects and gets a replay. */
  stallTimeoutMs: number;
  /** A socket that sends no hello within this long is closed. */
  helloTimeoutMs: number;
  /** Input allowance: a burst of this many bytes ... */
  inputBurstBytes: number;
  /** ... refilled at this rate. */
  inputBytesPerSecond: number;
  /** Hidden commands at once per socket. */
  maxConcurrentExecs: number;
  /** Each reset starts a sandbox (a container with the real driver): a burst of this many per socket ... */
  resetBurst: number;
  /** ... refilled at this many a minute. */
  resetsPerMinute: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  stallTimeoutMs: 30_000,
  helloTimeoutMs: 15_000,
  inputBurstBytes: 256 * 1024,
  inputBytesPerSecond: 64 * 1024,
  maxConcurrentExecs: 4,
  resetBurst: 5,
  resetsPerMinute: 6,
};

/** How often a paused socket is checked for having drained (a WebSocket has no 'drain' event). */
const DRAIN_POLL_MS = 50;
/** Control messages are charged this many input bytes at least, so a flood of tiny ones is limited too. */
const MIN_MESSAGE_COST = 256;
/** Every binary frame costs this much on top of its bytes, so a flood of empty frames is limited too. */
const BINARY_FRAME_COST = 16;

const EXIT_MESSAGES: Record<EndReason, string> = {
  expired: 'The sandbox expired.',
  reset: 'The sandbox was reset.',
  closed: 'The sandbox was closed.',
  restarted: 'The server is restarting.',
};

/** How a failed open or reset closes the socket: client retries after 1013, never after 1008. */
const REFUSAL_CLOSE_CODES: Record<Extract<OpenResult, { ok: false }>['code'], number> = {
  'bad-message': CloseCode.policyViolation,
  capacity: CloseCode.tryAgainLater,
  unavailable: CloseCode.tryAgainLater,
  internal: CloseCode.internalError,
};

type State = 'awaiting-hello' | 'opening' | 'attached' | 'closed';

/** Serves the sandbox protocol on one accepted socket. */
export class SandboxConnection implements TerminalListener, AttachedTerminal {
  private readonly socket: ConnectionSocket;
  private readonly registry: SessionRegistry;
  private readonly log: Logger;
  private readonly limits: ConnectionLimits;
  private readonly input: TokenBucket;
  private readonly resets: TokenBucket;
  private state: State = 'awaiting-hello';
  private session: Session | undefined;
  private node = '';
  /** Which of the node's terminals (hello's `shell`; 1, the first, by default). */
  private shell = 1;
  private size = { cols: 80, rows: 24 };
  /** The page's language from hello; the sandbox's own tools speak it (a fresh sandbox after reset too). */
  private locale: string | undefined;
  private detach: (() => void) | undefined;
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private drainTimer: ReturnType<typeof setInterval> | undefined;
  private stalledSince = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private execsRunning = 0;
  /** Topology updates (protocol `state`): Enter was sent and the output has not gone quiet yet. */
  private commandRunning = false;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private stateBusy = false;
  private stateAgain = false;
  private lastState = '';
  private readonly hooks: ConnectionHooks;
  private readonly commandClock = new TerminalCommandClock();
  private commandTimer: CommandTimer | undefined;

  constructor(socket: ConnectionSocket, registry: SessionRegistry, log: Logger, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS, hooks: ConnectionHooks = {}) {
    this.socket = socket;
    this.hooks = hooks;
    this.registry = registry;
    this.log = log;
    this.limits = limits;
    this.input = new TokenBucket(limits.inputBurstBytes, limits.inputBytesPerSecond);
    this.resets = new TokenBucket(limits.resetBurst, limits.resetsPerMinute / 60);
    socket.listen({
      message: (bytes, isBinary) => this.guard(() => this.receive(bytes, isBinary)),
      close: () => this.dispose(),
      // ws reports protocol violations (1007 invalid UTF-8, 1009 too big) here before closing the socket.
      error: (error) => this.log.debug(`sandbox socket: ${error.message}`),
    });
    this.helloTimer = setTimeout(() => this.close(CloseCode.policyViolation, 'no hello'), limits.helloTimeoutMs);
  }

  /** Report each command's latency to `timer` (the server's metrics). */
  timeCommands(timer: CommandTimer): void {
    this.commandTimer = timer;
  }

  /** The name of the terminal this connection shows (terminal-name.ts). */
  private get terminal(): string {
    return terminalName(this.node, this.shell);
  }

  /** Terminal output for the attached node. */
  output(bytes: Uint8Array): void {
    this.sendBytes(bytes);
    if (this.commandRunning) {
      this.commandClock.output();
      this.armState();
    }
  }

  /** The session ended; follow a reset into the replacement, otherwise tell the client and close. */
  ended(reason: EndReason, next?: Session): void {
    this.detach = undefined;
    if (this.state === 'closed') return;
    if (next && !next.isClosed) {
      this.attach(next, false);
      return;
    }
    this.session = undefined;
    this.send({ type: 'exit', reason, message: EXIT_MESSAGES[reason] });
    this.close(reason === 'restarted' ? CloseCode.goingAway : CloseCode.normal, reason);
  }

  /** Tell the client the server is going away, then close (shutdown). */
  shutdown(): void {
    if (this.state === 'closed') return;
    this.send({ type: 'exit', reason: 'restarted', message: EXIT_MESSAGES.restarted });
    this.close(CloseCode.goingAway, 'server shutting down');
  }

  private receive(bytes: Uint8Array, isBinary: boolean): void {
    if (this.state === 'closed') return;
    if (!this.input.take(isBinary ? bytes.length + BINARY_FRAME_COST : Math.max(bytes.length, MIN_MESSAGE_COST))) {
      this.error('rate-limited', 'Too much input; slow down.');
      return;
    }
    if (isBinary) {
      // Keys typed before `ready` have nowhere to go; the client waits for ready anyway.
      if (this.state === 'attached' && this.session) {
        this.session.input(this.terminal, bytes);
        if (bytes.includes(0x0d)) {
          this.commandRunning = true;
          this.commandClock.entered();
          this.armState();
        }
      }
      return;
    }
    const parsed = parseClientControl(new TextDecoder().decode(bytes));
    if (!parsed.ok) {
      this.error('bad-message', parsed.error);
      return;
    }
    this.control(parsed.value);
  }

  private control(message: ClientControl): void {
    switch (message.type) {
      case 'hello':
        this.guardAsync(this.hello(message));
        return;
      case 'resize':
        this.size = { cols: message.cols, rows: message.rows };
        if (this.state === 'attached') this.session?.resize(this.terminal, message.cols, message.rows);
        return;
      case 'reset':
        this.guardAsync(this.reset());
        return;
      case 'exec':
        this.guardAsync(this.exec(message.id, message.command, message.node));
        return;
      case 'check':
        this.guardAsync(this.check(message.id, message.lesson, message.exercise));
        return;
      case 'port':
        this.guardAsync(this.port(message));
        return;
    }
  }

  private async hello(message: Extract<ClientControl, { type: 'hello' }>): Promise<void> {
    if (this.state !== 'awaiting-hello') {
      this.error('bad-message', 'hello was already sent');
      return;
    }
    clearTimeout(this.helloTimer);
    if (message.version !== PROTOCOL_VERSION) {
      this.error('bad-message', `unsupported protocol version ${message.version}; reload the page`);
      this.close(CloseCode.policyViolation, 'protocol version');
      return;
    }
    this.state = 'opening';
    this.size = { cols: message.cols, rows: message.rows };
    this.locale = message.locale;
    const opened = await this.registry.open(message.session, message.profile);
    if (this.isClosed()) return;
    if (!opened.ok) {
      this.refuse(opened);
      return;
    }
    const node = message.node ?? opened.session.defaultNode;
    if (!opened.session.hasNode(node)) {
      this.error('bad-message', `this sandbox has no node "${node}"`);
      this.close(CloseCode.policyViolation, 'unknown node');
      return;
    }
    this.node = node;
    this.shell = message.shell ?? 1;
    this.attach(opened.session, opened.resumed);
  }

  private async reset(): Promise<void> {
    if (this.state !== 'attached' || !this.session) {
      this.error('not-ready', 'reset before ready');
      return;
    }
    if (!this.resets.take(1)) {
      this.error('rate-limited', 'Too many resets; wait a few seconds.');
      return;
    }
    const old = this.session;
    this.state = 'opening';
    this.detach?.();
    this.detach = undefined;
    this.session = undefined;
    const result = await this.registry.reset(old.id);
    if (this.isClosed()) return;
    if (!result.ok) {
      this.refuse(result);
      return;
    }
    if (!result.session.hasNode(this.node)) this.node = result.session.defaultNode;
    this.attach(result.session, false);
  }

  private async exec(id: string, command: string, node: string | undefined): Promise<void> {
    const session = this.session;
    if (this.state !== 'attached' || !session) {
      this.error('not-ready', 'exec before ready');
      return;
    }
    if (node !== undefined && !session.hasNode(node)) {
      this.send({ type: 'exec-result', id, exit: 255, output: `no such node: ${node}\n` });
      return;
    }
    await this.concurrently('too many checks at once', async () => {
      const startedAt = performance.now();
      const result = await session.exec(command, node);
      this.commandTimer?.('exec', (performance.now() - startedAt) / 1000);
      this.send({ type: 'exec-result', id, exit: result.exit, output: result.output });
    });
  }

  /** Run `work` as one of the hidden commands allowed at once (`maxConcurrentExecs`); beyond them, answer `rate-limited`. */
  private async concurrently(refusal: string, work: () => Promise<void>): Promise<void> {
    if (this.execsRunning >= this.limits.maxConcurrentExecs) {
      this.error('rate-limited', refusal);
      return;
    }
    this.execsRunning++;
    try {
      await work();
    } finally {
      this.execsRunning--;
    }
  }

  /** Open a published port of this session's sandbox (Session.requestPort), as many at once as hidden commands. */
  private async port(message: Extract<ClientControl, { type: 'port' }>): Promise<void> {
    const session = this.session;
    if (this.state !== 'attached' || !session) {
      this.error('not-ready', 'port before ready');
      return;
    }
    await this.concurrently('too many requests at once', async () => {
      const result = await session.requestPort({ node: message.node, port: message.port, method: 'GET', path: message.path });
      if (!result.ok) {
        this.send({ type: 'port-result', id: message.id, status: 0, headers: [], bodyBase64: '', error: result.reason, message: result.message });
        return;
      }
      const { status, headers, body } = result.response;
      this.send({ type: 'port-result', id: message.id, status, headers: forwardedHeaders(headers), bodyBase64: toBase64(body) });
    });
  }

  /** Verify an exercise on the server (ConnectionHooks.check), as many at once as hidden commands. */
  private async check(id: string, lesson: string, exercise: string): Promise<void> {
    const session = this.session;
    const verify = this.hooks.check;
    if (!verify) {
      this.error('bad-message', 'exercises are checked by the client here');
      return;
    }
    if (this.state !== 'attached' || !session) {
      this.error('not-ready', 'check before ready');
      return;
    }
    await this.concurrently('too many checks at once', async () => {
      const answer = await verify(
        { lesson, exercise },
        {
          profile: session.profile,
          hasNode: (node) => session.hasNode(node),
          exec: (command, node) => session.exec(command, node),
        },
      );
      this.send({ type: 'check-result', id, ...answer });
    });
  }

  /** Tell the page how many instructors watch its terminal (AttachedTerminal). */
  notifyWatchers(count: number): void {
    if (this.state !== 'closed') this.send({ type: 'watchers', count });
  }

  /** Attach to `session`'s terminal, announce it, and redraw the screen from its scrollback. */
  private attach(session: Session, resumed: boolean): void {
    this.session = session;
    if (this.locale !== undefined) session.setLocale(this.locale);
    session.resize(this.terminal, this.size.cols, this.size.rows);
    const attachment = session.attach(this.terminal, this);
    this.detach = attachment.detach;
    this.state = 'attached';
    this.send({
      type: 'ready',
      session: session.id,
      resumed,
      node: this.node,
      nodes: [...session.nodes],
      driver: session.driver,
      expiresAt: session.expiresAt,
      now: Date.now(),
      idleMs: this.registry.idleLimitMs,
      ...(this.hooks.check ? { checks: true } : {}),
    });
    // Instructors watch a node's first terminal; the learner's extra ones are theirs alone.
    if (this.shell === 1) this.hooks.attached?.(this, session.id, this.node);
    if (attachment.replay.length > 0) this.sendBytes(attachment.replay);
    this.lastState = '';
    this.guardAsync(this.sendState());
  }

  /** Send `state` once the command that was entered has gone quiet. */
  private armState(): void {
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => {
      this.commandRunning = false;
      const seconds = this.commandClock.settle();
      if (seconds !== undefined) this.commandTimer?.('terminal', seconds);
      this.guardAsync(this.sendState());
    }, STATE_IDLE_MS);
  }

  /** Ask the sandbox for its topology and send it when it changed (one request at a time). */
  private async sendState(): Promise<void> {
    if (this.stateBusy) {
      this.stateAgain = true;
      return;
    }
    const session = this.session;
    if (this.state !== 'attached' || !session) return;
    this.stateBusy = true;
    try {
      const state = await session.state();
      if (!state || session !== this.session || this.isClosed()) return;
      const text = JSON.stringify({ type: 'state', state } satisfies ServerControl);
      if (text === this.lastState) return;
      this.lastState = text;
      if (this.socket.isOpen) this.socket.sendText(text);
    } finally {
      this.stateBusy = false;
      if (this.stateAgain) {
        this.stateAgain = false;
        this.guardAsync(this.sendState());
      }
    }
  }

  /** A sandbox could not be opened: tell the client why and close (a bad request is not retried). */
  private refuse(failure: Extract<OpenResult, { ok: false }>): void {
    this.error(failure.code, failure.message);
    this.close(REFUSAL_CLOSE_CODES[failure.code], failure.code);
  }

  private error(code: Extract<ServerControl, { type: 'error' }>['code'], message: string): void {
    this.send({ type: 'error', code, message });
  }

  private send(message: ServerControl): void {
    if (!this.socket.isOpen) return;
    this.socket.sendText(JSON.stringify(message));
  }

  /** Send output, holding it back while the client is slow and dropping a client that stays slow. */
  private sendBytes(bytes: Uint8Array): void {
    if (!this.socket.isOpen) return;
    if (this.drainTimer === undefined && this.socket.bufferedAmount <= this.limits.highWaterBytes) {
      this.socket.sendBinary(bytes);
      return;
    }
    this.pending.push(bytes.slice());
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > this.limits.highWaterBytes) {
      // Holding more would be unbounded memory, and a client that does not read would never finish a
      // closing handshake: cut it. It reconnects and gets the scrollback.
      this.dispose();
      this.socket.terminate();
      return;
    }
    if (this.drainTimer === undefined) {
      this.stalledSince = Date.now();
      this.drainTimer = setInterval(() => this.guard(() => this.drain()), DRAIN_POLL_MS);
    }
  }

  private drain(): void {
    if (!this.socket.isOpen) return this.stopDraining();
    if (this.socket.bufferedAmount < this.limits.lowWaterBytes) {
      const pending = this.pending;
      this.stopDraining();
      for (const bytes of pending) this.socket.sendBinary(bytes);
    } else if (Date.now() - this.stalledSince > this.limits.stallTimeoutMs) {
      this.dispose();
      this.socket.terminate();
    }
  }

  private stopDraining(): void {
    clearInterval(this.drainTimer);
    this.drainTimer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** A method, not a field test, because the state may change while a handler awaits. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.dispose();
    this.socket.close(code, reason);
  }

  private dispose(): void {
    if (this.state !== 'closed') this.hooks.closed?.(this);
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    clearTimeout(this.stateTimer);
    this.stopDraining();
    this.detach?.();
    this.detach = undefined;
    this.session = undefined;
  }

  /** Run a handler so that a bug in it costs this socket, never the process. */
  private guard(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.fail(error);
    }
  }

  /** The asynchronous twin of `guard`. */
  private guardAsync(work: Promise<void>): void {
    work.catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    this.log.error(`sandbox socket handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    this.error('internal', 'internal error');
    this.close(CloseCode.internalError, 'internal error');
  }
}
