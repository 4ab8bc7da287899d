/** An unknown host profile is refused the same way by every driver, and on the wire as a bad request. */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { UnknownProfileError, type Driver } from '../../../src/sandbox/driver.ts';
import type { ServerControl } from '../../../src/sandbox/protocol.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { startSandboxEndpoint } from '../../support/sandbox-endpoint.ts';
import { until } from '../../support/until.ts';
import { loadPage } from '../worker/helpers.ts';

const REFUSAL = 'unknown host profile "three-nodes" (known: default, two-nodes)';

/** A Docker driver whose engine socket does not exist: it never reaches an engine, its checks still run. */
function engineLessDockerDriver(): Driver {
  return createDockerDriver({ endpoint: { socketPath: '/nonexistent/vethlab-test/docker.sock' }, poolSizes: {} }, () => {});
}

describe('unknown host profile', () => {
  it.each([
    ['simulator', () => createSimulatorDriver({ clock: 'virtual' })],
    ['docker', engineLessDockerDriver],
  ])('the %s driver refuses it with UnknownProfileError, never a fallback', async (_name, make) => {
    const driver = make();
    try {
      const created = driver.create({ profile: 'three-nodes' });
      await expect(created).rejects.toBeInstanceOf(UnknownProfileError);
      await expect(created).rejects.toThrow(REFUSAL);
    } finally {
      await driver.close();
    }
  });

  it('is a bad-message error and close 1008 on /ws/sandbox, with nothing in the error log', async () => {
    const endpoint = await startSandboxEndpoint(createSimulatorDriver({ clock: 'virtual' }));
    try {
      const ws = new WebSocket(endpoint.url);
      const controls: ServerControl[] = [];
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) controls.push(JSON.parse(data.toString('utf8')) as ServerControl);
      });
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await once(ws, 'open');
      ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, profile: 'three-nodes' }));
      expect(await closed).toBe(1008);
      expect(controls).toEqual([{ type: 'error', code: 'bad-message', message: REFUSAL }]);
      expect(endpoint.failures).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  it('is the same refusal from the in-browser worker', async () => {
    const page = loadPage(new MemoryStore());
    const connection = page.connect('node1', undefined, 'three-nodes');
    await until(() => connection.closed !== undefined, 5000, 'close');
    expect(connection.closed).toBe(1008);
    expect(connection.controls.filter((m) => m.type === 'error')).toContainEqual({ type: 'error', code: 'bad-message', message: REFUSAL });
    await page.host.close();
  });
});
