/**
 * The simulator driver whose sandboxes outlive the server: each is a journaled sandbox (the same
 * event sourcing as the in-browser simulator, worker/journal.ts) whose journal and screens are
 * written to a JournalStore shortly after every change, batched across sessions. `resume` rebuilds a
 * session this process does not hold by replaying its journal, and the learner's screen comes back
 * with it. A `kill -9` loses at most the last `flushMs` and the command that was running.
 *
 * One holder writes a journal at a time: `resume` takes the record over, and a process that finds a
 * record of its own taken (on a save, or on the periodic check) reports the session lost, so the
 * server lets it go and its terminals reconnect to wherever it now lives.
 */
import type { Driver, ResumedSandbox, Sandbox, SandboxOptions, SessionInfo } from '../driver.ts';
import { createSimSandbox } from '../sim/driver.ts';
import { withSetup } from '../setup.ts';
import { buildJournaled } from '../worker/browser-driver.ts';
import type { InnerFactory, JournaledSandbox } from '../worker/journal.ts';
import type { Settle } from '../worker/logical-clock.ts';
import { decodeStoredJournal, encodeStoredJournal, fitsStore } from './journal-codec.ts';
import type { JournalStore, JournalWrite } from './journal-store.ts';

/** Changes are written this long after the first one, so a burst of keys (and of sessions) is one write. */
export const DEFAULT_FLUSH_MS = 200;
/** How often a replica checks that it still holds the journals of its sessions. */
export const DEFAULT_HOLD_CHECK_MS = 2_000;
/** How often records past their session's expiry are deleted. */
export const DEFAULT_EXPIRY_SWEEP_MS = 60_000;

export interface KeptSimulatorOptions {
  store: JournalStore;
  /** This process, as the holder of the journals it writes (unique per process start). */
  holder: string;
  flushMs?: number;
  holdCheckMs?: number;
  expirySweepMs?: number;
  now?: () => number;
  /** Builds the simulated sandbox; the real simulator by default (tests may pass a smaller one). */
  create?: (profile: string | undefined) => InnerFactory;
  settle?: Settle;
  newSeed?: () => number;
  /** Failures of the store (reported, never thrown). */
  onError?: (error: unknown, context: string) => void;
}

/** The driver, plus what the server wires to it. */
export interface KeptSimulatorDriver extends Driver {
  onLost(listener: (id: string) => void): void;
  /** Write every pending change now. */
  flush(): Promise<void>;
}

interface Entry {
  info: SessionInfo;
  sandbox: JournaledSandbox;
  /** Not yet in the store: inserted, not updated. */
  isNew: boolean;
  dirty: boolean;
  /** Too big to keep: no longer written (the learner was told). */
  dropped: boolean;
  /** Another process holds it now. */
  lost: boolean;
  stopWatching: () => void;
}

const TOO_BIG_NOTICE = 'vethlab: this sandbox has grown too big to keep across server restarts; it works on, but a restart will start a fresh one · 沙箱太大，服务器重启后将无法保留（仍可继续使用）';

