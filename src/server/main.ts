/**
 * Production entry (`npm start`, `npm run serve`): Astro's standalone node server for the pages and
 * the sandbox WebSocket on the same http.Server. Honours HOST and PORT like the adapter does.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { setQueryTimer } from '../classroom/db/query-timing.ts';
import { closeClassroom, sharedClassroom, startClassroom } from '../classroom/shared.ts';
import { ConfigError, processSettings, type Settings } from '../settings/settings.ts';
import { serverConfig, type ServerConfig } from './config.ts';
import { UnknownDriverError } from './drivers.ts';
import { serveHealth, type HealthOptions } from './health.ts';
import { jsonLogger, type JsonLogger } from './logger.ts';
import { hasMetricsToken, METRICS_PATH, serveMetrics, startMetricsServer } from './metrics-endpoint.ts';
import { createServerMetrics } from './metrics.ts';
import { requestIdOf } from './request-id.ts';
import { startSandboxEndpoint, type SandboxEndpoint } from './sandbox-endpoint.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { precompressedFiles } from './precompressed.ts';
import { publishedPortRoute, redactPortPath } from './published-port-route.ts';
import { ignoreError } from '../errors/ignore-error.ts';
import { LESSON_PAGE_ROUTES, warmUp, warmUpRoutes, warmUpSandbox, warmUpWebSocket } from './warm-up.ts';

/** What @astrojs/node 11's `dist/server/entry.mjs` exports in standalone mode. */
interface AstroNodeEntry {
  startServer(): { server: { server: Server }; done: Promise<unknown> };
}

/** Slow-header clients (Slowloris) are cut off after this (HTTP_HEADERS_TIMEOUT_MS); Node's default is 60 s. */
const HEADERS_TIMEOUT_MS = 15_000;
/** Whole-request limit for plain HTTP (HTTP_REQUEST_TIMEOUT_MS; upgraded sockets are exempt); Node's default is 300 s. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Node checks both timeouts only this often (default 30 s, which would let a slow client stay 45 s). */
const TIMEOUT_CHECK_MS = 1_000;
/** How long open terminals get to close after the 1001 before they are cut. */
const SHUTDOWN_GRACE_MS = 3_000;
/** If shutting down hangs anyway, exit after this. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** Without debug lines until the settings say otherwise. */
let log: JsonLogger = jsonLogger(false);

