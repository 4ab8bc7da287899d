/**
 * The terminal's SandboxClient over a transport other than the WebSocket: straight into a worker
 * host in process (what worker-transport.ts does over postMessage), and the fallback offer when the
 * server never answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUEUED_INPUT_BYTES, SandboxClient, type ReadyMessage } from '../../../src/components/terminal/sandbox-client.ts';
import type { TransportKind } from '../../../src/components/terminal/transport.ts';
import { createBrowserDriver } from '../../../src/sandbox/worker/browser-driver.ts';
import { WorkerHost } from '../../../src/sandbox/worker/host.ts';
import type { WorkerMessage } from '../../../src/sandbox/worker/messages.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { until } from './helpers.ts';

const storage = new Map<string, string>();

beforeEach(() => {
  storage.clear();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  };
});

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

/** A transport into `host`, asynchronous like postMessage. */
function hostTransport(host: WorkerHost, routes: Map<number, (m: WorkerMessage) => void>): TransportKind {
  let serial = 0;
  return {
    name: 'worker',
    sessionKey: 'test.browser-session',
    connect(handlers) {
      const c = ++serial;
      let open = false;
      routes.set(c, (m) => {
        if (m.op === 'open') {
          open = true;
          handlers.open();
        } else if (m.op === 'close') {
          open = false;
          handlers.close(m.code);
        } else {
          handlers.message(m.data);
        }
      });
      queueMicrotask(() => host.receive({ c, op: 'open' }));
      return {
        get isOpen() {
          return open;
        },
        send: (data) => host.receive(typeof data === 'string' ? { c, op: 'text', data } : { c, op: 'bin', data }),
        close: (code = 1000) => {
          open = false;
          host.receive({ c, op: 'close', code });
        },
      };
    },
  };
}

/** A worker host in process, with the routes hostTransport delivers its messages by. */
function inProcessHost(): { host: WorkerHost; routes: Map<number, (m: WorkerMessage) => void> } {
  const routes = new Map<number, (m: WorkerMessage) => void>();
  const host = new WorkerHost({
    driver: createBrowserDriver({ store: new MemoryStore() }),
    post: (m) => queueMicrotask(() => routes.get(m.c)?.(m)),
  });
  return { host, routes };
}

describe('SandboxClient over a transport', () => {
  it('attaches to the in-browser host, types, runs hidden checks, and stores the id under the transport key', async () => {
    const { host, routes } = inProcessHost();
    let text = '';
    const readies: ReadyMessage[] = [];
    const client = new SandboxClient({
      url: 'ws://unused.invalid/ws/sandbox',
      node: 'node1',
      size: () => ({ cols: 100, rows: 30 }),
      transport: () => hostTransport(host, routes),
      onOutput: (bytes) => (text += new TextDecoder().decode(bytes)),
      onReady: (ready) => {
        readies.push(ready);
        text = '';
      },
      onStatus: () => {},
    });
    client.connect();
    await client.whenReady();
    await until(() => /# $/.test(text), 5000, 'prompt');
    expect(storage.get('test.browser-session')).toBe(readies[0]!.session);
    expect(storage.has('vethlab.session')).toBe(false);
    client.input('docker network create viaclient\r');
    await until(() => /viaclient[\s\S]*# $/.test(text), 5000, 'command');
    const result = await client.exec('docker network ls');
    expect(result.output).toContain('viaclient');
    client.dispose();
    await host.close();
  });

  it('offers the fallback after repeated failed connects, once, while still retrying', async () => {
    let attempts = 0;
    const never: TransportKind = {
      name: 'websocket',
      sessionKey: 'test.session',
      connect(handlers) {
        attempts++;
        setTimeout(() => handlers.close(1006), 1);
        return { isOpen: false, send() {}, close() {} };
      },
    };
    const offers: string[] = [];
    const client = new SandboxClient({
      url: 'ws://unused.invalid/ws/sandbox',
      node: 'node1',
      size: () => ({ cols: 80, rows: 24 }),
      transport: () => never,
      onOutput: () => {},
      onReady: () => {},
      onStatus: () => {},
      onFallbackOffer: (reason) => offers.push(reason),
    });
    client.connect();
    await until(() => offers.length > 0, 10_000, 'offer');
    expect(offers).toEqual(['unreachable']);
    expect(attempts).toBe(3);
    await until(() => attempts >= 4, 10_000, 'still retrying');
    expect(offers).toHaveLength(1);
    client.dispose();
  }, 20_000);

  it('sends keys typed before it attached once attached, and refuses (once) what does not fit the queue', async () => {
    const { host, routes } = inProcessHost();
    let text = '';
    let refused = 0;
    const client = new SandboxClient({
      url: 'ws://unused.invalid/ws/sandbox',
      node: 'node1',
      size: () => ({ cols: 100, rows: 30 }),
      transport: () => hostTransport(host, routes),
      onOutput: (bytes) => (text += new TextDecoder().decode(bytes)),
      onReady: () => (text = ''),
      onStatus: () => {},
      onInputRefused: () => refused++,
    });
    // Typed before any connection exists: kept.
    client.input('echo typed-early\r');
    expect(client.queuedInputBytes).toBe('echo typed-early\r'.length);
    client.input('x'.repeat(QUEUED_INPUT_BYTES));
    client.input('y');
    expect(refused).toBe(1);
    client.connect();
    await client.whenReady();
    await until(() => /\ntyped-early\r?\n/.test(text), 5000, 'queued command ran');
    expect(client.queuedInputBytes).toBe(0);
    expect(text).not.toContain('xxxx');
    client.dispose();
    await host.close();
  });
});
