/**
 * Event sourcing for the in-browser simulator: a sandbox is its RNG seed, its start time and the
 * journal of what the learner did to it. Rebuilding = a fresh simulation on the same seed, fed the
 * same events at the same logical times (logical-clock.ts), so it ends in the same state without
 * the model ever being serialized.
 *
 * Journaled: opening a node's terminal (its login shell starts), every input frame with its logical
 * time (a Ctrl-C lands exactly where it was pressed, so `ping` without -c replays in bounded time),
 * resizes, and hidden execs. Exercise checks are read-only by intent, but they still draw random
 * numbers and fill ARP caches and conntrack, so leaving them out would make later state diverge:
 * they are journaled and replayed (their output is dropped).
 *
 * What the learner saw is not recomputed: each node's screen (the last SCREEN_BYTES of output) is
 * saved beside the journal and shown again as is. Replays run with output muted. With the screen goes
 * how many bytes each node's shell had printed by then: the model is deterministic, so the replay
 * prints the same stream, and what it prints beyond that count is what the learner never saw (a
 * command whose input was saved before its output, as a `kill -9` of the server leaves it). That tail
 * is shown after the restored screen, and output the live run repeats from before the count is not.
 */
import type { ExecOptions, ExecResult, Sandbox, TerminalStream } from '../driver.ts';
import { Scrollback } from '../scrollback.ts';
import type { SandboxState } from '../topology/state.ts';
import type { Random } from '../sim/kernel/random.ts';
import { LogicalClock, settleTurns, type Settle } from './logical-clock.ts';
import { concatBytes } from '../concat-bytes.ts';
import { requestPortWithCurl } from '../published-port-curl.ts';
import type { PortRequest, PortResult } from '../published-port.ts';
import { loadPrograms } from '../sim/userland/program-source.ts';

/** One thing the learner did, at logical time `t`. */
export type JournalEvent =
  | { t: number; k: 'open'; n: string }
  | { t: number; k: 'in'; n: string; d: Uint8Array }
  | { t: number; k: 'size'; n: string; c: number; r: number }
  | { t: number; k: 'exec'; n: string; x: string }
  | { t: number; k: 'dockerd'; n: string };

/** Everything needed to rebuild a sandbox; what the store keeps. */
export interface SavedSandbox {
  v: 1;
  /** The host profile ('' for the default); the store's key. */
  profile: string;
  /** Which sandbox this is: a reset starts another one under the same key. */
  instance: string;
  seed: number;
  /** Logical time at creation. */
  start: number;
  events: JournalEvent[];
  /** Each node's last output, shown again after a rebuild. */
  screens: Record<string, Uint8Array>;
  /** Bytes each node's shell had printed when its screen was taken (absent in older saves). */
  printed?: Record<string, number>;
}

/** Output kept per node for the screen after a reload. */
export const SCREEN_BYTES = 64 * 1024;
/** Journal size (approximate bytes) beyond which the sandbox is no longer saved. */
export const JOURNAL_BUDGET_BYTES = 2 * 1024 * 1024;
/** A replay gives up after this many timer firings (a week of `ping` is not worth restoring). */
export const REPLAY_MAX_FIRINGS = 200_000;
/**
 * How long after a fresh sandbox's first prompt its daemons start (their code is fetched then) unless
 * input, a check or the topology panel asks sooner: the page draws the prompt and finishes its own
 * loading first. The topology panel's first `state` waits for them (at most this plus the fetch).
 */
export const DAEMONS_AFTER_PROMPT_MS = 300;
/** Bytes an event costs in the budget beyond its payload. */
const EVENT_OVERHEAD = 48;

/**
 * A sandbox whose machines boot before their dockerd starts (the worker's simulator while the
 * daemon's code is still on its way): each start is a journaled `dockerd` event.
 */
export interface LateDaemons {
  /** Nodes whose dockerd has not started yet, in the order they start. */
  readonly pendingDaemons: readonly string[];
  startDaemon(node: string): void;
}

/** What a journaled sandbox is built on: a simulator sandbox on the given clock and RNG. */
export type InnerFactory = (clock: LogicalClock, random: Random) => Sandbox & Partial<LateDaemons>;

