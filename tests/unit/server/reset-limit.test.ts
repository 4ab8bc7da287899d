/** Resets start sandboxes (containers with the real driver), so each socket gets a small allowance. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerControl } from '../../../src/sandbox/protocol.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { DEFAULT_CONNECTION_LIMITS } from '../../../src/sandbox/connection/sandbox-connection.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { FakeDriver } from './fake-driver.ts';

let http: Server;
let sockets: SandboxSocketServer;
let registry: SessionRegistry;

afterEach(async () => {
  await sockets.close(100);
  await registry.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

describe('reset allowance', () => {
  it('lets a burst of resets through, then answers rate-limited without starting sandboxes', async () => {
    const driver = new FakeDriver(['node1']);
    registry = new SessionRegistry({ driver });
    sockets = createSandboxSocketServer({ registry, log: silentLogger, limits: { ...DEFAULT_CONNECTION_LIMITS, resetBurst: 3, resetsPerMinute: 1 } });
    http = createServer();
    sockets.attach(http, { exclusive: true });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const ws = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/sandbox`);
    const controls: ServerControl[] = [];
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) controls.push(JSON.parse(data.toString()) as ServerControl);
    });
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
    const readies = () => controls.filter((c) => c.type === 'ready').length;
    const wait = async (predicate: () => boolean) => {
      const deadline = Date.now() + 2000;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(controls)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await wait(() => readies() === 1);
    for (let i = 1; i <= 5; i++) {
      ws.send(JSON.stringify({ type: 'reset' }));
      await wait(() => readies() === Math.min(i, 3) + 1 && (i <= 3 || controls.filter((c) => c.type === 'error').length === i - 3));
    }
    expect(driver.sandboxes).toHaveLength(4);
    expect(controls.filter((c) => c.type === 'error')).toEqual([
      { type: 'error', code: 'rate-limited', message: 'Too many resets; wait a few seconds.' },
      { type: 'error', code: 'rate-limited', message: 'Too many resets; wait a few seconds.' },
    ]);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