async function main(): Promise<void> {
  // The adapter starts listening on import unless told not to; we need the server first.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // One line of our own replaces the adapter's multi-line banner.
  process.env.ASTRO_NODE_LOGGING ??= 'disabled';
  process.env.HOST ??= 'localhost';

  let settings: Settings;
  let config: ServerConfig;
  let endpoint: SandboxEndpoint;
  const metrics = createServerMetrics();
  setQueryTimer(metrics.queryTimer);
  try {
    // The one reading of the environment; everything below gets its part of it.
    settings = processSettings();
    log = jsonLogger(settings.debug);
    config = serverConfig(settings);
    endpoint = await startSandboxEndpoint(settings, log, metrics.commandTimer);
    metrics.watch(endpoint);
    // Before the first learner: the first prompt of a cold process took 18–110 ms, later ones 2–5 ms.
    await warmUp('a throwaway sandbox', warmUpSandbox(endpoint.driver, log), log);
    await warmUp('a WebSocket', warmUpWebSocket(), log);
    if (settings.metrics.port !== undefined) {
      await startMetricsServer(metrics.registry, settings.metrics.host, settings.metrics.port);
      log.info(`vethlab: metrics on http://${settings.metrics.host}:${settings.metrics.port}${METRICS_PATH}`);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnknownDriverError) {
      log.error(`vethlab: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const entry = await importAstroEntry();
  // Migrations run before the first request. A database that is down costs the classroom, not the
  // lessons: the classroom tries again on its next request.
  try {
    log.info(`vethlab: ${await startClassroom()}`);
  } catch (error) {
    log.error(`vethlab: classroom database unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const precompressed = await precompressedFiles(fileURLToPath(new URL('../../dist/client', import.meta.url)));
  const { server: standalone, done } = entry.startServer();
  const httpServer = standalone.server;
  // Failures surface on the 'error' listener below; `done` would only repeat them.
  done.catch(ignoreError("the 'error' listener below reports it"));
  const headersTimeout = config.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  httpServer.headersTimeout = headersTimeout;
  httpServer.requestTimeout = Math.max(headersTimeout, config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  // Read by Node when the server starts listening, which is after this tick.
  (httpServer as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(TIMEOUT_CHECK_MS, headersTimeout);
  // The build's .br/.gz copies, ahead of Astro's static handler (which sends files uncompressed).
  precompressed.install(httpServer);
  // Before Astro's handler, so every page, asset and API answer carries them.
  const trustProxy = config.trustProxy ?? false;
  httpServer.prependListener('request', (request, response) => applySecurityHeaders(request, response, { trustProxy }));
  let stopping = false;
  let warm = false;
  const health: HealthOptions = {
    draining: () => stopping,
    warming: () => !warm,
    checks: {
      database: async () => {
        await sql`select 1`.execute((await sharedClassroom()).db);
      },
      sandbox: async () => {
        await endpoint.driver.ping?.();
      },
    },
  };
  // Probes, metrics and the access log come before Astro's handler, which would answer them with a page.
  // The Ports control's pages: a published port of the learner's own sandbox (published-port-route.ts).
  const portRoute = publishedPortRoute(endpoint.registry, { trustProxy });
  const astroHandlers = httpServer.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  httpServer.removeAllListeners('request');
  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    if (serveHealth(response, path, health)) return;
    if (path === METRICS_PATH && settings.metrics.token !== undefined && hasMetricsToken(request, settings.metrics.token)) {
      void serveMetrics(metrics.registry, response);
      return;
    }
    const requestId = requestIdOf(request, trustProxy);
    const startedAt = performance.now();
    response.setHeader('x-request-id', requestId);
    response.once('finish', () => {
      log.request({ requestId, method: request.method ?? '', path: redactPortPath(path), status: response.statusCode, durationMs: Math.round(performance.now() - startedAt) });
    });
    if (portRoute.serve(request, response)) return;
    for (const handler of astroHandlers) handler.call(httpServer, request, response);
  });
  endpoint.sockets.attach(httpServer, { exclusive: true });

  httpServer.on('error', (error: NodeJS.ErrnoException) => {
    log.error(`vethlab: cannot listen on ${process.env.HOST}:${process.env.PORT ?? 4321}: ${error.message}`);
    process.exit(1);
  });
  httpServer.on('listening', () => {
    // Astro loads an on-demand route's code on its first request, blocking every response meanwhile:
    // ask for a lesson page's routes once, on loopback, before saying that the server is up.
    const base = loopbackUrlOf(httpServer);
    void warmUp("a lesson page's routes", base ? warmUpRoutes(base, LESSON_PAGE_ROUTES) : Promise.resolve(), log).then(() => {
      warm = true;
      log.info(`vethlab: listening on ${urlOf(httpServer)} (sandbox driver: ${endpoint.driver.name})`);
    });
  });

  const stop = (signal: string) => {
    if (stopping) {
      log.warn(`vethlab: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`vethlab: ${signal}, shutting down`);
    // Readiness turns 503 at once; everything else is served for SHUTDOWN_DRAIN_MS more, so a load
    // balancer that polls /readyz moves traffic away before the listener closes.
    const drainMs = settings.http.drainMs ?? 0;
    setTimeout(() => process.exit(1), drainMs + SHUTDOWN_DEADLINE_MS).unref();
    setTimeout(() => shutDown(), drainMs);
  };
  const shutDown = () => {
    // 1. Stop accepting; requests in flight (a progress write) go on.
    const requestsDone = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    // Keep-alive connections close as soon as their last response is out, not at the end of the grace.
    setInterval(() => httpServer.closeIdleConnections(), 100).unref();
    void (async () => {
      // 2. Terminals get 1001 and their sessions end.
      await endpoint.close(SHUTDOWN_GRACE_MS);
      // 3. In-flight requests finish, within the grace.
      await Promise.race([requestsDone, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS))]);
      httpServer.closeAllConnections();
      // 4. The database last, after every write that was let in.
      try {
        await closeClassroom();
      } catch (error) {
        log.error(`vethlab: closing the classroom database: ${error instanceof Error ? error.message : String(error)}`);
      }
      log.info('vethlab: stopped');
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // One learner's broken sandbox must not take every other session down with the process.
  process.on('unhandledRejection', (reason) => {
    log.error(`vethlab: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
}

async function importAstroEntry(): Promise<AstroNodeEntry> {
  const url = new URL('../../dist/server/entry.mjs', import.meta.url);
  try {
    return (await import(url.href)) as AstroNodeEntry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('entry.mjs')) {
      log.error('vethlab: dist/server/entry.mjs is missing; run `npm run build` first (or `npm start`, which builds).');
      process.exit(1);
    }
    throw error;
  }
}

/** The server's own URL on this machine: its address, or loopback when it listens on every interface. */
function loopbackUrlOf(server: Server): string | undefined {
  const address = server.address();
  if (address === null || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** The URL to print: the configured host name when there is one, else what the socket says. */
function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const configured = process.env.HOST ?? '';
  const wildcard = configured === '' || configured === '0.0.0.0' || configured === '::';
  const host = wildcard ? 'localhost' : configured.includes(':') ? `[${configured}]` : configured;
  return `http://${host}:${address.port}${wildcard ? ` (all interfaces)` : ''}`;
}

main().catch((error: unknown) => {
  log.error(`vethlab: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
