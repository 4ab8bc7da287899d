/** Journaled sandboxes: what is recorded, the size budget, and a restore that cannot be done. */
import { describe, expect, it } from 'vitest';
import { createBrowserDriver, simulatorFactory } from '../../../src/sandbox/worker/browser-driver.ts';
import { JOURNAL_BUDGET_BYTES, type JournaledSandbox } from '../../../src/sandbox/worker/journal.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { until } from './helpers.ts';

const decoder = new TextDecoder();

async function open(store: MemoryStore) {
  const driver = createBrowserDriver({ store, saveDelayMs: 5, newSeed: () => 99, onError: () => {} });
  const sandbox = (await driver.create()) as JournaledSandbox;
  let text = '';
  sandbox.terminal('node1').onData((bytes) => (text += decoder.decode(bytes)));
  return { driver, sandbox, text: () => text };
}

describe('journaled sandbox', () => {
  it('journals open, input, resize and hidden execs with logical times', async () => {
    const store = new MemoryStore();
    const { sandbox, text } = await open(store);
    await until(() => /# $/.test(text()), 5000, 'prompt');
    sandbox.terminal('node1').resize(90, 20);
    sandbox.terminal('node1').resize(100, 30);
    sandbox.terminal('node1').write(new TextEncoder().encode('docker network create n1\r'));
    await until(() => (text().match(/# $/gm) ?? []).length >= 1 && text().includes('n1') && /# $/.test(text()), 5000, 'command');
    const result = await sandbox.exec('docker network ls');
    expect(result.output).toContain('n1');
    const kinds = sandbox.snapshot().events.map((e) => e.k);
    // Two resizes in a row are one event: only the last size matters.
    expect(kinds).toEqual(['open', 'size', 'in', 'exec']);
    const times = sandbox.snapshot().events.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    await until(() => store.records.has(''), 2000, 'saved');
    await sandbox.close();
    await until(() => !store.records.has(''), 2000, 'forgotten on close');
  });

  it('stops saving and says so when the journal outgrows its budget', async () => {
    const store = new MemoryStore();
    const { sandbox, text } = await open(store);
    await until(() => /# $/.test(text()), 5000, 'prompt');
    await until(() => store.records.has(''), 2000, 'saved');
    // A huge paste into a comment line: harmless to the shell, heavy for the journal.
    const chunk = new TextEncoder().encode(`#${'x'.repeat(64 * 1024)}`);
    for (let sent = 0; sent <= JOURNAL_BUDGET_BYTES; sent += chunk.length) sandbox.terminal('node1').write(chunk);
    await until(() => sandbox.isOverBudget, 20_000, 'over budget');
    await until(() => text().includes('too big to save'), 5000, 'notice');
    await until(() => !store.records.has(''), 2000, 'record dropped');
    await sandbox.close();
  }, 30_000);

  it('after a save that has a command but not its output (a kill -9), the restored screen shows that output once, then the prompt', async () => {
    const store = new MemoryStore();
    const { sandbox, text } = await open(store);
    await until(() => /# $/.test(text()), 5000, 'prompt');
    sandbox.terminal('node1').write(new TextEncoder().encode('echo first-line\r'));
    await until(() => (text().match(/first-line/g) ?? []).length === 2 && /# $/.test(text()), 5000, 'first command');
    const early = sandbox.snapshot();
    sandbox.terminal('node1').write(new TextEncoder().encode('docker network create late-net\r'));
    await until(() => /[0-9a-f]{64}\r?\n[^\n]*# $/.test(text()), 5000, 'second command');
    // The journal has both commands; the screen and the counts are from before the second one printed.
    const late = sandbox.snapshot();
    const stale = { ...late, screens: early.screens, printed: early.printed };
    await sandbox.close();

    store.records.set('', stale);
    const driver = createBrowserDriver({ store, saveDelayMs: 5, onError: () => {} });
    const restored = (await driver.create()) as JournaledSandbox;
    expect(driver.restored).toBe(1);
    let shown = '';
    restored.terminal('node1').onData((bytes) => (shown += decoder.decode(bytes)));
    await until(() => /# $/.test(shown), 5000, 'restored prompt');
    // What the learner saw, then what they never saw (the network's id), then a prompt; nothing twice.
    expect(shown.match(/first-line/g)).toHaveLength(2);
    expect(shown.match(/late-net/g)).toHaveLength(1);
    expect(shown).toMatch(/late-net\r?\n[0-9a-f]{64}\r?\n[^\n]*# $/);
    expect((await restored.exec('docker network ls')).output).toContain('late-net');
    await restored.close();
  });

  it('starts fresh, with a notice, when the saved journal cannot be replayed', async () => {
    const store = new MemoryStore();
    store.records.set('', { v: 1, profile: '', instance: 'broken', seed: 5, start: Date.UTC(2026, 0, 1), events: [], screens: {} });
    // The first simulator built (the restore) fails, as a model that changed shape under a journal would.
    let builds = 0;
    const driver = createBrowserDriver({
      store,
      saveDelayMs: 5,
      onError: () => {},
      create: (profile) => (clock, random) => {
        if (builds++ === 0) throw new Error('incompatible journal');
        return simulatorFactory(profile)(clock, random);
      },
    });
    const sandbox = (await driver.create()) as JournaledSandbox;
    let text = '';
    sandbox.terminal('node1').onData((bytes) => (text += decoder.decode(bytes)));
    await until(() => text.includes('could not be restored') && /# $/.test(text), 5000, 'fresh sandbox with notice');
    expect(driver.restored).toBe(0);
    await until(() => store.records.get('')?.instance !== 'broken', 2000, 'broken record replaced');
    await sandbox.close();
  });
});
