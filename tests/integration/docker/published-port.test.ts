/**
 * The Ports control on the real driver: a port published inside the sandbox host answers with
 * nginx's page through the sandbox host (curl to its own published port, over the exec channel),
 * a binary file arrives byte for byte, nginx logs the request, and the session refuses ports nothing publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, Sandbox } from '../../../src/sandbox/driver.ts';
import { SessionRegistry, type Session } from '../../../src/sandbox/sessions.ts';
import { PORT_USER_AGENT } from '../../../src/sandbox/published-port.ts';
import { skipReason, suiteSandbox } from './engine.ts';

describe.skipIf(skipReason !== undefined)('docker driver: published ports open as pages', { timeout: 180_000 }, () => {
  const suite = suiteSandbox();
  let sandbox: Sandbox;
  let session: Session;
  let registry: SessionRegistry;

  beforeAll(async () => {
    sandbox = await suite.start();
    // The session layer over this one sandbox: it checks that a port is published before asking.
    const one: Driver = { name: 'docker', create: async () => sandbox, close: async () => undefined };
    registry = new SessionRegistry({ driver: one });
    const opened = await registry.open();
    if (!opened.ok) throw new Error(opened.message);
    session = opened.session;
  }, 120_000);

  afterAll(async () => {
    await registry?.close('closed');
    await suite.stop();
  }, 120_000);

  it("serves nginx's welcome page from a published port and nginx logs it", async () => {
    const run = await sandbox.exec('docker run -d --name web -p 8080:80 nginx', { timeoutMs: 60_000 });
    expect(run.exit, run.output).toBe(0);
    let got = await session.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' });
    // nginx may need a moment to listen after `docker run -d` returns.
    for (let i = 0; i < 20 && !got.ok; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      got = await session.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' });
    }
    if (!got.ok) throw new Error(`${got.reason}: ${got.message}`);
    expect(got.response.status).toBe(200);
    expect(new TextDecoder().decode(got.response.body)).toContain('Welcome to nginx!');
    expect(got.response.headers.find(([name]) => name === 'content-type')?.[1]).toContain('text/html');
    const logs = await sandbox.exec('docker logs web 2>&1 | grep "GET / "');
    expect(logs.output).toContain(`"${PORT_USER_AGENT}"`);
  });

  it('carries a binary file nginx serves as its bytes, with its type and length', async () => {
    // A PNG signature, a NUL and 0xff: any text decoding on the way would change them.
    const write = await sandbox.exec(`docker exec web sh -c 'printf "\\211PNG\\r\\n\\032\\n\\000\\001\\377" > /usr/share/nginx/html/logo.png'`);
    expect(write.exit, write.output).toBe(0);
    const got = await session.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/logo.png' });
    if (!got.ok) throw new Error(`${got.reason}: ${got.message}`);
    expect(got.response.status).toBe(200);
    expect([...got.response.body]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0xff]);
    expect(got.response.headers).toContainEqual(['content-type', 'image/png']);
    expect(got.response.headers).toContainEqual(['content-length', '11']);
  });

  it('refuses a port nothing publishes, and one whose container stopped', async () => {
    await sandbox.exec('docker run -d --name quiet nginx', { timeoutMs: 60_000 });
    expect(await session.requestPort({ node: 'node1', port: 80, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'not-published' });
    await sandbox.exec('docker stop -t 1 web', { timeoutMs: 30_000 });
    expect(await session.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'not-published' });
  });
});
