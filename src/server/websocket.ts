/**
 * The sandbox WebSocket endpoints on any Node http.Server (Astro's standalone server in production,
 * Vite's in dev): `/ws/sandbox` (terminals) and `/ws/watch` (an instructor's read-only view of a
 * student's terminal). Owns the upgrade: path filter, Origin check, heartbeats, shutdown.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_CLIENT_FRAME_BYTES } from '../sandbox/protocol.ts';
import { DEFAULT_CONNECTION_LIMITS, SandboxConnection, type ConnectionLimits } from '../sandbox/connection/sandbox-connection.ts';
import type { CommandTimer } from '../sandbox/connection/command-timer.ts';
import type { Logger } from '../sandbox/logger.ts';
import type { ConnectionHooks } from '../sandbox/connection/connection-hooks.ts';
import type { SessionRegistry } from '../sandbox/sessions.ts';
import { IpLimits } from './ip-limits.ts';
import { isAllowedOrigin } from './origin.ts';
import { WatchConnection } from './watch/watch-connection.ts';
import type { WatchHub } from './watch/watch-hub.ts';
import { wsConnectionSocket } from './ws-socket.ts';

/** The one path the terminal connects to. */
export const SANDBOX_WS_PATH = '/ws/sandbox';
/** The read-only watch view: `/ws/watch?class=<classId>&student=<studentId>`. */
export const WATCH_WS_PATH = '/ws/watch';
/** Ping period; a socket that has not answered the previous ping by the next one is dropped. */
export const DEFAULT_HEARTBEAT_MS = 30_000;

export interface SandboxSocketServerOptions {
  registry: SessionRegistry;
  log: Logger;
  /** Origins allowed besides the request's own host (env ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  heartbeatMs?: number;
  limits?: ConnectionLimits;
  /** Per-address socket and connection-rate limits (ip-limits.ts); upgrades beyond them get 429. */
  ipLimits?: IpLimits;
  /** TRUST_PROXY: the Origin's scheme is compared with X-Forwarded-Proto. */
  trustProxy?: boolean;
  /** Per-connection hooks from the upgrade request (the classroom: server-side checks, watching). */
  hooksFor?: (request: IncomingMessage) => ConnectionHooks;
  /** Serve `/ws/watch`: who may watch whom, and the hub of watched terminals. */
  watch?: { hub: WatchHub; mayWatch(request: IncomingMessage, classId: string, studentId: string): Promise<boolean> };
  /** Told every command's latency (the server's metrics). */
  commandTimer?: CommandTimer;
}

/** The endpoint, ready to be attached to one or more http servers. */
export interface SandboxSocketServer {
  /** Take the upgrade when it is for `/ws/sandbox`; returns false (socket untouched) otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Listen for upgrades on `server`. With `exclusive`, upgrades for other paths are refused (production);
   * without it they are left to other listeners such as Vite's HMR (dev). Returns a detach function.
   */
  attach(server: Server, options: { exclusive: boolean }): () => void;
  /** Open sockets. */
  readonly connectionCount: number;
  /** Refuse new sockets, close open ones with 1001, terminate what is left after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** Create the sandbox endpoint over a session registry. */
export function createSandboxSocketServer(options: SandboxSocketServerOptions): SandboxSocketServer {
  const { registry, log } = options;
  const allowedOrigins = options.allowedOrigins ?? [];
  const limits = options.limits ?? DEFAULT_CONNECTION_LIMITS;
  const ipLimits = options.ipLimits ?? new IpLimits();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false });
  const connections = new Map<WebSocket, SandboxConnection | WatchConnection>();
  const alive = new WeakSet<WebSocket>();
  let closing = false;

  const heartbeat = setInterval(() => {
    for (const socket of connections.keys()) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  function track(socket: WebSocket, connection: SandboxConnection | WatchConnection): void {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    socket.on('message', () => alive.add(socket));
    connections.set(socket, connection);
    socket.on('close', () => connections.delete(socket));
  }

  function accept(socket: WebSocket, request: IncomingMessage): void {
    const connection = new SandboxConnection(wsConnectionSocket(socket), registry, log, limits, options.hooksFor?.(request) ?? {});
    if (options.commandTimer) connection.timeCommands(options.commandTimer);
    track(socket, connection);
  }

  /** The watch view's upgrade, once Origin and address limits passed: 404 unless this instructor may watch. */
  function upgradeWatch(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const watch = options.watch;
    const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
    const classId = query.get('class') ?? '';
    const studentId = query.get('student') ?? '';
    if (!watch || !ID.test(classId) || !ID.test(studentId)) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    watch.mayWatch(request, classId, studentId).then(
      (allowed) => {
        if (!allowed || closing || socket.destroyed) {
          refuse(socket, 404, 'Not Found');
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => track(ws, new WatchConnection(wsConnectionSocket(ws), registry, watch.hub, studentId, log)));
      },
      (error: unknown) => {
        log.error(`watch upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      },
    );
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(request.url);
    if (path !== SANDBOX_WS_PATH && path !== WATCH_WS_PATH) return false;
    // A peer that resets mid-handshake must not become an uncaught 'error' event.
    socket.on('error', (error) => log.debug(`sandbox upgrade socket: ${error.message}`));
    if (closing) {
      refuse(socket, 503, 'Service Unavailable');
      return true;
    }
    if (!isAllowedOrigin(request, allowedOrigins, { trustProxy: options.trustProxy ?? false })) {
      log.warn(`refused sandbox socket from origin ${request.headers.origin ?? '(none)'}`);
      refuse(socket, 403, 'Forbidden');
      return true;
    }
    const address = ipLimits.addressOf(request);
    const admitted = ipLimits.admit(address);
    if (!admitted.ok) {
      log.debug(`refused sandbox socket from ${address}: too many ${admitted.reason === 'rate' ? 'new connections' : 'open connections'}`);
      refuse(socket, 429, 'Too Many Requests', admitted.reason === 'rate' ? 'Retry-After: 30\r\n' : '');
      return true;
    }
    // The raw socket closes however the WebSocket ends (or a handshake ws refuses).
    socket.once('close', admitted.release);
    if (path === WATCH_WS_PATH) upgradeWatch(request, socket, head);
    else wss.handleUpgrade(request, socket, head, accept);
    return true;
  }

  return {
    handleUpgrade,
    attach(server, { exclusive }) {
      const listener = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        try {
          if (!handleUpgrade(request, socket, head) && exclusive) refuse(socket, 404, 'Not Found');
        } catch (error) {
          log.error(`sandbox upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
          socket.destroy();
        }
      };
      server.on('upgrade', listener);
      return () => server.off('upgrade', listener);
    },
    get connectionCount() {
      return connections.size;
    },
    async close(graceMs = 5_000) {
      closing = true;
      clearInterval(heartbeat);
      for (const connection of connections.values()) connection.shutdown();
      const deadline = Date.now() + graceMs;
      while (connections.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of connections.keys()) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Class and student ids (128-bit base64url in the classroom). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Answer a refused handshake with a plain HTTP status, as ws itself does, then drop the socket. */
function refuse(socket: Duplex, status: number, text: string, extraHeaders = ''): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extraHeaders}Content-Length: 0\r\n\r\n`);
}