/** Whether `saved` was recorded with its daemons started after the boot (so its replay must build it that way). */
export function startsDaemonsLate(saved: SavedSandbox): boolean {
  return saved.events.some((event) => event.k === 'dockerd');
}

export interface JournaledSandboxOptions {
  profile: string;
  instance: string;
  seed: number;
  start: number;
  random: Random;
  create: InnerFactory;
  settle?: Settle;
  wallNow?: () => number;
}

interface Channel {
  listeners: Set<(bytes: Uint8Array) => void>;
  screen: Scrollback;
  opened: boolean;
  /** A restored screen, handed to the first subscriber. */
  restored: Uint8Array | undefined;
  /** Bytes the node's shell has printed since it opened, replays included. */
  printed: number;
  /** Of those, how many a restored screen already shows. */
  shown: number;
  /** What a replay printed past `shown`, for the end of the restored screen. */
  tail: Uint8Array[];
}

const encoder = new TextEncoder();

/** A sandbox whose every input goes through a journal; see the module comment. */
export class JournaledSandbox implements Sandbox {
  readonly nodes: readonly string[];
  readonly profile: string;
  readonly instance: string;
  readonly seed: number;
  readonly start: number;
  readonly clock: LogicalClock;
  private readonly inner: Sandbox & Partial<LateDaemons>;
  /** Resolved once no daemon waits to start (or their code failed to load): the topology waits for it. */
  private readonly daemonsSettled: Promise<void>;
  private settleDaemons: () => void = () => undefined;
  private readonly settle: Settle;
  private readonly channels = new Map<string, Channel>();
  private events: JournalEvent[] = [];
  private journalBytes = 0;
  private replaying = false;
  private closed = false;
  private overBudget = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly changeListeners = new Set<() => void>();
  private readonly closeListeners: (() => void)[] = [];
  private readonly notices: Uint8Array[] = [];

  constructor(options: JournaledSandboxOptions) {
    this.profile = options.profile;
    this.instance = options.instance;
    this.seed = options.seed;
    this.start = options.start;
    this.settle = options.settle ?? settleTurns;
    this.clock = new LogicalClock(options.start, options.wallNow);
    this.inner = options.create(this.clock, options.random);
    this.nodes = this.inner.nodes;
    this.daemonsSettled = this.daemonsPending() ? new Promise((resolve) => (this.settleDaemons = resolve)) : Promise.resolve();
  }

  /** Whether the journal outgrew JOURNAL_BUDGET_BYTES (the sandbox is then no longer saved). */
  get isOverBudget(): boolean {
    return this.overBudget;
  }

  /** Follow wall time from now on (after creation, or after a replay). */
  goLive(): void {
    this.clock.goLive(() =>
      this.enqueue(async () => {
        if (!this.closed) await this.clock.advanceTo(this.clock.liveNow(), this.settle, Infinity, false);
      }),
    );
  }

  /** Feed `saved`'s journal with output muted, then show its screens. Throws when it cannot. */
  async replay(saved: SavedSandbox, maxFirings = REPLAY_MAX_FIRINGS): Promise<void> {
    this.replaying = true;
    for (const node of Object.keys(saved.screens)) this.channel(node);
    for (const [node, count] of Object.entries(saved.printed ?? {})) this.channel(node).shown = count;
    let budget = maxFirings;
    try {
      for (const event of saved.events) {
        budget -= await this.clock.advanceTo(event.t, this.settle, budget);
        if (budget <= 0) throw new Error('the journal takes too long to replay');
        await this.apply(event);
        this.remember(event);
        if (this.closed) throw new Error('closed during replay');
      }
    } finally {
      this.replaying = false;
    }
    for (const [node, channel] of this.channels) {
      // An older save has no counts: its screen is all there is, as before the counts existed.
      if (!saved.printed) channel.shown = channel.printed;
      const tail = channel.tail.splice(0);
      const parts = [saved.screens[node] ?? new Uint8Array(), ...(saved.printed ? tail : [])];
      const bytes = concatBytes(parts);
      if (bytes.length === 0) continue;
      channel.screen.append(bytes);
      channel.restored = bytes;
    }
    // Saved between two daemons' starts: the rest start now, before anything else.
    if (this.daemonsPending()) this.enqueue(() => this.startDaemonsFirst());
  }

