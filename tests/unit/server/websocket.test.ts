import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerControl } from '../../../src/sandbox/protocol.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from '../../../src/sandbox/connection/sandbox-connection.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { FakeDriver } from './fake-driver.ts';
import { until as pollUntil } from '../../support/until.ts';

interface Harness {
  url: string;
  port: number;
  driver: FakeDriver;
  registry: SessionRegistry;
  sockets: SandboxSocketServer;
  http: Server;
}

const running: Harness[] = [];

async function start(options: { maxSessions?: number; heartbeatMs?: number; limits?: Partial<ConnectionLimits>; allowedOrigins?: string[] } = {}): Promise<Harness> {
  const driver = new FakeDriver(['node1', 'node2']);
  const registry = new SessionRegistry({ driver, ...(options.maxSessions ? { maxSessions: options.maxSessions } : {}) });
  const sockets = createSandboxSocketServer({
    registry,
    log: silentLogger,
    allowedOrigins: options.allowedOrigins ?? [],
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    limits: { ...DEFAULT_CONNECTION_LIMITS, ...options.limits },
  });
  const http = createServer((_req, res) => res.end('page'));
  sockets.attach(http, { exclusive: true });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const port = (http.address() as AddressInfo).port;
  const harness = { url: `ws://127.0.0.1:${port}/ws/sandbox`, port, driver, registry, sockets, http };
  running.push(harness);
  return harness;
}

afterEach(async () => {
  for (const h of running.splice(0)) {
    await h.sockets.close(100);
    await h.registry.close();
    h.http.closeAllConnections();
    await new Promise((resolve) => h.http.close(resolve));
  }
});

/** A client that records control messages and terminal text. */
class Client {
  readonly ws: WebSocket;
  readonly controls: ServerControl[] = [];
  text = '';
  closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.text += data.toString('utf8');
      else this.controls.push(JSON.parse(data.toString('utf8')) as ServerControl);
    });
    this.ws.on('error', () => {});
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  async opened(): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) await once(this.ws, 'open');
  }

  async hello(extra: Record<string, unknown> = {}): Promise<Extract<ServerControl, { type: 'ready' }>> {
    await this.opened();
    this.ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, ...extra }));
    return (await this.control('ready')) as Extract<ServerControl, { type: 'ready' }>;
  }

  async control<T extends ServerControl['type']>(type: T, skip = 0): Promise<Extract<ServerControl, { type: T }>> {
    await until(() => this.controls.filter((c) => c.type === type).length > skip);
    return this.controls.filter((c) => c.type === type)[skip] as Extract<ServerControl, { type: T }>;
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text), { binary: true });
  }
}

/** This file's waits give up after 2000 ms unless a call says otherwise. */
const until = (predicate: () => boolean, timeoutMs = 2000) => pollUntil(predicate, timeoutMs);

/** Whether the server still answers a fresh hello. */
async function stillServes(h: Harness): Promise<boolean> {
  const c = new Client(h.url);
  const ready = await c.hello();
  c.ws.close();
  return ready.type === 'ready';
}

