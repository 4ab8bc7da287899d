/**
 * The Docker driver against a stand-in engine on a unix socket that answers /_ping and /info like a
 * rootful engine without user namespaces: it must refuse before creating anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDockerDriver } from '../../../src/sandbox/docker/driver.ts';

interface FakeEngine {
  socketPath: string;
  /** Method and path of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function fakeEngine(securityOptions: string[]): Promise<FakeEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'vethlab-engine-'));
  const socketPath = join(dir, 'docker.sock');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/v[\d.]+/, '');
    requests.push(`${req.method} ${path}`);
    if (path === '/_ping') return res.end('OK');
    res.setHeader('Content-Type', 'application/json');
    if (path === '/info') return res.end(JSON.stringify({ ID: 'fake', SecurityOptions: securityOptions, DefaultRuntime: 'runc', Runtimes: { runc: {} } }));
    if (path.startsWith('/images/')) return res.end('{}');
    if (path.startsWith('/containers/json') || path.startsWith('/networks') || path.startsWith('/volumes')) return res.end('[]');
    res.statusCode = 500;
    res.end(JSON.stringify({ message: `the fake engine does not do ${path}` }));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

describe('docker driver on an engine that would make learners root on the machine', () => {
  let engine: FakeEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('refuses to start sandbox hosts and creates nothing', async () => {
    engine = await fakeEngine(['name=seccomp,profile=default']);
    const driver = createDockerDriver({ endpoint: { socketPath: engine.socketPath }, poolSizes: { default: 0 }, allowRootOnMachine: false }, () => {});
    await expect(driver.create()).rejects.toThrow(/refusing to start sandbox hosts: .* root on this machine .*SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1/);
    await driver.close();
    expect(engine.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('goes ahead on an engine with user namespaces', async () => {
    engine = await fakeEngine(['name=seccomp,profile=default', 'name=userns']);
    const driver = createDockerDriver({ endpoint: { socketPath: engine.socketPath }, poolSizes: { default: 0 } }, () => {});
    await driver.ready();
    expect(driver.isolation()).toBe('userns-remap');
    await driver.close();
  });
});
