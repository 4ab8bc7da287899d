import { describe, expect, it } from 'vitest';
import { isSessionIdShape, newSessionId } from '../../../src/sandbox/session-id.ts';
import { SessionRegistry, type EndReason, type IntervalTimers, type Session, type TerminalListener } from '../../../src/sandbox/sessions.ts';
import { FakeDriver } from './fake-driver.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const MIN = 60_000;

/** A clock and interval timer the test moves by hand. */
function fakeTime() {
  let now = 1_000_000;
  const intervals: { callback: () => void; ms: number }[] = [];
  const timers: IntervalTimers = {
    setInterval: (callback, ms) => intervals.push({ callback, ms }),
    clearInterval: (handle) => intervals.splice(Number(handle) - 1, 1),
  };
  return {
    now: () => now,
    timers,
    intervals,
    advance(ms: number) {
      now += ms;
    },
    tick() {
      for (const i of intervals) i.callback();
    },
  };
}

function recorder(): TerminalListener & { text: () => string; ends: { reason: EndReason; next?: Session }[] } {
  const chunks: Uint8Array[] = [];
  const ends: { reason: EndReason; next?: Session }[] = [];
  return {
    output: (bytes) => chunks.push(bytes),
    ended: (reason, next) => ends.push({ reason, ...(next ? { next } : {}) }),
    text: () => chunks.map((c) => dec.decode(c)).join(''),
    ends,
  };
}

async function open(registry: SessionRegistry, id?: string): Promise<{ session: Session; resumed: boolean }> {
  const r = await registry.open(id);
  if (!r.ok) throw new Error(`open failed: ${r.message}`);
  return r;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('session ids', () => {
  it('are 144 random bits in base64url, never repeating', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newSessionId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isSessionIdShape(id)).toBe(true);
    expect(isSessionIdShape('not-an-id')).toBe(false);
  });
});

