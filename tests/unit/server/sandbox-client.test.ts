/**
 * The terminal's protocol client (browser code) against the real socket server, using Node's
 * built-in WebSocket and an in-memory localStorage.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/components/terminal/backoff.ts';
import { escapeThenTab } from '../../../src/components/terminal/focus-escape.ts';
import { FlowWriter } from '../../../src/components/terminal/flow-writer.ts';
import { SandboxClient, type ReadyMessage } from '../../../src/components/terminal/sandbox-client.ts';
import { SESSION_KEY } from '../../../src/components/terminal/session-store.ts';
import { sandboxSocketUrl } from '../../../src/components/terminal/socket-url.ts';
import type { TerminalStatus } from '../../../src/components/terminal/strings.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { FakeDriver } from './fake-driver.ts';
import { until as pollUntil } from '../../support/until.ts';

const storage = new Map<string, string>();
const localStorageShim = {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
};

let http: Server;
let registry: SessionRegistry;
let sockets: SandboxSocketServer;
let driver: FakeDriver;
let url: string;
const clients: SandboxClient[] = [];

beforeEach(async () => {
  storage.clear();
  (globalThis as { localStorage?: unknown }).localStorage = localStorageShim;
  driver = new FakeDriver();
  registry = new SessionRegistry({ driver });
  sockets = createSandboxSocketServer({ registry, log: silentLogger });
  http = createServer();
  sockets.attach(http, { exclusive: true });
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
  const seen = { text: '', statuses: [] as TerminalStatus[], readies: [] as ReadyMessage[] };
  const c = new SandboxClient({
    url,
    node: 'node1',
    size: () => ({ cols: 100, rows: 30 }),
    onOutput: (bytes) => (seen.text += new TextDecoder().decode(bytes)),
    onReady: (ready) => {
      seen.readies.push(ready);
      seen.text = '';
    },
    onStatus: (status) => seen.statuses.push(status),
  });
  clients.push(c);
  c.connect();
  return { c, seen };
}

/** This file's waits give up after 3000 ms unless a call says otherwise. */
const until = (predicate: () => boolean, timeoutMs = 3000) => pollUntil(predicate, timeoutMs);

describe('SandboxClient', () => {
  it('says hello with the terminal size, stores the session and streams the shell', async () => {
    const { c, seen } = client();
    await c.whenReady();
    expect(seen.statuses).toEqual(['connecting', 'connected']);
    expect(storage.get(SESSION_KEY)).toBe(seen.readies[0]!.session);
    expect(driver.sandboxes[0]!.terminals.get('node1')!.size).toEqual({ cols: 100, rows: 30 });
    c.input('ls\r');
    await until(() => seen.text === 'node1$ ls\r\nnode1$ ');
  });

  it('resumes the stored session in a new client (a reload)', async () => {
    const first = client();
    await first.c.whenReady();
    first.c.dispose();
    const second = client();
    await second.c.whenReady();
    expect(second.seen.readies[0]).toMatchObject({ session: first.seen.readies[0]!.session, resumed: true });
  });

  it('reconnects after a server restart and gets a fresh sandbox', async () => {
    const { c, seen } = client();
    await c.whenReady();
    // What SIGTERM does: every socket gets exit "restarted" and 1001, the sessions are gone.
    await sockets.close(1000);
    await registry.close();
    registry = new SessionRegistry({ driver });
    sockets = createSandboxSocketServer({ registry, log: silentLogger });
    http.removeAllListeners('upgrade');
    sockets.attach(http, { exclusive: true });
    await until(() => seen.readies.length === 2, 5000);
    expect(seen.statuses).toContain('reconnecting');
    expect(seen.readies[1]!.resumed).toBe(false);
    expect(storage.get(SESSION_KEY)).toBe(seen.readies[1]!.session);
  });

  it('answers exec with the sandbox result', async () => {
    const { c } = client();
    expect(await c.exec('docker ps')).toEqual({ exit: 0, output: 'sandbox 1 ran docker ps on node1\n' });
  });

  it('moves to a fresh session on reset', async () => {
    const { c, seen } = client();
    await c.whenReady();
    c.reset();
    await until(() => seen.readies.length === 2);
    expect(seen.readies[1]!.session).not.toBe(seen.readies[0]!.session);
    expect(storage.get(SESSION_KEY)).toBe(seen.readies[1]!.session);
  });

  it('starts a fresh sandbox on the next key after expiry', async () => {
    const { c, seen } = client();
    await c.whenReady();
    const old = seen.readies[0]!.session;
    await registry.get(old)!.close('expired');
    await until(() => seen.statuses.at(-1) === 'expired');
    expect(storage.has(SESSION_KEY)).toBe(false);
    c.input('x');
    await until(() => seen.readies.length === 2);
    expect(seen.readies[1]).toMatchObject({ resumed: false });
    expect(seen.readies[1]!.session).not.toBe(old);
  });
});

