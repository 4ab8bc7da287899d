/**
 * A minimal Docker Engine API client over node:http: JSON requests, hijacked (upgraded) streams
 * for exec, and the stdout/stderr demultiplexer. No dockerode: we need a dozen endpoints and
 * full control over the raw exec socket.
 */
import http from 'node:http';
import type { Socket } from 'node:net';

export const ENGINE_API_VERSION = 'v1.41';

/** Where the engine listens: a unix socket or a plain TCP address. */
export type EngineEndpoint = { socketPath: string } | { host: string; port: number };

/** Parse DOCKER_HOST (`unix:///path`, `tcp://host:port`); the default socket when unset. */
export function endpointFromDockerHost(dockerHost: string | undefined): EngineEndpoint {
  if (!dockerHost) return { socketPath: '/var/run/docker.sock' };
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  if (dockerHost.startsWith('tcp://')) {
    const url = new URL(`http://${dockerHost.slice('tcp://'.length)}`);
    return { host: url.hostname, port: url.port ? Number(url.port) : 2375 };
  }
  throw new Error(`DOCKER_HOST "${dockerHost}" is not unix:///path or tcp://host:port`);
}

/** A non-2xx answer from the engine, with the engine's own message. */
export class EngineError extends Error {
  override name = 'EngineError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface RequestOptions {
  /** JSON body. */
  body?: unknown;
  /** Abort after this long (the engine may hang on a wedged container). */
  timeoutMs?: number;
}

export class EngineClient {
  readonly endpoint: EngineEndpoint;
  private readonly agent: http.Agent;

  constructor(endpoint: EngineEndpoint) {
    this.endpoint = endpoint;
    // Keep-alive saves a connect per call; the hot path (a warm start) is a handful of calls.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  }

  /** Call an endpoint and parse its JSON answer (undefined for an empty body); throws EngineError. */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw new EngineError(status, engineMessage(text, status, method, path));
    if (text.length === 0) return undefined as T;
    return (res.headers['content-type'] ?? '').includes('json') ? (JSON.parse(text) as T) : (text as T);
  }

  /** Call an endpoint and hand back the streaming response (logs, events); throws EngineError. */
  async stream(method: string, path: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
    const res = await this.send(method, path, options);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      throw new EngineError(status, engineMessage(await readAll(res), status, method, path));
    }
    return res;
  }

  /**
   * POST with `Upgrade: tcp` and take over the connection: the engine answers 101 and the socket
   * then carries the raw stream both ways (how `docker exec -it` attaches).
   */
  hijack(path: string, body: unknown): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request({
        ...this.target(),
        // a connection of its own: once upgraded it belongs to the exec, never back to a pool
        agent: false,
        method: 'POST',
        path: `/${ENGINE_API_VERSION}${path}`,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          Connection: 'Upgrade',
          Upgrade: 'tcp',
        },
      });
      req.on('upgrade', (_res, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        socket.setNoDelay(true);
        resolve(socket);
      });
      req.on('response', (res) => {
        // No upgrade: an error such as 404 (no such exec) or 409 (container not running).
        void readAll(res).then((text) => {
          const status = res.statusCode ?? 0;
          reject(new EngineError(status, engineMessage(text, status, 'POST', path)));
        }, reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Release pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  private target(): http.RequestOptions {
    return 'socketPath' in this.endpoint ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
  }

  private send(method: string, path: string, options: RequestOptions): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = http.request({
        ...this.target(),
        agent: this.agent,
        method,
        path: `/${ENGINE_API_VERSION}${path}`,
        headers: payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      });
      if (options.timeoutMs !== undefined) {
        req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`${method} ${path} timed out after ${options.timeoutMs} ms`)));
      }
      req.on('response', resolve);
      req.on('error', reject);
      req.end(payload);
    });
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function engineMessage(text: string, status: number, method: string, path: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim() || `${method} ${path} answered ${status}`;
}

/** Which stream a multiplexed frame belongs to (the header's first byte). */
export type StreamKind = 'stdout' | 'stderr';

/**
 * A parser for the engine's multiplexed stream (non-TTY attach/exec): frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) then the payload. Feed it chunks as they arrive;
 * frames may span chunks.
 */
export function createDemuxer(onFrame: (kind: StreamKind, payload: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const length = pending.readUInt32BE(4);
      if (pending.length < 8 + length) break;
      const kind: StreamKind = pending[0] === 2 ? 'stderr' : 'stdout';
      onFrame(kind, pending.subarray(8, 8 + length));
      pending = pending.subarray(8 + length);
    }
  };
}