describe('/ws/sandbox', () => {
  it('answers hello with ready, then streams the shell', async () => {
    const h = await start();
    const c = new Client(h.url);
    const ready = await c.hello();
    expect(ready).toEqual({
      type: 'ready',
      session: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
      resumed: false,
      node: 'node1',
      nodes: ['node1', 'node2'],
      driver: 'fake',
      expiresAt: expect.any(Number),
      now: expect.any(Number),
      idleMs: 15 * 60_000,
    });
    await until(() => c.text === 'node1$ ');
    c.type('ls\r');
    await until(() => c.text === 'node1$ ls\r\nnode1$ ');
    expect(h.driver.sandboxes[0]!.terminals.get('node1')!.size).toEqual({ cols: 80, rows: 24 });
  });

  it('resumes a session and replays the screen', async () => {
    const h = await start();
    const first = new Client(h.url);
    const { session } = await first.hello();
    first.type('docker ps\r');
    await until(() => first.text.endsWith('docker ps\r\nnode1$ '));
    first.ws.close();
    const second = new Client(h.url);
    const ready = await second.hello({ session });
    expect(ready).toMatchObject({ session, resumed: true });
    await until(() => second.text === 'node1$ docker ps\r\nnode1$ ');
  });

  it('attaches to another node of the same sandbox', async () => {
    const h = await start();
    const a = new Client(h.url);
    const { session } = await a.hello();
    const b = new Client(h.url);
    expect(await b.hello({ session, node: 'node2' })).toMatchObject({ session, node: 'node2', resumed: true });
    await until(() => b.text === 'node2$ ');
    const c = new Client(h.url);
    await c.opened();
    c.ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, node: 'node9' }));
    expect(await c.control('error')).toMatchObject({ code: 'bad-message' });
    expect((await c.closed).code).toBe(1008);
  });

  it('runs a hidden exec and answers with its result', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    c.ws.send(JSON.stringify({ type: 'exec', id: 'check-1', command: 'docker network ls', node: 'node2' }));
    expect(await c.control('exec-result')).toEqual({
      type: 'exec-result',
      id: 'check-1',
      exit: 0,
      output: 'sandbox 1 ran docker network ls on node2\n',
    });
  });

  it('resets into a fresh sandbox; every terminal of the session follows', async () => {
    const h = await start();
    const a = new Client(h.url);
    const first = await a.hello();
    const b = new Client(h.url);
    await b.hello({ session: first.session, node: 'node2' });
    a.ws.send(JSON.stringify({ type: 'reset' }));
    const next = await a.control('ready', 1);
    expect(next.session).not.toBe(first.session);
    expect(next).toMatchObject({ resumed: false, node: 'node1' });
    expect(await b.control('ready', 1)).toMatchObject({ session: next.session, node: 'node2' });
    expect(h.driver.sandboxes[0]!.closed).toBe(true);
    expect(h.registry.size).toBe(1);
  });

  it('closes a 1 MiB frame with 1009 and keeps serving', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    c.ws.send(Buffer.alloc(1024 * 1024, 0x61), { binary: true });
    expect((await c.closed).code).toBe(1009);
    expect(await stillServes(h)).toBe(true);
  });

  it('answers invalid JSON and unknown message types with an error', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    c.ws.send('{not json');
    expect(await c.control('error')).toMatchObject({ code: 'bad-message', message: 'control frame is not JSON' });
    c.ws.send(JSON.stringify({ type: 'format-disk' }));
    expect(await c.control('error', 1)).toMatchObject({ code: 'bad-message' });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a text frame with invalid UTF-8 with 1007', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await c.closed).code).toBe(1007);
    expect(await stillServes(h)).toBe(true);
  });

  it('passes arbitrary binary input to the terminal', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    c.type('\x1b[A\xff\x00');
    await until(() => h.driver.sandboxes[0]!.terminals.get('node1')!.received.length === 1);
  });

  it('refuses a cross-origin upgrade and accepts its own origin and the allow-list', async () => {
    const h = await start({ allowedOrigins: ['https://course.example'] });
    const evil = new Client(h.url, { Origin: 'https://evil.example' });
    const response = await new Promise<number>((resolve) => evil.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(response).toBe(403);
    const own = new Client(h.url, { Origin: `http://127.0.0.1:${h.port}` });
    expect((await own.hello()).type).toBe('ready');
    const listed = new Client(h.url, { Origin: 'https://course.example' });
    expect((await listed.hello()).type).toBe('ready');
  });

  it('compares the scheme of the origin too: an https page is another site than this http one', async () => {
    const h = await start();
    for (const origin of [`https://127.0.0.1:${h.port}`, `ws://127.0.0.1:${h.port}`, 'null']) {
      const other = new Client(h.url, { Origin: origin });
      const status = await new Promise<number>((resolve) => other.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      expect({ origin, status }).toEqual({ origin, status: 403 });
    }
  });

  it('charges empty binary frames against the input allowance', async () => {
    const h = await start({ limits: { inputBurstBytes: 1024, inputBytesPerSecond: 1 } });
    const c = new Client(h.url);
    await c.hello();
    for (let i = 0; i < 200; i++) c.ws.send(Buffer.alloc(0), { binary: true });
    const refused = await c.control('error');
    expect(refused).toMatchObject({ code: 'rate-limited' });
  });

  it('refuses upgrades on other paths', async () => {
    const h = await start();
    const c = new Client(`ws://127.0.0.1:${h.port}/ws/other`);
    const status = await new Promise<number>((resolve) => c.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });

  it('reports capacity and closes with 1013', async () => {
    const h = await start({ maxSessions: 1 });
    await new Client(h.url).hello();
    const c = new Client(h.url);
    await c.opened();
    c.ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
    expect(await c.control('error')).toMatchObject({ code: 'capacity' });
    expect((await c.closed).code).toBe(1013);
  });

  it('refuses an unknown protocol version', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.opened();
    c.ws.send(JSON.stringify({ type: 'hello', version: 99, cols: 80, rows: 24 }));
    expect(await c.control('error')).toMatchObject({ code: 'bad-message' });
    expect((await c.closed).code).toBe(1008);
  });

  it('tells the terminal when its sandbox expires', async () => {
    const h = await start();
    const c = new Client(h.url);
    const { session } = await c.hello();
    await h.registry.get(session)!.close('expired');
    expect(await c.control('exit')).toMatchObject({ reason: 'expired' });
    expect((await c.closed).code).toBe(1000);
  });

  it('terminates a socket that stops answering pings', async () => {
    const h = await start({ heartbeatMs: 50 });
    const raw = await rawHandshake(h.port);
    await until(() => h.sockets.connectionCount === 1);
    // The raw socket never answers the ping, so the second heartbeat cuts it.
    await once(raw, 'close');
    await until(() => h.sockets.connectionCount === 0);
  });

  it('drops a client that does not read while the terminal floods', async () => {
    const h = await start({ limits: { highWaterBytes: 64 * 1024, lowWaterBytes: 16 * 1024, stallTimeoutMs: 200 } });
    const raw = await rawHandshake(h.port);
    raw.write(maskedTextFrame(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 })));
    await until(() => h.driver.sandboxes.length === 1 && h.driver.sandboxes[0]!.terminals.size === 1);
    raw.pause();
    const terminal = h.driver.sandboxes[0]!.terminals.get('node1')!;
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    for (let i = 0; i < 400 && h.sockets.connectionCount > 0; i++) {
      terminal.emit(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => h.sockets.connectionCount === 0, 5000);
    expect(await stillServes(h)).toBe(true);
    raw.destroy();
  });

  it('closes open terminals with 1001 on shutdown', async () => {
    const h = await start();
    const c = new Client(h.url);
    await c.hello();
    await h.sockets.close(1000);
    expect(await c.control('exit')).toMatchObject({ reason: 'restarted' });
    expect((await c.closed).code).toBe(1001);
  });
});

/** Open a WebSocket by hand (no automatic pong, no reading unless asked). */
async function rawHandshake(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('GET /ws/sandbox HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  const [head] = (await once(socket, 'data')) as [Buffer];
  expect(head.toString()).toMatch(/^HTTP\/1.1 101/);
  socket.on('error', () => {});
  return socket;
}

/** A client text frame (clients must mask) for payloads under 126 bytes. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = payload.map((b, i) => b ^ mask[i % 4]!);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, Buffer.from(masked)]);
}
