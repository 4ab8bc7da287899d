/**
 * The session registry: which sandbox belongs to which browser. A session owns one sandbox, lives at
 * most `ttlMs`, dies after `idleMs` without terminal input or output, and keeps each node's recent
 * output so a reconnecting terminal redraws what the learner saw. Framework-free and browser-safe:
 * time and timers are injected, ids come from `globalThis.crypto`.
 */
import { SandboxCapacityError, SandboxUnavailableError, UnknownProfileError, type Driver, type ExecResult, type Sandbox, type SessionInfo, type TerminalStream } from './driver.ts';
import { BidiEscaper } from './bidi-escape.ts';
import { DEFAULT_SCROLLBACK_BYTES, Scrollback } from './scrollback.ts';
import { isSessionIdShape, newSessionId } from './session-id.ts';
import type { SandboxState } from './topology/state.ts';
import { labOf } from './profiles/lab-profile.ts';
import type { SetupStep } from './setup.ts';

export const DEFAULT_TTL_MS = 60 * 60_000;
export const DEFAULT_IDLE_MS = 15 * 60_000;
export const DEFAULT_MAX_SESSIONS = 5000;
/** Reaping runs this often (or more often for short limits), so an expired sandbox lives at most this much longer. */
export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
/** A hidden check that runs longer than this answers exit 124, like coreutils `timeout`. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;

/** Why a session ended, as told to attached terminals (the protocol's `exit.reason`). */
export type EndReason = 'expired' | 'reset' | 'closed' | 'restarted';

/** Someone watching one node's terminal of a session (a WebSocket connection). */
export interface TerminalListener {
  /** Bytes the terminal displays. */
  output(bytes: Uint8Array): void;
  /**
   * The session is gone. On a reset `next` is its replacement: the listener has already been
   * detached and should attach to `next` to follow the learner into the fresh sandbox.
   */
  ended(reason: EndReason, next?: Session): void;
}

/** An attachment: the screen so far, and how to stop listening. */
export interface Attachment {
  /** The node's recent output, to be shown before anything streamed afterwards. */
  replay: Uint8Array;
  detach(): void;
}

/** Timers the registry uses for reaping; injected in tests. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SessionRegistryOptions {
  driver: Driver;
  ttlMs?: number;
  idleMs?: number;
  maxSessions?: number;
  scrollbackBytes?: number;
  sweepIntervalMs?: number;
  execTimeoutMs?: number;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number;
  timers?: IntervalTimers;
  /** Where failures of sandboxes (closing, creating) are reported; they never throw to callers. */
  onError?: (error: unknown, context: string) => void;
  /**
   * The setup of each broken lab by lesson slug (src/sandbox/profiles/lab-profile.ts): a lab's
   * profile (`lab.<slug>`) is served only when this knows its setup, which the driver then runs on the
   * fresh sandbox. Without it no lab's profile is served.
   */
  labSetups?: LabSetups;
}

/** A broken lab's setup by lesson slug; undefined for a lesson that is not a lab (or not known). */
export type LabSetups = (slug: string) => readonly SetupStep[] | undefined | Promise<readonly SetupStep[] | undefined>;

/** The outcome of opening or resetting a session. Errors are values, not exceptions. */
export type OpenResult = { ok: true; session: Session; resumed: boolean } | { ok: false; code: 'bad-message' | 'capacity' | 'unavailable' | 'internal'; message: string };

interface NodeTerminal {
  stream: TerminalStream;
  scrollback: Scrollback;
  listeners: Set<TerminalListener>;
  unsubscribe: () => void;
}

/** One learner's sandbox plus what the registry tracks about it. */
export class Session {
  readonly id: string;
  readonly driver: string;
  /** The host profile the sandbox was created with (undefined: the default). */
  readonly profile: string | undefined;
  readonly createdAt: number;
  readonly expiresAt: number;
  private lastActivityAt: number;
  private readonly sandbox: Sandbox;
  private readonly terminals = new Map<string, NodeTerminal>();
  private readonly options: Required<Pick<SessionRegistryOptions, 'scrollbackBytes' | 'execTimeoutMs' | 'now'>>;
  private closed = false;

  constructor(info: SessionInfo, sandbox: Sandbox, driver: string, profile: string | undefined, options: Required<Pick<SessionRegistryOptions, 'scrollbackBytes' | 'execTimeoutMs' | 'now'>>) {
    this.id = info.id;
    this.sandbox = sandbox;
    this.driver = driver;
    this.profile = profile;
    this.options = options;
    this.createdAt = info.createdAt;
    this.expiresAt = info.expiresAt;
    // A resumed session starts its idle time afresh: the learner is back.
    this.lastActivityAt = options.now();
  }

