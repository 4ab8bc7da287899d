/** A live /ws/sandbox on loopback over any driver, recording what reached the error log. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from '../../src/sandbox/driver.ts';
import type { Logger } from '../../src/sandbox/logger.ts';
import { SessionRegistry } from '../../src/sandbox/sessions.ts';
import { createSandboxSocketServer } from '../../src/server/websocket.ts';

export interface SandboxEndpoint {
  url: string;
  registry: SessionRegistry;
  /** Server error log lines and registry errors, in order: a clean run leaves it empty. */
  failures: string[];
  /** Close sockets, sessions, the driver and the HTTP server. */
  close(): Promise<void>;
}

/** Serve `driver` at a fresh loopback port. */
export async function startSandboxEndpoint(driver: Driver): Promise<SandboxEndpoint> {
  const failures: string[] = [];
  const log: Logger = { info() {}, warn() {}, debug() {}, error: (message) => failures.push(message) };
  const registry = new SessionRegistry({ driver, onError: (error) => failures.push(String(error)) });
  const sockets = createSandboxSocketServer({ registry, log });
  const http = createServer((_req, res) => res.end());
  sockets.attach(http, { exclusive: true });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/sandbox`,
    registry,
    failures,
    async close() {
      await sockets.close(100);
      await registry.close();
      await driver.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
