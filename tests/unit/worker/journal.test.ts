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