  /** The sandbox's node names, the default first. */
  get nodes(): readonly string[] {
    return this.sandbox.nodes;
  }

  /** The default node. */
  get defaultNode(): string {
    return this.sandbox.nodes[0] ?? 'node1';
  }

  /** When the terminal last saw input or output. */
  get lastActivity(): number {
    return this.lastActivityAt;
  }

  /** Whether the session has ended. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether `node` is one of the sandbox's nodes. */
  hasNode(node: string): boolean {
    return this.sandbox.nodes.includes(node);
  }

  /**
   * Listen to a terminal: `name` is a node (its first terminal) or `node/N` (terminal-name.ts). The
   * replay and the subscription are taken in the same tick, so no byte is lost between them.
   */
  attach(name: string, listener: TerminalListener): Attachment {
    const terminal = this.terminal(name);
    const replay = terminal.scrollback.snapshot();
    terminal.listeners.add(listener);
    return { replay, detach: () => terminal.listeners.delete(listener) };
  }

  /** Keys the learner typed on terminal `name` (a node, or node/N). */
  input(name: string, bytes: Uint8Array): void {
    if (this.closed) return;
    this.touch();
    this.terminal(name).stream.write(bytes);
  }

  /** The browser's terminal `name` (a node, or node/N) changed size. */
  resize(name: string, cols: number, rows: number): void {
    if (this.closed) return;
    this.terminal(name).stream.resize(cols, rows);
  }

  /** Run a hidden command; failures of the driver become a non-zero exit, never an exception. */
  async exec(command: string, node?: string): Promise<ExecResult> {
    if (this.closed) return { exit: 255, output: 'sandbox is closed\n' };
    try {
      return await this.sandbox.exec(command, { node: node ?? this.defaultNode, timeoutMs: this.options.execTimeoutMs });
    } catch (error) {
      return { exit: 255, output: `sandbox error: ${error instanceof Error ? error.message : String(error)}\n` };
    }
  }

  /** The language the learner's page speaks: the sandbox's own tools answer in it (drivers without any ignore it). */
  setLocale(locale: string): void {
    if (!this.closed) this.sandbox.setLocale?.(locale);
  }

  /** The sandbox's topology for the panel, when its driver can tell; failures give undefined. */
  async state(): Promise<SandboxState | undefined> {
    if (this.closed || !this.sandbox.state) return undefined;
    try {
      return await this.sandbox.state();
    } catch {
      return undefined;
    }
  }

  /** Whether the session is past its hard lifetime or idle limit at `now`. */
  isExpired(now: number, idleMs: number): boolean {
    return now >= this.expiresAt || now - this.lastActivityAt >= idleMs;
  }

  /** End the session: tell listeners, stop listening, release the sandbox. Idempotent. */
  async close(reason: EndReason, next?: Session): Promise<void> {
    if (this.closed) return;
    this.detachAll(reason, next);
    await this.sandbox.close();
  }

  /**
   * Stop serving the session in this process but keep its sandbox for a later `Driver.resume`
   * (shutdown with a driver whose sandboxes outlive the process); otherwise the same as `close`.
   */
  async suspend(reason: EndReason): Promise<void> {
    if (this.closed) return;
    if (!this.sandbox.suspend) return this.close(reason);
    this.detachAll(reason);
    await this.sandbox.suspend();
  }

  private detachAll(reason: EndReason, next?: Session): void {
    this.closed = true;
    for (const terminal of this.terminals.values()) {
      terminal.unsubscribe();
      const listeners = [...terminal.listeners];
      terminal.listeners.clear();
      for (const listener of listeners) listener.ended(reason, next);
    }
    this.terminals.clear();
  }

  private touch(): void {
    this.lastActivityAt = this.options.now();
  }

  /** A terminal by name, subscribed on first use so single-node lessons never start other shells. */
  private terminal(name: string): NodeTerminal {
    let terminal = this.terminals.get(name);
    if (terminal) return terminal;
    const stream = this.sandbox.terminal(name);
    const scrollback = new Scrollback(this.options.scrollbackBytes);
    const listeners = new Set<TerminalListener>();
    // Everyone who sees this terminal (the learner's tabs, a watching instructor) sees bidi controls escaped.
    const bidi = new BidiEscaper();
    const unsubscribe = stream.onData((raw) => {
      this.touch();
      const bytes = bidi.push(raw);
      if (bytes.length === 0) return;
      scrollback.append(bytes);
      for (const listener of listeners) listener.output(bytes);
    });
    terminal = { stream, scrollback, listeners, unsubscribe };
    this.terminals.set(name, terminal);
    return terminal;
  }
}

