/**
 * The terminal client's "sandbox restarted" notice (onRestarted): after a lost connection whose
 * sandbox is gone, and only then (not on a reset, a resumed reconnect or a stale id at page load).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SandboxClient, type ReadyMessage } from '../../../src/components/terminal/sandbox-client.ts';
import { SESSION_KEY } from '../../../src/components/terminal/session-store.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { FakeDriver } from './fake-driver.ts';
import { until as pollUntil } from '../../support/until.ts';

const storage = new Map<string, string>();
let http: Server;
let registry: SessionRegistry;
let sockets: SandboxSocketServer;
const driver = new FakeDriver();
let url: string;
const clients: SandboxClient[] = [];
/** The server ends of the sockets, to cut one as a network failure would. */
const raw: Duplex[] = [];

function serve(): void {
  registry = new SessionRegistry({ driver });
  sockets = createSandboxSocketServer({ registry, log: silentLogger });
  http.removeAllListeners('upgrade');
  sockets.attach(http, { exclusive: true });
  http.on('upgrade', (_request, socket: Duplex) => raw.push(socket));
}

beforeEach(async () => {
  storage.clear();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  };
  http = createServer();
  serve();
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/sandbox`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await sockets.close(100);
  await registry.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

function client() {
  const seen = { readies: [] as ReadyMessage[], restarted: 0, order: [] as string[] };
  const c = new SandboxClient({
    url,
    node: 'node1',
    size: () => ({ cols: 80, rows: 24 }),
    onOutput: () => {},
    onReady: (ready) => {
      seen.readies.push(ready);
      seen.order.push('ready');
    },
    onRestarted: () => {
      seen.restarted++;
      seen.order.push('restarted');
    },
    onStatus: () => {},
  });
  clients.push(c);
  c.connect();
  return { c, seen };
}

/** This file's waits give up after 5000 ms unless a call says otherwise. */
const until = (predicate: () => boolean, timeoutMs = 5000) => pollUntil(predicate, timeoutMs);

describe('the "sandbox restarted" notice', () => {
  it('comes once, right after the ready of the fresh sandbox, when a restart took the old one', async () => {
    const { c, seen } = client();
    await c.whenReady();
    await sockets.close(500);
    await registry.close();
    serve();
    await until(() => seen.readies.length === 2);
    expect(seen.order).toEqual(['ready', 'ready', 'restarted']);
  });

  it('does not come when the reconnect resumes the same sandbox (a network blip)', async () => {
    const { c, seen } = client();
    await c.whenReady();
    for (const socket of raw.splice(0)) socket.destroy(); // the connection drops; the registry keeps the session
    await until(() => seen.readies.length === 2);
    expect(seen.readies[1]!.resumed).toBe(true);
    expect(seen.restarted).toBe(0);
  });

  it('does not come on a reset or for a stale stored id at page load', async () => {
    storage.set(SESSION_KEY, 'AAAAAAAAAAAAAAAAAAAAAAAA');
    const { c, seen } = client();
    await c.whenReady();
    expect(seen.readies[0]!.resumed).toBe(false);
    c.reset();
    await until(() => seen.readies.length === 2);
    expect(seen.restarted).toBe(0);
  });
});
