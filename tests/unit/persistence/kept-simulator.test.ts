/**
 * Simulator sessions that outlive the server: journals written to a store as commands complete, a new
 * process (or another replica) rebuilding a session from its journal with the learner's screen, and
 * one holder per journal when two replicas meet the same session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKeptSimulatorDriver, type KeptSimulatorDriver } from '../../../src/sandbox/persistence/kept-simulator.ts';
import { MemoryJournalStore } from '../../../src/sandbox/persistence/journal-store.ts';
import { decodeStoredJournal, encodeStoredJournal } from '../../../src/sandbox/persistence/journal-codec.ts';
import { SessionRegistry, type EndReason, type Session } from '../../../src/sandbox/sessions.ts';
import { until } from '../../support/until.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const running: { registry: SessionRegistry; driver: KeptSimulatorDriver }[] = [];

/** One server process over `store`. */
function replica(store: MemoryJournalStore, holder: string) {
  const driver = createKeptSimulatorDriver({ store, holder, flushMs: 10, holdCheckMs: 50, onError: (error) => console.error(error) });
  const registry = new SessionRegistry({ driver });
  driver.onLost((id) => void registry.release(id));
  running.push({ registry, driver });
  return { driver, registry };
}

/** A terminal on `session`'s first node: what it shows, and how it ended. */
function watch(session: Session) {
  let text = '';
  let ended: EndReason | undefined;
  const attachment = session.attach('node1', { output: (bytes) => (text += decoder.decode(bytes)), ended: (reason) => (ended = reason) });
  text += decoder.decode(attachment.replay);
  return {
    text: () => text,
    ended: () => ended,
    async run(command: string) {
      const before = text.length;
      session.input('node1', encoder.encode(`${command}\r`));
      // The echo, a line break, and the prompt again.
      await until(() => text.slice(before).includes('\n') && /# $/.test(text), 10_000, command);
    },
  };
}

/** A new session on `on`, its terminal at a prompt after `commands`, and its journal written. */
async function sessionWith(on: ReturnType<typeof replica>, ...commands: string[]) {
  const opened = await on.registry.open(undefined);
  if (!opened.ok) throw new Error(opened.message);
  const terminal = watch(opened.session);
  await until(() => /# $/.test(terminal.text()), 10_000, 'prompt');
  for (const command of commands) await terminal.run(command);
  await on.driver.flush();
  return { session: opened.session, terminal };
}

afterEach(async () => {
  for (const { registry, driver } of running.splice(0)) {
    await registry.close('closed');
    await driver.close();
  }
});

describe('kept simulator sessions', () => {
  it('a new process rebuilds the session from its journal: same containers, same screen, same lifetime', async () => {
    const store = new MemoryJournalStore();
    const first = replica(store, 'first');
    const opened = await sessionWith(first, 'docker network create kept-net', 'docker run -d --name kept-box --network kept-net busybox sleep 3600');
    expect(store.rows.get(opened.session.id)?.holder).toBe('first');
    // The process dies without a word (kill -9): nothing is closed or suspended.

    const second = replica(store, 'second');
    const resumed = await second.registry.open(opened.session.id);
    if (!resumed.ok) throw new Error(resumed.message);
    expect(resumed.resumed).toBe(true);
    expect(resumed.session.id).toBe(opened.session.id);
    expect(resumed.session.expiresAt).toBe(opened.session.expiresAt);
    const again = watch(resumed.session);
    // The screen comes back as the learner left it.
    expect(again.text()).toContain('kept-net');
    await again.run('docker ps --format "{{.Names}} {{.Status}}"');
    expect(again.text()).toMatch(/kept-box Up/);
    expect((await resumed.session.exec('docker network ls')).output).toContain('kept-net');
    expect(store.rows.get(opened.session.id)?.holder).toBe('second');
  }, 30_000);

  it("speaks the page's language: explain on a kept session follows setLocale", async () => {
    const store = new MemoryJournalStore();
    const { session, terminal } = await sessionWith(replica(store, 'only'), 'docker run -dit --name b1 busybox', 'docker exec b1 ping -c 1 172.17.0.1');
    session.setLocale('zh');
    await terminal.run('explain');
    expect(terminal.text()).toContain('最近一个数据包');
  }, 30_000);

  it('a graceful shutdown keeps the session; ending it (reset, expiry) deletes its journal', async () => {
    const store = new MemoryJournalStore();
    const first = replica(store, 'first');
    const { session, terminal } = await sessionWith(first, 'docker network create after-sigterm');
    const opened = { session };
    await first.registry.close('restarted');
    expect(terminal.ended()).toBe('restarted');
    expect(store.rows.has(opened.session.id)).toBe(true);

    const second = replica(store, 'second');
    const resumed = await second.registry.open(opened.session.id);
    if (!resumed.ok || !resumed.resumed) throw new Error('not resumed');
    expect((await resumed.session.exec('docker network ls')).output).toContain('after-sigterm');
    const reset = await second.registry.reset(opened.session.id);
    if (!reset.ok) throw new Error(reset.message);
    await until(() => !store.rows.has(opened.session.id), 2000, 'journal deleted on reset');
    await second.driver.flush();
    expect(store.rows.has(reset.session.id)).toBe(true);
  }, 30_000);

  it('when another replica takes a session over, the first lets it go and its terminal is told to reconnect', async () => {
    const store = new MemoryJournalStore();
    const a = replica(store, 'a');
    const { session, terminal: onA } = await sessionWith(a, 'docker network create on-a');
    const opened = { session };

    const b = replica(store, 'b');
    const onB = await b.registry.open(opened.session.id);
    if (!onB.ok || !onB.resumed) throw new Error('not resumed on b');
    await until(() => onA.ended() === 'restarted', 2000, 'a let the session go');
    expect(a.registry.get(opened.session.id)).toBeUndefined();
    expect(store.rows.get(opened.session.id)?.holder).toBe('b');
    expect((await onB.session.exec('docker network ls')).output).toContain('on-a');
  }, 30_000);

  it('a session of another profile is not taken over', async () => {
    const store = new MemoryJournalStore();
    const a = replica(store, 'a');
    const opened = await sessionWith(a);
    const b = replica(store, 'b');
    const other = await b.registry.open(opened.session.id, 'two-nodes');
    if (!other.ok) throw new Error(other.message);
    expect(other.resumed).toBe(false);
    expect(store.rows.get(opened.session.id)?.holder).toBe('a');
  }, 30_000);

  it('a stored journal is checked like one from a browser', () => {
    const text = encodeStoredJournal({ v: 1, profile: '', instance: 'x', seed: 7, start: 1000, events: [{ t: 1000, k: 'open', n: 'node1' }], screens: { node1: encoder.encode('hi') } });
    const decoded = decodeStoredJournal(text);
    expect(decoded.ok && decoder.decode(decoded.saved.screens.node1)).toBe('hi');
    expect(decodeStoredJournal(text.replace('"open"', '"rm -rf"')).ok).toBe(false);
    expect(decodeStoredJournal('{').ok).toBe(false);
  });
});