describe('terminal helpers', () => {
  it('derives ws: and wss: URLs from the page', () => {
    expect(sandboxSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe('ws://127.0.0.1:4321/ws/sandbox');
    expect(sandboxSocketUrl({ protocol: 'https:', host: 'vethlab.example' })).toBe('wss://vethlab.example/ws/sandbox');
  });

  it('backs off exponentially with jitter up to a ceiling', () => {
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 15_000, () => 1)).toBe(15_000);
  });

  it('lets Tab leave the terminal only right after Esc', () => {
    const handler = escapeThenTab();
    const key = (k: string, type = 'keydown') => handler({ key: k, type } as KeyboardEvent);
    expect(key('Tab')).toBe(true);
    expect(key('Escape')).toBe(true);
    expect(key('Escape', 'keyup')).toBe(true);
    expect(key('Tab')).toBe(false);
    expect(key('Tab')).toBe(true);
    expect(key('Escape')).toBe(true);
    expect(key('a')).toBe(true);
    expect(key('Tab')).toBe(true);
  });

  it('hands xterm bounded amounts and runs actions in order', () => {
    const written: string[] = [];
    const callbacks: (() => void)[] = [];
    const writer = new FlowWriter((data, parsed) => {
      written.push(`${data.length}`);
      callbacks.push(parsed);
    });
    const chunk = new Uint8Array(200 * 1024);
    writer.push(chunk);
    writer.push(chunk);
    writer.afterParsed(() => written.push('reset'));
    writer.push(new Uint8Array(10));
    // 200 KiB in flight is under the high-water mark, 400 KiB is over: the third item waits.
    expect(written).toEqual(['204800', '204800']);
    callbacks.shift()!();
    expect(written).toEqual(['204800', '204800']);
    callbacks.shift()!();
    expect(written).toEqual(['204800', '204800', 'reset', '10']);
  });

  it('drops queued output on discard', () => {
    const written: number[] = [];
    const callbacks: (() => void)[] = [];
    const writer = new FlowWriter((data, parsed) => {
      written.push(data.length);
      callbacks.push(parsed);
    });
    writer.push(new Uint8Array(300 * 1024));
    writer.push(new Uint8Array(5));
    writer.discard();
    callbacks.shift()!();
    expect(written).toEqual([300 * 1024]);
  });
});

describe('SandboxClient input', () => {
  it('sends a paste larger than a frame in pieces the server accepts', async () => {
    const { c } = client();
    await c.whenReady();
    c.input('x'.repeat(100 * 1024));
    const terminal = driver.sandboxes[0]!.terminals.get('node1')!;
    await until(() => terminal.received.reduce((n, b) => n + b.length, 0) === 100 * 1024);
    expect(Math.max(...terminal.received.map((b) => b.length))).toBe(16 * 1024);
    expect(c.isReady).toBe(true);
  });
});