/** The driver named 'simulator', keeping its sandboxes in `options.store`. */
export function createKeptSimulatorDriver(options: KeptSimulatorOptions): KeptSimulatorDriver {
  const { store, holder } = options;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const newSeed = options.newSeed ?? (() => globalThis.crypto.getRandomValues(new Uint32Array(1))[0] || 1);
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const entries = new Map<string, Entry>();
  const lostListeners: ((id: string) => void)[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const build = (profile: string | undefined, seed: number, start: number, instance: string) => buildJournaled({ ...options, wallNow: now }, profile, seed, start, instance);

  const markLost = (ids: readonly string[]) => {
    for (const id of ids) {
      const entry = entries.get(id);
      if (!entry || entry.lost) continue;
      entry.lost = true;
      for (const listener of lostListeners) listener(id);
    }
  };

  /** Write every dirty entry in one batch, after any write under way. */
  const write = (): Promise<void> => {
    writing = writing.then(async () => {
      const batch: Entry[] = [];
      const writes: JournalWrite[] = [];
      for (const entry of entries.values()) {
        if (!entry.dirty || entry.dropped || entry.lost) continue;
        entry.dirty = false;
        const saved = entry.sandbox.snapshot();
        const journal = encodeStoredJournal(saved);
        if (!fitsStore(saved, journal)) {
          entry.dropped = true;
          entry.sandbox.notice(TOO_BIG_NOTICE);
          await store.delete(entry.info.id, holder).catch((error: unknown) => onError(error, 'forgetting a sandbox journal'));
          continue;
        }
        batch.push(entry);
        writes.push({ isNew: entry.isNew, record: { id: entry.info.id, createdAt: entry.info.createdAt, expiresAt: entry.info.expiresAt, profile: saved.profile, journal } });
      }
      if (writes.length === 0) return;
      try {
        const lost = new Set(await store.save(writes, holder));
        for (const entry of batch) if (!lost.has(entry.info.id)) entry.isNew = false;
        markLost([...lost]);
      } catch (error) {
        // Written again with the next change or flush; the store being down costs durability, not the session.
        for (const entry of batch) entry.dirty = true;
        onError(error, 'saving sandbox journals');
      }
    });
    return writing;
  };

  const scheduleFlush = () => {
    if (flushTimer !== undefined || closed) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void write();
    }, flushMs);
  };

  const unrefInterval = (work: () => void, ms: number) => {
    const handle = setInterval(work, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  };
  const holdCheck = unrefInterval(() => {
    const held = [...entries.values()].filter((entry) => !entry.isNew && !entry.lost).map((entry) => entry.info.id);
    if (held.length === 0) return;
    store.lost(held, holder).then(markLost, (error: unknown) => onError(error, 'checking sandbox journals'));
  }, options.holdCheckMs ?? DEFAULT_HOLD_CHECK_MS);
  const sweepExpired = () => void store.deleteExpired(now()).catch((error: unknown) => onError(error, 'deleting expired sandbox journals'));
  const expirySweep = unrefInterval(sweepExpired, options.expirySweepMs ?? DEFAULT_EXPIRY_SWEEP_MS);
  sweepExpired();

  const keep = (info: SessionInfo, sandbox: JournaledSandbox, isNew: boolean): Sandbox => {
    const entry: Entry = { info, sandbox, isNew, dirty: isNew, dropped: false, lost: false, stopWatching: () => undefined };
    entry.stopWatching = sandbox.onChange(() => {
      entry.dirty = true;
      scheduleFlush();
    });
    entries.set(info.id, entry);
    if (isNew) scheduleFlush();
    const forget = () => {
      entry.stopWatching();
      if (entries.get(info.id) === entry) entries.delete(info.id);
    };
    return {
      nodes: sandbox.nodes,
      terminal: (node) => sandbox.terminal(node),
      exec: (command, execOptions) => sandbox.exec(command, execOptions),
      state: () => sandbox.state(),
      // The page's language for the simulator's own tools (explain, help): a kept session speaks it too.
      setLocale: (locale) => sandbox.setLocale(locale),
      async close() {
        forget();
        if (!entry.lost) await writing.then(() => store.delete(info.id, holder)).catch((error: unknown) => onError(error, 'forgetting a sandbox journal'));
        await sandbox.close();
      },
      async suspend() {
        // On shutdown every session suspends at once: the first write takes all of them in one batch.
        if (!entry.lost) await write();
        forget();
        await sandbox.close();
      },
    };
  };

  return {
    name: 'simulator',
    onLost(listener) {
      lostListeners.push(listener);
    },
    flush: () => write(),
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      // A parsed host profile (the replay CLI) is not one the next process could rebuild by name.
      if (sandboxOptions.hosts !== undefined) return withSetup(createSimSandbox({ profile: sandboxOptions.hosts }), sandboxOptions.setup);
      const session = sandboxOptions.session;
      const sandbox = build(sandboxOptions.profile, newSeed(), now(), session?.id ?? 'unkept');
      sandbox.goLive();
      // The setup goes through the journal like any hidden exec, so a resume replays the broken start.
      return withSetup(session ? keep(session, sandbox, true) : sandbox, sandboxOptions.setup);
    },
    async resume(id: string, sandboxOptions: SandboxOptions = {}): Promise<ResumedSandbox | undefined> {
      if (closed || entries.has(id)) return undefined;
      const record = await store.claim(id, sandboxOptions.profile ?? '', holder, now());
      if (!record) return undefined;
      const decoded = decodeStoredJournal(record.journal);
      if (!decoded.ok) {
        onError(new Error(decoded.error), 'reading a sandbox journal');
        await store.delete(id, holder);
        return undefined;
      }
      const { saved } = decoded;
      const sandbox = build(record.profile === '' ? undefined : record.profile, saved.seed, saved.start, saved.instance);
      try {
        await sandbox.replay(saved);
      } catch (error) {
        onError(error, 'replaying a sandbox journal');
        await sandbox.close().catch((closing: unknown) => onError(closing, 'closing a sandbox that could not be replayed'));
        await store.delete(id, holder);
        return undefined;
      }
      sandbox.goLive();
      const session: SessionInfo = { id, createdAt: record.createdAt, expiresAt: record.expiresAt };
      return { sandbox: keep(session, sandbox, false), session };
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(flushTimer);
      clearInterval(holdCheck);
      clearInterval(expirySweep);
      await write();
      const open = [...entries.values()];
      entries.clear();
      await Promise.all(open.map((entry) => entry.sandbox.close()));
    },
  };
}
