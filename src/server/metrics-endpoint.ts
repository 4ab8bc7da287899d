/**
 * Where Prometheus scrapes `/metrics`: a listener of its own (METRICS_PORT, on METRICS_HOST which is
 * loopback unless set), and/or the public port when METRICS_TOKEN is set and sent as a bearer token.
 * Neither set: no metrics are served, since they describe every learner's activity.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

/** Write the registry's exposition text. */
export async function serveMetrics(registry: Registry, response: ServerResponse): Promise<void> {
  try {
    const body = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasMetricsToken(request: IncomingMessage, token: string): boolean {
  const sent = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** A listener that serves only `/metrics`; resolves once it listens. */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if ((request.url ?? '/').split('?', 1)[0] === METRICS_PATH && request.method === 'GET') {
      void serveMetrics(registry, response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