describe('SessionRegistry', () => {
  it('starts a new session when no id is given', async () => {
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver });
    const { session, resumed } = await open(registry);
    expect(resumed).toBe(false);
    expect(isSessionIdShape(session.id)).toBe(true);
    expect(session.nodes).toEqual(['node1']);
    expect(registry.size).toBe(1);
  });

  it('resumes a live session by id', async () => {
    const registry = new SessionRegistry({ driver: new FakeDriver() });
    const first = await open(registry);
    const again = await open(registry, first.session.id);
    expect(again.resumed).toBe(true);
    expect(again.session).toBe(first.session);
  });

  it('starts afresh for an unknown or malformed id', async () => {
    const registry = new SessionRegistry({ driver: new FakeDriver() });
    const unknown = await open(registry, newSessionId());
    expect(unknown.resumed).toBe(false);
    const malformed = await open(registry, '../../etc/passwd');
    expect(malformed.resumed).toBe(false);
    expect(registry.size).toBe(2);
  });

  it('creates the sandbox with the wanted profile and resumes only a session of that profile', async () => {
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver });
    const plain = await open(registry);
    const swarm = await registry.open(plain.session.id, 'swarm');
    if (!swarm.ok) throw new Error(swarm.message);
    expect(swarm.resumed).toBe(false);
    expect(swarm.session.profile).toBe('swarm');
    expect(driver.sandboxes[1]!.profile).toBe('swarm');
    expect(await registry.open(swarm.session.id, 'swarm')).toMatchObject({ ok: true, resumed: true });
    expect((await open(registry, swarm.session.id)).resumed).toBe(false);
    // The other profile's session stays: another tab may be on a lesson that uses it.
    expect(plain.session.isClosed).toBe(false);
    const reset = await registry.reset(swarm.session.id);
    expect(reset.ok && reset.session.profile).toBe('swarm');
  });

  it('replays the screen to a terminal that attaches later', async () => {
    const registry = new SessionRegistry({ driver: new FakeDriver() });
    const { session } = await open(registry);
    const first = recorder();
    const a = session.attach('node1', first);
    await flush();
    session.input('node1', enc.encode('ls\r'));
    a.detach();
    const second = recorder();
    const b = session.attach('node1', second);
    expect(dec.decode(b.replay)).toBe('node1$ ls\r\nnode1$ ');
    expect(second.text()).toBe('');
    session.input('node1', enc.encode('x'));
    expect(second.text()).toBe('x');
    expect(first.text()).toBe('node1$ ls\r\nnode1$ ');
  });

  it('keeps a scrollback per node', async () => {
    const driver = new FakeDriver(['node1', 'node2']);
    const registry = new SessionRegistry({ driver });
    const { session } = await open(registry);
    session.attach('node1', recorder()).detach();
    session.attach('node2', recorder()).detach();
    await flush();
    session.input('node2', enc.encode('hi'));
    expect(dec.decode(session.attach('node1', recorder()).replay)).toBe('node1$ ');
    expect(dec.decode(session.attach('node2', recorder()).replay)).toBe('node2$ hi');
  });

  it('bounds the scrollback', async () => {
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver, scrollbackBytes: 64 });
    const { session } = await open(registry);
    session.attach('node1', recorder());
    await flush();
    for (let i = 0; i < 100; i++) session.input('node1', enc.encode('0123456789'));
    expect(session.attach('node1', recorder()).replay.length).toBeLessThanOrEqual(64);
  });

  it('reaps a session after its hard TTL even while busy', async () => {
    const time = fakeTime();
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver, now: time.now, timers: time.timers, ttlMs: 60 * MIN, idleMs: 15 * MIN });
    registry.start();
    const { session } = await open(registry);
    const watcher = recorder();
    session.attach('node1', watcher);
    expect(session.expiresAt).toBe(time.now() + 60 * MIN);
    for (let m = 0; m < 59; m++) {
      time.advance(MIN);
      session.input('node1', enc.encode('x'));
      time.tick();
    }
    expect(registry.size).toBe(1);
    time.advance(MIN);
    time.tick();
    expect(registry.size).toBe(0);
    await flush();
    expect(watcher.ends).toEqual([{ reason: 'expired' }]);
    expect(driver.sandboxes[0]!.closed).toBe(true);
    expect((await open(registry, session.id)).resumed).toBe(false);
  });

  it('reaps a session idle for the idle limit; terminal output counts as activity', async () => {
    const time = fakeTime();
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver, now: time.now, timers: time.timers, idleMs: 15 * MIN });
    const { session } = await open(registry);
    session.attach('node1', recorder());
    time.advance(14 * MIN);
    driver.sandboxes[0]!.terminals.get('node1')!.emit('64 bytes from 172.17.0.2\r\n');
    time.advance(14 * MIN);
    expect(registry.sweep()).toBe(0);
    time.advance(1 * MIN);
    expect(registry.sweep()).toBe(1);
    expect(registry.size).toBe(0);
  });

  it('treats an expired but not yet swept id as unknown', async () => {
    const time = fakeTime();
    const registry = new SessionRegistry({ driver: new FakeDriver(), now: time.now, timers: time.timers, idleMs: 15 * MIN });
    const { session } = await open(registry);
    time.advance(15 * MIN);
    const again = await open(registry, session.id);
    expect(again.resumed).toBe(false);
    expect(again.session.id).not.toBe(session.id);
    expect(session.isClosed).toBe(true);
  });

  it('sweeps on the configured interval once started', async () => {
    const time = fakeTime();
    const registry = new SessionRegistry({ driver: new FakeDriver(), now: time.now, timers: time.timers, sweepIntervalMs: 5000 });
    registry.start();
    registry.start();
    expect(time.intervals).toEqual([{ callback: expect.any(Function), ms: 5000 }]);
  });

  it('resets to a fresh sandbox under a new id and moves attached terminals there', async () => {
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver });
    const { session } = await open(registry);
    const other = recorder();
    session.attach('node1', other);
    const r = await registry.reset(session.id);
    if (!r.ok) throw new Error(r.message);
    await flush();
    expect(r.resumed).toBe(false);
    expect(r.session.id).not.toBe(session.id);
    expect(driver.sandboxes[0]!.closed).toBe(true);
    expect(other.ends).toEqual([{ reason: 'reset', next: r.session }]);
    expect(registry.get(session.id)).toBeUndefined();
    expect(registry.size).toBe(1);
  });

  it('refuses a new session at capacity, counting sandboxes still being created', async () => {
    const driver = new FakeDriver();
    const registry = new SessionRegistry({ driver, maxSessions: 2 });
    let release!: () => void;
    driver.gate = new Promise((resolve) => (release = resolve));
    const a = registry.open();
    const b = registry.open();
    const c = await registry.open();
    expect(c).toEqual({ ok: false, code: 'capacity', message: expect.stringContaining('try again') });
    release();
    expect((await a).ok).toBe(true);
    expect((await b).ok).toBe(true);
    driver.gate = undefined;
    const first = (await a) as { session: Session };
    // A full server still resumes and resets existing sessions.
    expect((await registry.open(first.session.id)).ok).toBe(true);
    expect((await registry.reset(first.session.id)).ok).toBe(true);
    expect((await registry.open()).ok).toBe(false);
  });

  it('reports a driver failure as a value', async () => {
    const driver = new FakeDriver();
    const errors: string[] = [];
    const registry = new SessionRegistry({ driver, onError: (_e, context) => errors.push(context) });
    driver.failNext = true;
    expect(await registry.open()).toEqual({ ok: false, code: 'internal', message: expect.any(String) });
    expect(errors).toEqual(['creating a sandbox']);
    expect(registry.size).toBe(0);
  });

  it('turns a failing exec into a non-zero exit', async () => {
    const registry = new SessionRegistry({ driver: new FakeDriver() });
    const { session } = await open(registry);
    expect(await session.exec('docker ps')).toEqual({ exit: 0, output: 'sandbox 1 ran docker ps on node1\n' });
    expect((await session.exec('fail')).exit).toBe(255);
  });

  it('closes every session on shutdown and refuses new ones', async () => {
    const driver = new FakeDriver();
    const time = fakeTime();
    const registry = new SessionRegistry({ driver, timers: time.timers });
    registry.start();
    const { session } = await open(registry);
    await open(registry);
    const watcher = recorder();
    session.attach('node1', watcher);
    await registry.close();
    expect(driver.sandboxes.every((s) => s.closed)).toBe(true);
    expect(watcher.ends).toEqual([{ reason: 'restarted' }]);
    expect(time.intervals).toHaveLength(0);
    expect((await registry.open()).ok).toBe(false);
  });
});