  terminal(node?: string): TerminalStream {
    const name = node ?? this.nodes[0] ?? 'node1';
    const channel = this.channel(name);
    return {
      write: (bytes) => {
        const copy = bytes.slice();
        this.record((t) => ({ t, k: 'in', n: name, d: copy }));
      },
      onData: (listener) => {
        channel.listeners.add(listener);
        if (channel.restored) {
          const restored = channel.restored;
          channel.restored = undefined;
          listener(restored);
        }
        if (!channel.opened) this.record((t) => ({ t, k: 'open', n: name }), true);
        return () => channel.listeners.delete(listener);
      },
      resize: (cols, rows) => {
        this.record((t) => ({ t, k: 'size', n: name, c: cols, r: rows }), true);
      },
    };
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const node = options.node ?? this.nodes[0] ?? 'node1';
    return new Promise((resolve) => {
      this.enqueue(async () => {
        if (this.closed) return resolve({ exit: 255, output: 'sandbox is closed\n' });
        await this.startDaemonsFirst();
        await this.clock.advanceTo(this.clock.liveNow(), this.settle);
        const event: JournalEvent = { t: this.clock.now(), k: 'exec', n: node, x: command };
        this.remember(event);
        resolve(await this.inner.exec(command, { ...options, node }));
        await this.settle();
      });
    });
  }

  /** The page's language for the simulator's own tools: not state of the model, so not journaled (every hello sets it again). */
  setLocale(locale: string): void {
    this.inner.setLocale?.(locale);
  }

  /** A published port's page (Sandbox.requestPort): curl on the node, journaled as the hidden command it is. */
  requestPort(request: PortRequest): Promise<PortResult> {
    return requestPortWithCurl(this, request);
  }

  /** The topology panel's view (Sandbox.state): read-only, so it is not journaled; with the daemons, once they started. */
  async state(): Promise<SandboxState | undefined> {
    // Asked once a terminal shows its prompt (never before: the prompt does not wait for the daemons).
    if (this.daemonsPending() && [...this.channels.values()].some((channel) => channel.opened)) this.enqueue(() => this.startDaemonsFirst());
    await this.daemonsSettled;
    return this.closed ? undefined : this.inner.state?.();
  }

  /** The journal and screens as they stand, for the store. */
  snapshot(): SavedSandbox {
    const screens: Record<string, Uint8Array> = {};
    const printed: Record<string, number> = {};
    for (const [node, channel] of this.channels) {
      if (channel.screen.size > 0) screens[node] = channel.screen.snapshot();
      if (channel.printed > 0) printed[node] = channel.printed;
    }
    return { v: 1, profile: this.profile, instance: this.instance, seed: this.seed, start: this.start, events: [...this.events], screens, printed };
  }

