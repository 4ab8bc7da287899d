/**
 * The worker as it is built for the browser, dockerd and the shell's language included: a sandbox
 * built before the programs' chunk (which brings the daemon's start; the shell's parser and
 * interpreter come beside it) boots its machines with their daemons' records
 * only, prints the first prompt, and starts each dockerd as a journaled event before anything the
 * learner or a check sends reaches it. Each test loads the worker's modules afresh (nothing loaded).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ServerControl } from '../../../src/sandbox/protocol.ts';
import type { JournalEvent, SavedSandbox } from '../../../src/sandbox/worker/journal.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { until } from '../../support/until.ts';

/** A fresh copy of the worker's modules, the lazy program source in place (as the worker is built): the programs' chunk not loaded yet. */
async function freshWorker() {
  vi.resetModules();
  // A new factory each time: vi.mock's module would survive resetModules, loaded.
  vi.doMock('../../../src/sandbox/sim/userland/program-source.ts', () => import('../../../src/sandbox/worker/lazy-program-source.ts'));
  vi.doMock('../../../src/sandbox/sim/shell/language-source.ts', () => import('../../../src/sandbox/worker/lazy-language-source.ts'));
  const helpers = await import('./helpers.ts');
  const lazy = await import('../../../src/sandbox/worker/lazy-program-source.ts');
  return { ...helpers, programsLoaded: lazy.programsLoaded };
}

/** The daemon's state as the learner can see it, without random ids and MACs. */
const DAEMON_STATE = 'ip -br -4 addr; sysctl net.ipv4.ip_forward; iptables-save | grep -v "^#"; docker network ls --format "{{.Name}} {{.Driver}}"';

const kinds = (saved: SavedSandbox | undefined): JournalEvent['k'][] => saved?.events.map((e) => e.k) ?? [];

describe('dockerd in the browser worker, started after the first prompt', () => {
  afterAll(() => {
    vi.doUnmock('../../../src/sandbox/sim/userland/program-source.ts');
    vi.doUnmock('../../../src/sandbox/sim/shell/language-source.ts');
  });

  it('prints the first prompt before the daemon code is here, and the learner finds the same daemon state as with an eager boot', async () => {
    const worker = await freshWorker();
    const store = new MemoryStore();
    const page = worker.loadPage(store, 4242, { hold: true });
    const conn = page.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    expect(worker.programsLoaded()).toBe(false);
    // Typed before the code is here: held, then run after every dockerd started.
    const late = await worker.run(conn, DAEMON_STATE, 10_000);
    expect(late).toContain('docker0');
    expect(late).toContain('net.ipv4.ip_forward = 1');
    expect(late).toContain(':FORWARD DROP');
    expect(late).toContain('bridge bridge');
    await until(() => kinds(store.records.get('')).includes('in'), 5000, 'save');
    const events = kinds(store.records.get(''));
    expect(events.indexOf('open')).toBeLessThan(events.indexOf('dockerd'));
    expect(events.indexOf('dockerd')).toBeLessThan(events.indexOf('in'));

    // Now loaded: a fresh sandbox boots its daemon with the machine, as on the server.
    const eager = worker.loadPage(new MemoryStore(), 4242, { hold: true });
    const other = eager.connect();
    await until(() => /[#$] $/.test(other.text()), 5000, 'eager prompt');
    const now = await worker.run(other, DAEMON_STATE, 10_000);
    expect(now.replace(/\r/g, '')).toBe(late.replace(/\r/g, ''));
    await page.host.close();
    await eager.host.close();
  }, 30_000);

  it('runs a check sent before the daemon code is here once dockerd started, and journals it after the start', async () => {
    const worker = await freshWorker();
    const store = new MemoryStore();
    const page = worker.loadPage(store, 7, { hold: true });
    const conn = page.connect();
    await until(() => readyOf(conn.controls) !== undefined, 5000, 'ready');
    conn.send({ type: 'exec', id: 'c1', command: 'ip -br link show docker0' });
    await until(() => conn.controls.some((c) => c.type === 'exec-result'), 10_000, 'exec result');
    const result = conn.controls.find((c): c is Extract<ServerControl, { type: 'exec-result' }> => c.type === 'exec-result');
    expect(result?.output).toMatch(/^docker0\s+DOWN/);
    await until(() => kinds(store.records.get('')).includes('exec'), 5000, 'save');
    const events = kinds(store.records.get(''));
    expect(events.indexOf('dockerd')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('dockerd')).toBeLessThan(events.indexOf('exec'));
    await page.host.close();
  }, 30_000);

  it('restores a sandbox whose dockerd started late, on a reload before the code is here, to the same screen and state', async () => {
    const first = await freshWorker();
    const store = new MemoryStore();
    const page = first.loadPage(store, 99, { hold: true });
    const conn = page.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    await first.run(conn, 'docker network create -d bridge net1 >/dev/null', 10_000);
    const before = await first.run(conn, 'ip -o link', 10_000);
    await until(() => kinds(store.records.get('')).filter((k) => k === 'in').length >= 2, 5000, 'save');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const screen = conn.text();

    // The reload: a fresh worker, nothing loaded; the replay waits for the code, then starts dockerd where the journal says.
    const second = await freshWorker();
    expect(second.programsLoaded()).toBe(false);
    const reloaded = second.loadPage(store, 1, { hold: true });
    const again = reloaded.connect('node1', readyOf(conn.controls)?.session);
    await until(() => readyOf(again.controls) !== undefined && again.text().length > 0, 10_000, 'restored');
    expect(reloaded.driver.restored).toBe(1);
    expect(again.text()).toBe(screen);
    const after = await second.run(again, 'ip -o link', 10_000);
    expect(after.replace(/\r/g, '')).toBe(before.replace(/\r/g, ''));
    expect(kinds(store.records.get('')).filter((k) => k === 'dockerd')).toEqual(['dockerd']);

    // The classroom server replays the same journal, sent as JSON, in its own simulator to the same links.
    const { decodeJournal, encodeJournal } = await import('../../../src/sandbox/worker/journal-wire.ts');
    const { withReplayedSandbox } = await import('../../../src/classroom/replay-verification.ts');
    const saved = store.records.get('');
    if (!saved) throw new Error('nothing saved');
    const decoded = decodeJournal(JSON.parse(JSON.stringify(encodeJournal(saved))));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(kinds(decoded.saved)).toEqual(kinds(saved));
    const replayed = await withReplayedSandbox(decoded.saved, async (run) => (await run('ip -o link', 'node1')).output);
    expect(replayed.ok && replayed.value.replace(/\r/g, '')).toBe(
      before
        .replace(/\r/g, '')
        .replace(/^ip -o link\n/, '')
        .replace(/[^\n]*[#$] $/, ''),
    );

    // Closing a page's sandboxes on purpose deletes their record: only once the reload has read it.
    await page.host.close();
    await reloaded.host.close();
  }, 30_000);
});

function readyOf(controls: readonly ServerControl[]): Extract<ServerControl, { type: 'ready' }> | undefined {
  return controls.find((c): c is Extract<ServerControl, { type: 'ready' }> => c.type === 'ready');
}
