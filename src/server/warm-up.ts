/**
 * Warm-up at start, so the first learners after a (re)start do not pay for what Node loads, compiles
 * and optimises on first use. Measured with bench/first-prompt-server.ts on a fresh process: the first
 * `/api/classroom/me` took 126–950 ms (Astro imports the API route's chunk and the classroom on the
 * first on-demand request, blocking every other response meanwhile, the page's xterm.js among them),
 * and the first terminal's prompt 18–110 ms against 2–5 ms for later ones.
 *
 * Three parts: a throwaway simulated sandbox served through the same connection, registry and session
 * code a learner's terminal goes through (never kept, never counted); a WebSocket handshake and a
 * frame each way through `ws` on a private loopback listener (the server's own would count against
 * the per-address limits); and one request on loopback to each of the on-demand routes every lesson
 * page asks for. Failures are logged and otherwise ignored: a cold server is slower, not broken.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConnectionSocket, ConnectionSocketEvents } from '../sandbox/connection/connection-socket.ts';
import { SandboxConnection } from '../sandbox/connection/sandbox-connection.ts';
import type { Driver, SandboxOptions } from '../sandbox/driver.ts';
import type { Logger } from '../sandbox/logger.ts';
import { PROTOCOL_VERSION, type ClientControl, type ServerControl } from '../sandbox/protocol.ts';
import { SessionRegistry } from '../sandbox/sessions.ts';
import { SANDBOX_FALLBACK_LOCALE } from '../i18n/sandbox-catalog.ts';

/** The warm-up gives up after this long (a machine under heavy load); the server starts regardless. */
export const WARM_UP_TIMEOUT_MS = 10_000;

/**
 * What a lesson page asks the server for: a precompressed page (the home page: every build has it),
 * the classroom banner's question (per language), and a file only Astro's static handler serves.
 */
export const LESSON_PAGE_ROUTES: readonly string[] = ['/', '/api/classroom/me?lang=zh', '/api/classroom/me?lang=en', '/theme-init.js'];

/** A prompt is the end of the output: `…# ` or `…$ `. */
const PROMPT_END = /[#$] $/;

/**
 * Open a terminal, and a second terminal on the same node, on a throwaway sandbox of `driver` and wait
 * for their prompts and the first topology. Only the simulator: another driver's sandbox is a container.
 */
export async function warmUpSandbox(driver: Driver, log: Logger): Promise<void> {
  if (driver.name !== 'simulator') return;
  // Sessions of the kept simulator are written to the database: without session info a sandbox is not kept.
  const unkept: Driver = {
    name: driver.name,
    create: ({ session: _unkept, ...options }: SandboxOptions = {}) => driver.create(options),
    close: async () => undefined,
  };
  const registry = new SessionRegistry({ driver: unkept, onError: (error, context) => log.debug(`warm-up: ${context}: ${String(error)}`) });
  try {
    const first = new MemorySocket();
    new SandboxConnection(first, registry, log);
    // With a locale: the first hello that names one loads the sandbox's string tables.
    const ready = await first.hello({ type: 'hello', version: PROTOCOL_VERSION, locale: SANDBOX_FALLBACK_LOCALE, cols: 80, rows: 24 });
    await first.state;
    const second = new MemorySocket();
    new SandboxConnection(second, registry, log);
    await second.hello({ type: 'hello', version: PROTOCOL_VERSION, session: ready.session, shell: 2, cols: 80, rows: 24 });
    first.hangUp();
    second.hangUp();
  } finally {
    await registry.close('closed');
  }
}

/** One handshake, a text frame and a binary frame each way, through `ws` on a loopback listener of its own. */
export async function warmUpWebSocket(): Promise<void> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, { perMessageDeflate: false });
  try {
    await once(client, 'open');
    for (const frame of ['{"type":"ready"}', Buffer.from('$ ')]) {
      client.send(frame);
      await once(client, 'message');
    }
    client.close();
    await once(client, 'close');
  } finally {
    client.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await new Promise((resolve) => server.close(resolve));
  }
}

/** GET each of `paths` from the server at `baseUrl` (loopback), one after another, as a browser would ask. */
export async function warmUpRoutes(baseUrl: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) await get(`${baseUrl}${path}`);
}

/** Run `work` within WARM_UP_TIMEOUT_MS; a failure or timeout is logged (debug) and swallowed. */
export async function warmUp(what: string, work: Promise<void>, log: Logger): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${WARM_UP_TIMEOUT_MS} ms`)), WARM_UP_TIMEOUT_MS);
    timer.unref();
  });
  const started = performance.now();
  try {
    await Promise.race([work, timeout]);
    log.debug(`warm-up: ${what} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    log.debug(`warm-up: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false, headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** A terminal's transport held in memory: the warm-up plays the page's part. */
class MemorySocket implements ConnectionSocket {
  readonly bufferedAmount = 0;
  /** Resolves with the first topology the connection sends. */
  readonly state: Promise<void>;
  private open = true;
  private events: ConnectionSocketEvents | undefined;
  private output = '';
  private readonly decoder = new TextDecoder();
  private onReady: ((message: Extract<ServerControl, { type: 'ready' }>) => void) | undefined;
  private onPrompt: (() => void) | undefined;
  private onState: (() => void) | undefined;
  private onFailure: ((error: Error) => void) | undefined;

  constructor() {
    this.state = new Promise((resolve) => (this.onState = resolve));
  }

  get isOpen(): boolean {
    return this.open;
  }

  listen(events: ConnectionSocketEvents): void {
    this.events = events;
  }

  /** Send `hello`; resolves with `ready` once the terminal's prompt arrived. */
  hello(message: Extract<ClientControl, { type: 'hello' }>): Promise<Extract<ServerControl, { type: 'ready' }>> {
    const ready = new Promise<Extract<ServerControl, { type: 'ready' }>>((resolve, reject) => {
      this.onFailure = reject;
      this.onReady = resolve;
    });
    const prompted = new Promise<void>((resolve) => (this.onPrompt = resolve));
    this.events?.message(new TextEncoder().encode(JSON.stringify(message)), false);
    return Promise.all([ready, prompted]).then(([answer]) => answer);
  }

  sendText(text: string): void {
    const message = JSON.parse(text) as ServerControl;
    if (message.type === 'ready') this.onReady?.(message);
    else if (message.type === 'state') this.onState?.();
    else if (message.type === 'error') this.onFailure?.(new Error(`${message.code}: ${message.message}`));
  }

  sendBinary(bytes: Uint8Array): void {
    this.output = (this.output + this.decoder.decode(bytes, { stream: true })).slice(-200);
    if (PROMPT_END.test(this.output)) this.onPrompt?.();
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.onFailure?.(new Error(`closed ${code} ${reason}`));
    this.events?.close();
  }

  terminate(): void {
    this.close(1006, 'terminated');
  }

  /** The page went away. */
  hangUp(): void {
    if (!this.open) return;
    this.open = false;
    this.events?.close();
  }
}
