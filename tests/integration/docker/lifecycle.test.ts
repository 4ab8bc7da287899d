/**
 * Sandboxes end on time and leave nothing behind: TTL and idle reaping, the host's own deadline,
 * orphans after a crash, the capacity limit, and the warm pool's hand-over.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxCapacityError, type DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { LABEL } from '../../../src/sandbox/docker/labels.ts';
import type { DockerSandbox } from '../../../src/sandbox/docker/sandbox.ts';
import { RUN_ID, ensureGuard, eventually, removeRunLeftovers, runContainers, skipReason, sleep, testDriver } from './engine.ts';

const HOUR = 60 * 60_000;
const drivers: DockerDriver[] = [];

/** A driver closed after the file; no background reaping unless a test asks. */
function driverFor(overrides: Parameters<typeof testDriver>[0] = {}): DockerDriver {
  const driver = testDriver({ reapIntervalMs: HOUR, ...overrides });
  drivers.push(driver);
  return driver;
}

async function exists(sandbox: DockerSandbox): Promise<boolean> {
  return (await runContainers({ [LABEL.sandbox]: sandbox.group.id })).length > 0;
}

describe.skipIf(skipReason !== undefined)('docker driver: lifecycle', { timeout: 120_000 }, () => {
  let removeGuard = () => {};

  beforeAll(() => {
    removeGuard = ensureGuard();
  });

  afterAll(async () => {
    await Promise.allSettled(drivers.map((driver) => driver.close()));
    await removeRunLeftovers();
    removeGuard();
  }, 120_000);

  it('reaps a sandbox past its TTL and says so', async () => {
    const reaped: string[] = [];
    // A sandbox host that boots like a stock VM takes about 3 s to create here, and its lifetime may run from
    // the start of create(): a lifetime a few seconds past that, not 2.5 s, leaves it alive at the first reap.
    const ttlMs = 8000;
    const driver = driverFor({ ttlMs, onReap: (_sandbox, reason) => reaped.push(reason) });
    const sandbox = (await driver.create()) as DockerSandbox;
    const created = Date.now();
    await driver.reap();
    expect(await exists(sandbox)).toBe(true);
    await sleep(Math.max(0, created + ttlMs + 100 - Date.now()));
    await driver.reap();
    expect(reaped).toEqual(['expired']);
    expect(await exists(sandbox)).toBe(false);
    expect(driver.stats().active).toBe(0);
  });

  it('reaps an idle sandbox but not one whose terminal is in use', async () => {
    const reaped: string[] = [];
    const driver = driverFor({ idleMs: 2500, onReap: (_sandbox, reason) => reaped.push(reason) });
    const idle = (await driver.create()) as DockerSandbox;
    const busy = (await driver.create()) as DockerSandbox;
    const terminal = busy.terminal();
    terminal.onData(() => {});
    for (let i = 0; i < 6; i++) {
      terminal.write(new TextEncoder().encode('true\r'));
      await sleep(500);
    }
    await driver.reap();
    expect(reaped).toEqual(['idle']);
    expect(await exists(idle)).toBe(false);
    expect(await exists(busy)).toBe(true);
  });

  it('dies at its deadline by itself, with no server left to reap it', async () => {
    const driver = driverFor({ ttlMs: 1000 });
    const sandbox = (await driver.create()) as DockerSandbox;
    // the host's watchdog checks every 5 s; the engine then auto-removes the container
    expect(await eventually(async () => !(await exists(sandbox)), 30_000)).toBe(true);
  });

  it('ends a sandbox whose host stopped on its own, and says so on its terminal', async () => {
    const reaped: string[] = [];
    const driver = driverFor({ onReap: (_sandbox, reason) => reaped.push(reason) });
    await driver.ready();
    const sandbox = (await driver.create()) as DockerSandbox;
    let screen = '';
    sandbox.terminal().onData((bytes) => (screen += new TextDecoder().decode(bytes)));
    expect(await eventually(async () => screen.includes('root@node1:~# '), 10_000)).toBe(true);
    // the learner stops the host's init: tini passes the signal on, the init stops dockerd and exits
    await sandbox.exec('kill -TERM 1');
    expect(await eventually(async () => reaped.includes('died'), 20_000)).toBe(true);
    expect(screen).toContain('vethlab: the sandbox stopped');
    expect(driver.stats().active).toBe(0);
    expect(await exists(sandbox)).toBe(false);
  });

  it('lets any server remove a sandbox past its expiry label', async () => {
    const crashed = driverFor({ ttlMs: 1500, owner: `test-${RUN_ID}-crashed` });
    const sandbox = (await crashed.create()) as DockerSandbox;
    const survivor = driverFor({ owner: `test-${RUN_ID}-survivor` });
    // the label holds whole seconds, rounded up: up to 1 s past the TTL
    await sleep(2600);
    await survivor.reap();
    expect(await exists(sandbox)).toBe(false);
  });

  it('removes the orphans of a crashed server when it starts again', async () => {
    const owner = `test-${RUN_ID}-restart`;
    // a real server process, killed the hard way: no close(), no cleanup of its own
    const server = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/crashing-server.ts', import.meta.url)), owner, RUN_ID], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const ready = await new Promise<boolean>((resolve) => {
        server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve(true));
        server.on('exit', () => resolve(false));
      });
      expect(ready).toBe(true);
    } finally {
      server.kill('SIGKILL');
    }
    // one sandbox and one pooled host were left behind
    expect((await runContainers({ [LABEL.owner]: owner })).length).toBe(2);
    const restarted = driverFor({ owner });
    await restarted.ready();
    expect(await runContainers({ [LABEL.owner]: owner })).toEqual([]);
  });

  it('refuses a session past the capacity limit with a clear message and leaves nothing behind', async () => {
    const owner = `test-${RUN_ID}-capacity`;
    const driver = driverFor({ owner, maxSessions: 1 });
    const first = await driver.create();
    const error = await driver.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxCapacityError);
    expect((error as SandboxCapacityError).code).toBe('capacity');
    expect((error as Error).message).toBe('All 1 sandboxes are in use. Please try again in a few minutes.');
    expect((await runContainers({ [LABEL.owner]: owner })).length).toBe(1);
    await first.close();
    expect(await runContainers({ [LABEL.owner]: owner })).toEqual([]);
    const again = await driver.create();
    await again.close();
  });

  it('counts a sandbox whose lab setup is still running once against the capacity limit', async () => {
    const owner = `test-${RUN_ID}-capacity-setup`;
    const driver = driverFor({ owner, maxSessions: 2 });
    const lab = driver.create({ setup: [{ run: 'sleep 4' }] });
    // the lab's host is up and its setup runs: one sandbox of two, so a second one fits
    expect(await eventually(async () => driver.stats().active === 1, 60_000)).toBe(true);
    const second = await driver.create();
    await second.close();
    await (await lab).close();
    expect(await runContainers({ [LABEL.owner]: owner })).toEqual([]);
  });

  it('hands out a warm sandbox well under a second and refills the pool', async () => {
    const driver = driverFor({ owner: `test-${RUN_ID}-pool`, poolSizes: { default: 1 } });
    await driver.warm();
    const started = Date.now();
    const sandbox = (await driver.create()) as DockerSandbox;
    const result = await sandbox.exec('docker info --format "{{.ServerVersion}}"');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.exit).toBe(0);
    // the session's deadline reached the host's watchdog (grace is 0 in tests)
    expect(await eventually(async () => (await sandbox.exec('cat /run/vethlab/expires')).output.trim() === String(Math.ceil(sandbox.expiresAt / 1000)), 5000)).toBe(true);
    expect(await eventually(async () => driver.stats().pooled.default === 1, 60_000)).toBe(true);
  });
});
