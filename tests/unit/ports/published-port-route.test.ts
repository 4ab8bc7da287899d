/** The server's route to a published port: the learner's own session, published ports, GET and HEAD, a sandboxed page. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SessionRegistry, type Session } from '../../../src/sandbox/sessions.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { keptLocation, PORT_CONTENT_SECURITY_POLICY, publishedPortRoute, redactPortPath } from '../../../src/server/published-port-route.ts';

let server: Server;
let base: string;
let registry: SessionRegistry;
let mine: Session;
let theirs: Session;

async function open(): Promise<Session> {
  const opened = await registry.open();
  if (!opened.ok) throw new Error(opened.message);
  return opened.session;
}

beforeAll(async () => {
  registry = new SessionRegistry({ driver: createSimulatorDriver({ clock: 'virtual' }) });
  mine = await open();
  theirs = await open();
  await mine.exec('docker run -d --name web -p 8080:80 nginx');
  await mine.exec('docker run -d --name quiet nginx');
  await theirs.exec('docker run -d -p 9090:80 nginx');
  const route = publishedPortRoute(registry);
  server = createServer((request, response) => {
    if (!route.serve(request, response)) {
      response.statusCode = 418;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await registry.close('closed');
});

const portUrl = (session: Session, node: string, port: number, path = '/') => `${base}/sandbox/${session.id}/port/${node}/${port}${path}`;

it("shows nginx's welcome page in a CSP sandbox, without the course's cookies going anywhere", async () => {
  const response = await fetch(portUrl(mine, 'node1', 8080), { headers: { cookie: 'vethlab-session=secret' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html');
  expect(response.headers.get('content-security-policy')).toBe(PORT_CONTENT_SECURITY_POLICY);
  expect(PORT_CONTENT_SECURITY_POLICY).toMatch(/^sandbox (?!.*allow-same-origin)/);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.text()).toContain('<h1>Welcome to nginx!</h1>');
  const logs = await mine.exec('docker logs web 2>&1 | grep -c "GET / HTTP/1.1"');
  expect(logs.output.trim()).toBe('1');
});

it('answers HEAD with the headers only', async () => {
  const response = await fetch(portUrl(mine, 'node1', 8080), { method: 'HEAD' });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
});

it("refuses another session's port, an unpublished port and an unknown session alike", async () => {
  for (const url of [portUrl(theirs, 'node1', 8080), portUrl(mine, 'node1', 9090), portUrl(mine, 'node1', 80), portUrl(mine, 'node2', 8080), `${base}/sandbox/${'A'.repeat(24)}/port/node1/8080/`]) {
    const response = await fetch(url);
    expect(response.status, url).toBe(404);
    expect(await response.text()).toBe('No such published port.\n');
  }
  // The other session's page is still there for its owner.
  expect((await fetch(portUrl(theirs, 'node1', 9090))).status).toBe(200);
});

it('lets only GET and HEAD through', async () => {
  const response = await fetch(portUrl(mine, 'node1', 8080), { method: 'POST', body: 'x' });
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET, HEAD');
});

it('adds the slash after the port, so relative links stay below it', async () => {
  const response = await fetch(portUrl(mine, 'node1', 8080, ''), { redirect: 'manual' });
  expect(response.status).toBe(308);
  expect(response.headers.get('location')).toBe(`/sandbox/${mine.id}/port/node1/8080/`);
});

it("passes the port's own errors on, and leaves other paths to the site", async () => {
  expect((await fetch(portUrl(mine, 'node1', 8080, '/missing.html'))).status).toBe(404);
  expect((await fetch(`${base}/sandbox/other`)).status).toBe(418);
  expect((await fetch(`${base}/en/`)).status).toBe(418);
});

it('keeps redirects under the port and drops those that lead elsewhere', () => {
  const prefix = '/sandbox/S/port/node1/8080';
  expect(keptLocation('/docs/', prefix)).toBe(`${prefix}/docs/`);
  expect(keptLocation('next.html', prefix)).toBe('next.html');
  expect(keptLocation('http://evil.example/', prefix)).toBeUndefined();
  expect(keptLocation('//evil.example/', prefix)).toBeUndefined();
  expect(keptLocation('javascript:alert(1)', prefix)).toBeUndefined();
});

it('hides the session id in access logs', () => {
  expect(redactPortPath('/sandbox/abcdefghijklmnopqrstuvwx/port/node1/8080/')).toBe('/sandbox/…/port/node1/8080/');
  expect(redactPortPath('/en/lesson/')).toBe('/en/lesson/');
});