/** All live sessions over one driver, with capacity, expiry and reaping. */
export class SessionRegistry {
  private readonly driver: Driver;
  private readonly ttlMs: number;
  private readonly idleMs: number;
  private readonly maxSessions: number;
  private readonly sweepIntervalMs: number;
  private readonly sessionOptions: Required<Pick<SessionRegistryOptions, 'scrollbackBytes' | 'execTimeoutMs' | 'now'>>;
  private readonly timers: IntervalTimers;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly labSetups: LabSetups;
  private readonly sessions = new Map<string, Session>();
  /** Resumes under way by session id, so two terminals of one session rebuild it once. */
  private readonly resuming = new Map<string, Promise<Session | undefined>>();
  /** Sandboxes being created count against capacity, or a burst of hellos could overshoot it. */
  private creating = 0;
  private sweeper: unknown;
  private closing = false;

  /** A session with no terminal input or output for this long is reaped (terminals show a warning). */
  get idleLimitMs(): number {
    return this.idleMs;
  }

  constructor(options: SessionRegistryOptions) {
    this.driver = options.driver;
    this.ttlMs = positive(options.ttlMs, DEFAULT_TTL_MS);
    this.idleMs = positive(options.idleMs, DEFAULT_IDLE_MS);
    this.maxSessions = positive(options.maxSessions, DEFAULT_MAX_SESSIONS);
    // Short limits (tests, demos) need sweeps at least as often as a quarter of the shorter one.
    const quarter = Math.max(1000, Math.min(this.ttlMs, this.idleMs) / 4);
    this.sweepIntervalMs = positive(options.sweepIntervalMs, Math.min(DEFAULT_SWEEP_INTERVAL_MS, quarter));
    this.sessionOptions = {
      scrollbackBytes: positive(options.scrollbackBytes, DEFAULT_SCROLLBACK_BYTES),
      execTimeoutMs: positive(options.execTimeoutMs, DEFAULT_EXEC_TIMEOUT_MS),
      now: options.now ?? Date.now,
    };
    this.timers = options.timers ?? {
      setInterval: (callback, ms) => {
        const handle = setInterval(callback, ms);
        // Reaping alone must not keep a process (a test, a CLI) alive.
        (handle as { unref?: () => void }).unref?.();
        return handle;
      },
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    };
    this.onError = options.onError ?? (() => undefined);
    this.labSetups = options.labSetups ?? (() => undefined);
  }

  /** Name of the driver behind the sessions. */
  get driverName(): string {
    return this.driver.name;
  }

