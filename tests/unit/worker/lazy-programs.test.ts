/**
 * The worker as it is built for the browser: programs.ts reaches the programs and the shell its
 * language through the lazy sources (split-plugin.mjs swaps them in), and the page's messages go
 * through InputHold.
 */
import { describe, expect, it, vi } from 'vitest';
import { PROGRAM_MAINS } from '../../../src/sandbox/sim/userland/program-table.ts';
import { PROGRAMS, SHELLS, TOOL_NAMES } from '../../../src/sandbox/sim/userland/programs.ts';
import { programsLoaded } from '../../../src/sandbox/worker/lazy-program-source.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { loadPage, readies, run, until } from './helpers.ts';

vi.mock('../../../src/sandbox/sim/userland/program-source.ts', () => import('../../../src/sandbox/worker/lazy-program-source.ts'));
vi.mock('../../../src/sandbox/sim/shell/language-source.ts', () => import('../../../src/sandbox/worker/lazy-language-source.ts'));

describe('the worker with its programs loaded after the first prompt', () => {
  it('lists every implemented program by name, and implements every listed one', () => {
    const listed = [...PROGRAMS.keys()].filter((name) => !SHELLS.has(name)).sort();
    expect(listed).toEqual([...PROGRAM_MAINS.keys()].sort());
    expect(new Set(TOOL_NAMES).size).toBe(TOOL_NAMES.length);
  });

  it('shows the first prompt without the programs, runs what was typed once they are here, and restores it after a reload', async () => {
    const store = new MemoryStore();
    const first = loadPage(store, 99, { hold: true });
    const conn = first.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    expect(programsLoaded()).toBe(false);
    // Typed at once: held until the programs' code is here, then run in order.
    conn.type('docker run -dit --name box1 busybox\r');
    conn.type('docker exec box1 ip -4 addr show eth0\r');
    await until(() => /inet 172\.17\.0\.2\/16[\s\S]*[#$] $/.test(conn.text()), 10_000, 'both commands');
    expect(programsLoaded()).toBe(true);
    const screen = conn.text();
    await until(() => (store.records.get('')?.events.length ?? 0) > 0 && store.records.get('')?.screens.node1 !== undefined, 5000, 'save');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // "Reload" (see worker-host.test.ts): the replay runs the programs, now loaded, to the same screen.
    const second = loadPage(store, 1, { hold: true });
    const again = second.connect('node1', readies(conn)[0]?.session);
    await until(() => readies(again).length > 0 && again.text().length > 0, 10_000, 'restored ready');
    expect(second.driver.restored).toBe(1);
    expect(again.text()).toBe(screen);
    expect(await run(again, 'docker ps --format "{{.Names}}"')).toContain('box1');
    await first.host.close();
    await second.host.close();
  }, 30_000);
});
