/** The server's warm-up at start (src/server/warm-up.ts): what it runs, and what it must leave behind (nothing). */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Driver, Sandbox, SandboxOptions } from '../../../src/sandbox/driver.ts';
import { silentLogger, type Logger } from '../../../src/sandbox/logger.ts';
import { MemoryJournalStore } from '../../../src/sandbox/persistence/journal-store.ts';
import { createKeptSimulatorDriver } from '../../../src/sandbox/persistence/kept-simulator.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { readiness } from '../../../src/server/health.ts';
import { warmUp, warmUpRoutes, warmUpSandbox, warmUpWebSocket } from '../../../src/server/warm-up.ts';

/** A driver that records what it was asked to create and closes what it made. */
function recording(inner: Driver): { driver: Driver; created: SandboxOptions[]; closed: () => number } {
  const created: SandboxOptions[] = [];
  let closed = 0;
  return {
    created,
    closed: () => closed,
    driver: {
      name: inner.name,
      async create(options: SandboxOptions = {}): Promise<Sandbox> {
        created.push(options);
        const sandbox = await inner.create(options);
        return {
          nodes: sandbox.nodes,
          terminal: (name) => sandbox.terminal(name),
          exec: (command, execOptions) => sandbox.exec(command, execOptions),
          state: () => sandbox.state?.() ?? Promise.resolve(undefined),
          setLocale: (locale) => sandbox.setLocale?.(locale),
          close: async () => {
            closed++;
            await sandbox.close();
          },
        };
      },
      close: () => inner.close(),
    },
  };
}

describe('warm-up', () => {
  it('serves a simulated sandbox to two terminals up to their prompts, then closes it', async () => {
    const { driver, created, closed } = recording(createSimulatorDriver());
    await warmUpSandbox(driver, silentLogger);
    expect(created).toHaveLength(1);
    expect(closed()).toBe(1);
  });

  it('keeps nothing of its sandbox across restarts (the kept simulator writes no journal for it)', async () => {
    const store = new MemoryJournalStore();
    const kept = createKeptSimulatorDriver({ store, holder: 'test', flushMs: 1 });
    const { driver, created } = recording(kept);
    await warmUpSandbox(driver, silentLogger);
    await kept.flush();
    expect(created[0]?.session).toBeUndefined();
    expect(store.rows.size).toBe(0);
    await kept.close();
  });

  it('starts no sandbox on a driver whose sandboxes are containers', async () => {
    const { driver, created } = recording({ ...createSimulatorDriver(), name: 'docker' });
    await warmUpSandbox(driver, silentLogger);
    expect(created).toHaveLength(0);
  });

  it('exchanges frames over a WebSocket of its own and closes its listener', async () => {
    await expect(warmUpWebSocket()).resolves.toBeUndefined();
  });

  it('asks the server for each route once, in order', async () => {
    const asked: string[] = [];
    const server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      await warmUpRoutes(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, ['/api/classroom/me?lang=zh', '/theme-init.js']);
    } finally {
      server.close();
    }
    expect(asked).toEqual(['/api/classroom/me?lang=zh', '/theme-init.js']);
  });

  it('logs a failed step and goes on', async () => {
    const lines: string[] = [];
    const log: Logger = { ...silentLogger, debug: (message) => lines.push(message) };
    await expect(warmUp('the routes', Promise.reject(new Error('connection refused')), log)).resolves.toBeUndefined();
    expect(lines).toEqual(['warm-up: the routes failed: connection refused']);
  });

  it('reports the server unready while it warms up', async () => {
    expect(await readiness({ draining: () => false, warming: () => true, checks: { database: async () => {} } })).toEqual({ ready: false, reason: 'warming up', checks: {} });
  });
});