  /** Live sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** Live sessions per driver name (a fallback driver serves some from another driver). */
  countByDriver(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const session of this.sessions.values()) counts.set(session.driver, (counts.get(session.driver) ?? 0) + 1);
    return counts;
  }

  /** Start reaping expired and idle sessions periodically. */
  start(): void {
    if (this.sweeper !== undefined || this.closing) return;
    this.sweeper = this.timers.setInterval(() => this.sweep(), this.sweepIntervalMs);
  }

  /** The live session with this id, if any. */
  get(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || this.expire(session)) return undefined;
    return session;
  }

  /**
   * Resume `id` when it is live and of the wanted `profile`, otherwise start a new session
   * (`resumed: false`). A session of another profile is left alone: another tab may still use it.
   */
  async open(id?: string, profile?: string): Promise<OpenResult> {
    if (id !== undefined && isSessionIdShape(id)) {
      const session = this.get(id) ?? (await this.resume(id, profile));
      if (session && session.profile === profile) return { ok: true, session, resumed: true };
    }
    return this.create(profile);
  }

  /** Find session `id` through the driver when this process does not hold it (a restart, another replica's learner). */
  private resume(id: string, profile: string | undefined): Promise<Session | undefined> {
    const resume = this.driver.resume?.bind(this.driver);
    if (!resume || this.closing || this.sessions.size + this.creating >= this.maxSessions) return Promise.resolve(undefined);
    let pending = this.resuming.get(id);
    if (pending) return pending;
    this.creating++;
    pending = (async () => {
      try {
        const found = await resume(id, profile !== undefined ? { profile } : {});
        if (!found) return undefined;
        if (this.closing || this.sessions.has(id)) {
          await found.sandbox.suspend?.();
          return this.sessions.get(id);
        }
        const session = new Session(found.session, found.sandbox, this.driver.name, profile, this.sessionOptions);
        this.sessions.set(id, session);
        return session;
      } catch (error) {
        this.onError(error, 'resuming a sandbox');
        return undefined;
      } finally {
        this.creating--;
        this.resuming.delete(id);
      }
    })();
    this.resuming.set(id, pending);
    return pending;
  }

  /** Throw `id`'s sandbox away and start a fresh one under a new id; attached terminals follow it. */
  async reset(id: string): Promise<OpenResult> {
    const old = this.sessions.get(id);
    // The old session's slot is handed over, so a full server can still reset.
    if (old) this.sessions.delete(id);
    const result = await this.create(old?.profile, old ? 1 : 0);
    if (old) {
      const next = result.ok ? result.session : undefined;
      this.end(old, 'reset', next);
    }
    return result;
  }

  /** Reap sessions past their TTL or idle limit; returns how many were reaped. */
  sweep(): number {
    let reaped = 0;
    for (const session of [...this.sessions.values()]) if (this.expire(session)) reaped++;
    return reaped;
  }

  /**
   * Stop reaping and end every session (server shutdown). On a restart, sandboxes that outlive the
   * process (`Sandbox.suspend`) are kept for the next one; everything else is closed.
   */
  async close(reason: EndReason = 'restarted'): Promise<void> {
    this.closing = true;
    if (this.sweeper !== undefined) this.timers.clearInterval(this.sweeper);
    this.sweeper = undefined;
    await Promise.all([...this.resuming.values()]);
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((session) => (reason === 'restarted' ? this.suspendQuietly(session) : this.closeQuietly(session, reason))));
  }

  /**
   * Forget session `id` here without ending its sandbox: another replica has taken it over. Its
   * terminals are told the server restarted, so they reconnect (and land where the session now lives).
   */
  async release(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await this.suspendQuietly(session);
  }

  private async create(profile: string | undefined, handedOver = 0): Promise<OpenResult> {
    if (this.closing) return { ok: false, code: 'internal', message: 'the server is shutting down' };
    if (this.sessions.size + this.creating >= this.maxSessions + handedOver) {
      return { ok: false, code: 'capacity', message: 'All sandboxes are in use. Please try again in a few minutes.' };
    }
    const lab = labOf(profile);
    let setup: readonly SetupStep[] | undefined;
    try {
      setup = lab === undefined ? undefined : await this.labSetups(lab);
    } catch (error) {
      this.onError(error, 'reading the setups of the broken labs');
      return { ok: false, code: 'internal', message: 'The sandbox could not be started.' };
    }
    if (lab !== undefined && setup === undefined) return { ok: false, code: 'bad-message', message: `unknown lab "${lab}": no lesson of that name has a setup` };
    this.creating++;
    const createdAt = this.sessionOptions.now();
    const info: SessionInfo = { id: newSessionId(), createdAt, expiresAt: createdAt + this.ttlMs };
    let sandbox: Sandbox;
    try {
      sandbox = await this.driver.create({ ...(profile !== undefined ? { profile } : {}), session: info, ...(setup ? { setup } : {}) });
    } catch (error) {
      if (error instanceof SandboxCapacityError) return { ok: false, code: 'capacity', message: error.message };
      if (error instanceof SandboxUnavailableError) return { ok: false, code: 'unavailable', message: error.message };
      if (error instanceof UnknownProfileError) return { ok: false, code: 'bad-message', message: error.message };
      this.onError(error, 'creating a sandbox');
      return { ok: false, code: 'internal', message: 'The sandbox could not be started.' };
    } finally {
      this.creating--;
    }
    if (this.closing) {
      await sandbox.close().catch((error: unknown) => this.onError(error, 'closing a sandbox'));
      return { ok: false, code: 'internal', message: 'the server is shutting down' };
    }
    const session = new Session(info, sandbox, this.driver.name, profile, this.sessionOptions);
    this.sessions.set(session.id, session);
    return { ok: true, session, resumed: false };
  }

  /** Reap `session` if it is past its limits; returns whether it was. */
  private expire(session: Session): boolean {
    if (!session.isExpired(this.sessionOptions.now(), this.idleMs)) return false;
    this.sessions.delete(session.id);
    this.end(session, 'expired');
    return true;
  }

  private end(session: Session, reason: EndReason, next?: Session): void {
    void this.closeQuietly(session, reason, next);
  }

  private async suspendQuietly(session: Session): Promise<void> {
    try {
      await session.suspend('restarted');
    } catch (error) {
      this.onError(error, 'suspending a sandbox');
    }
  }

  private async closeQuietly(session: Session, reason: EndReason, next?: Session): Promise<void> {
    try {
      await session.close(reason, next);
    } catch (error) {
      this.onError(error, 'closing a sandbox');
    }
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