  /** Called after every journaled event and every output chunk. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Called once when the sandbox is closed (a reset or expiry, never a page unload). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Print a dim notice on every terminal: now on open ones, on the others when they open. */
  notice(text: string): void {
    const bytes = encoder.encode(`\r\n\x1b[2m[${text}]\x1b[0m\r\n`);
    this.notices.push(bytes);
    for (const channel of this.channels.values()) if (channel.opened) this.output(channel, bytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.settleDaemons();
    this.clock.stop();
    await this.inner.close();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  /**
   * Journal an event made at the current logical time, then apply it; in order with everything else.
   * Input waits for the daemons to start (`beforeDaemons` lets a terminal open and resize first: its
   * login shell prints the first prompt without them, and they start right after it).
   */
  private record(make: (t: number) => JournalEvent, beforeDaemons = false): void {
    this.enqueue(async () => {
      if (this.closed) return;
      if (!beforeDaemons) await this.startDaemonsFirst();
      await this.clock.advanceTo(this.clock.liveNow(), this.settle);
      const event = make(this.clock.now());
      this.remember(event);
      await this.apply(event);
      // The page draws the prompt first; the topology panel (state) or the learner's first key asks sooner.
      if (event.k === 'open' && this.daemonsPending()) setTimeout(() => this.enqueue(() => this.startDaemonsFirst()), DAEMONS_AFTER_PROMPT_MS);
    });
  }

  private daemonsPending(): boolean {
    return (this.inner.pendingDaemons?.length ?? 0) > 0;
  }

  /**
   * Live, with daemons still to start: load their code (program-source.ts) and start each, journaled.
   * If the code does not load, the sandbox goes on without them (the next event tries again).
   */
  private async startDaemonsFirst(): Promise<void> {
    if (this.closed || this.replaying || !this.daemonsPending()) return;
    try {
      await loadPrograms();
    } catch (error) {
      console.error('vethlab sandbox worker: dockerd could not start', error);
      this.settleDaemons();
      return;
    }
    for (const node of this.inner.pendingDaemons ?? []) {
      if (this.closed) return;
      await this.clock.advanceTo(this.clock.liveNow(), this.settle);
      const event: JournalEvent = { t: this.clock.now(), k: 'dockerd', n: node };
      this.remember(event);
      await this.apply(event);
    }
    this.settleDaemons();
  }

  private async apply(event: JournalEvent): Promise<void> {
    switch (event.k) {
      case 'open': {
        const channel = this.channel(event.n);
        if (channel.opened) return;
        channel.opened = true;
        for (const bytes of this.notices) this.output(channel, bytes);
        this.inner.terminal(event.n).onData((bytes) => this.printed(channel, bytes));
        break;
      }
      case 'in':
        this.inner.terminal(event.n).write(event.d);
        break;
      case 'size':
        this.inner.terminal(event.n).resize(event.c, event.r);
        return;
      case 'exec':
        await this.inner.exec(event.x, { node: event.n });
        break;
      case 'dockerd':
        this.inner.startDaemon?.(event.n);
        if (!this.daemonsPending()) this.settleDaemons();
        break;
    }
    await this.settle();
  }

  /** The shell's output: counted, and shown unless a restored screen has it already (see the module comment). */
  private printed(channel: Channel, bytes: Uint8Array): void {
    const before = channel.printed;
    channel.printed += bytes.length;
    const unseen = channel.printed <= channel.shown ? undefined : before >= channel.shown ? bytes : bytes.subarray(channel.shown - before);
    if (!unseen) return;
    if (this.replaying) channel.tail.push(unseen.slice());
    else this.output(channel, unseen);
  }

  private output(channel: Channel, bytes: Uint8Array): void {
    if (this.replaying) return;
    channel.screen.append(bytes);
    for (const listener of channel.listeners) listener(bytes);
    this.changed();
  }

  private remember(event: JournalEvent): void {
    // A later resize of the same node supersedes an earlier one with nothing in between.
    const last = this.events.at(-1);
    if (event.k === 'size' && last?.k === 'size' && last.n === event.n) {
      this.events[this.events.length - 1] = event;
    } else {
      this.events.push(event);
      this.journalBytes += EVENT_OVERHEAD + (event.k === 'in' ? event.d.length : event.k === 'exec' ? event.x.length * 2 : 0);
    }
    if (!this.replaying && !this.overBudget && this.journalBytes > JOURNAL_BUDGET_BYTES) {
      this.overBudget = true;
      this.notice(
        'vethlab: this sandbox has grown too big to save in the browser; it will not survive a reload (Reset starts a fresh one) · 沙箱太大，无法保存在浏览器中，刷新后不会保留（“重置”可重新开始）',
      );
    }
    if (!this.replaying) this.changed();
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  private channel(node: string): Channel {
    let channel = this.channels.get(node);
    if (!channel) {
      channel = { listeners: new Set(), screen: new Scrollback(SCREEN_BYTES), opened: false, restored: undefined, printed: 0, shown: 0, tail: [] };
      this.channels.set(node, channel);
    }
    return channel;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      console.error('vethlab sandbox worker:', error);
    });
  }
}
