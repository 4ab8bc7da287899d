import { describe, expect, it } from 'vitest';
import { createDockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { SandboxCapacityError, SandboxUnavailableError, type Driver } from '../../../src/sandbox/driver.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { isUnreachable, withFallback } from '../../../src/server/fallback-driver.ts';
import type { Logger } from '../../../src/sandbox/logger.ts';
import { readSettings } from '../../../src/settings/settings.ts';
import { FakeDriver } from './fake-driver.ts';

/** A closed unix socket path: nothing listens there, as when dockerd is stopped. */
const NO_ENGINE = { socketPath: '/tmp/vethlab-no-docker-engine.sock' };

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug() {} };
}

function noEngineDriver() {
  return createDockerDriver({ endpoint: NO_ENGINE, poolSizes: {} }, () => {});
}

describe('the Docker driver with no engine', () => {
  it('refuses a sandbox as unavailable, and the registry says so to the terminal', async () => {
    const log = recordingLog();
    const driver = withFallback(noEngineDriver(), { log });
    const registry = new SessionRegistry({ driver, onError: () => {} });
    const opened = await registry.open();
    expect(opened).toEqual({ ok: false, code: 'unavailable', message: 'The docker sandbox engine is unavailable right now; retrying.' });
    expect(log.lines.join('\n')).toMatch(/sandbox driver docker unavailable: no Docker engine answers at \/tmp\/vethlab-no-docker-engine\.sock/);
    await registry.close();
    await driver.close();
  });

  it('serves the sandbox from the fallback driver when one is configured', async () => {
    const fake = new FakeDriver(['node1']);
    const driver = withFallback(noEngineDriver(), { log: recordingLog(), fallback: { name: 'fake', start: async () => fake } });
    const registry = new SessionRegistry({ driver, onError: () => {} });
    const opened = await registry.open();
    expect(opened.ok).toBe(true);
    expect(fake.sandboxes).toHaveLength(1);
    expect(opened.ok && opened.session.driver).toBe('fake');
    await registry.close();
    await driver.close();
  });

  it('serves from the simulator through createDriver with SANDBOX_FALLBACK=simulator', async () => {
    const { createDriver } = await import('../../../src/server/drivers.ts');
    const settings = readSettings({ DOCKER_HOST: `unix://${NO_ENGINE.socketPath}`, SANDBOX_FALLBACK: 'simulator' });
    const driver = await createDriver('docker', { settings });
    const sandbox = await driver.create();
    expect(await sandbox.exec('echo ok')).toEqual({ exit: 0, output: 'ok\n' });
    await sandbox.close();
    await driver.close();
    // Importing the server's drivers transforms most of the simulator: 4.7 s alone on the 2-core CI
    // machine, over the default 5 s whenever the full suite runs beside it.
  }, 30_000);
});

describe('withFallback', () => {
  it('passes capacity and other engine errors through unchanged', async () => {
    const capacity: Driver = { name: 'docker', create: () => Promise.reject(new SandboxCapacityError('full')), close: async () => {} };
    await expect(withFallback(capacity, { log: recordingLog() }).create()).rejects.toBeInstanceOf(SandboxCapacityError);
    const refused: Driver = { name: 'docker', create: () => Promise.reject(new Error('image missing')), close: async () => {} };
    await expect(withFallback(refused, { log: recordingLog() }).create()).rejects.toThrow('image missing');
  });

  it('turns an engine that went away mid-run into unavailable, and logs it back once it answers', async () => {
    let up = false;
    const fake = new FakeDriver(['node1']);
    const flaky: Driver = {
      name: 'docker',
      create: (options) => (up ? fake.create(options) : Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))),
      close: async () => {},
    };
    const log = recordingLog();
    const driver = withFallback(flaky, { log });
    await expect(driver.create()).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(driver.create()).rejects.toBeInstanceOf(SandboxUnavailableError);
    up = true;
    await driver.create();
    expect(log.lines.filter((l) => l.includes('unavailable'))).toHaveLength(1);
    expect(log.lines.at(-1)).toBe('sandbox driver docker answers again');
  });

  it('recognises unreachable errors through their causes', () => {
    expect(isUnreachable(new Error('outer', { cause: Object.assign(new Error('x'), { code: 'ENOENT' }) }))).toBe(true);
    expect(isUnreachable(new Error('409 conflict'))).toBe(false);
  });
});
