/** The server's route to a published port: the learner's own session, published ports, GET and HEAD, a sandboxed page. */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SessionRegistry, type Session } from '../../../src/sandbox/sessions.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { keptLocation, PORT_CONTENT_SECURITY_POLICY, PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS, publishedPortRoute, redactPortPath } from '../../../src/server/published-port-route.ts';

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

/** A browser: the key cookie the server set for it, if any. */
interface Browser {
  cookie: string | undefined;
}

/** Ask for a link as the Ports control does; the browser keeps the key cookie. */
async function link(browser: Browser, session: string, node: string, port: number): Promise<Response> {
  const response = await fetch(`${base}/sandbox/port-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(browser.cookie ? { cookie: browser.cookie } : {}) },
    body: JSON.stringify({ session, node, port }),
  });
  const set = response.headers.get('set-cookie');
  if (set) browser.cookie = set.split(';')[0];
  return response;
}

/** The absolute URL of `session`'s `node`:`port` in `browser`. */
async function portUrl(browser: Browser, session: Session, node: string, port: number, path = '/'): Promise<string> {
  const response = await link(browser, session.id, node, port);
  if (!response.ok) throw new Error(`no link: ${response.status}`);
  const { url } = (await response.json()) as { url: string };
  return `${base}${url.slice(0, -1)}${path}`;
}

/** GET `url` as `browser` (with its key cookie). */
const get = (browser: Browser, url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...(browser.cookie ? { cookie: browser.cookie } : {}), ...(init.headers as Record<string, string> | undefined) } });

const learner: Browser = { cookie: undefined };

it("shows nginx's welcome page in a CSP sandbox, without the course's cookies going anywhere", async () => {
  const response = await get(learner, await portUrl(learner, mine, 'node1', 8080), { headers: { cookie: `${learner.cookie}; vethlab-session=secret` } });
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
  const response = await get(learner, await portUrl(learner, mine, 'node1', 8080), { method: 'HEAD' });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
});

it('carries a binary body as bytes, with its type and length', async () => {
  // Every byte value, as a server would send an image: none may be re-encoded on the way.
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const session = binaryPortSession(mine.id, bytes);
  const route = publishedPortRoute({ get: (id: string) => (id === session.id ? session : undefined) } as unknown as SessionRegistry);
  const one = createServer((request, response) => void route.serve(request, response));
  await new Promise<void>((resolve) => one.listen(0, '127.0.0.1', resolve));
  try {
    const at = `http://127.0.0.1:${(one.address() as AddressInfo).port}`;
    const minted = await fetch(`${at}/sandbox/port-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session: session.id, node: 'node1', port: 8080 }),
    });
    const cookie = minted.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { url } = (await minted.json()) as { url: string };
    const response = await fetch(`${at}${url}logo.png`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe('256');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  } finally {
    await new Promise((resolve) => one.close(resolve));
  }
});

it("refuses another session's port, an unpublished port and an unknown session alike", async () => {
  const urls = [await portUrl(learner, mine, 'node1', 9090), await portUrl(learner, mine, 'node1', 80)];
  for (const url of urls) {
    const response = await get(learner, url);
    expect(response.status, url).toBe(404);
    expect(await response.text()).toBe('No such published port.\n');
  }
  // No link for a node the session lacks, nor for a session that does not exist.
  expect((await link(learner, mine.id, 'node2', 8080)).status).toBe(404);
  expect((await link(learner, 'A'.repeat(24), 'node1', 8080)).status).toBe(404);
  // A made-up token opens nothing.
  expect((await get(learner, `${base}/sandbox/port/${'B'.repeat(24)}/`)).status).toBe(404);
  // The other session's page is still there for its owner.
  const owner: Browser = { cookie: undefined };
  expect((await get(owner, await portUrl(owner, theirs, 'node1', 9090))).status).toBe(200);
});

it('puts no session id in the URL, and a stolen URL opens nothing in another browser', async () => {
  const url = await portUrl(learner, mine, 'node1', 8080);
  expect(url).not.toContain(mine.id);
  expect(url).toMatch(/\/sandbox\/port\/[A-Za-z0-9_-]{24}\/$/);
  expect((await get(learner, url)).status).toBe(200);
  // The URL from the history or a Referer, without the key cookie, or with another browser's key.
  expect((await fetch(url)).status).toBe(404);
  const thief: Browser = { cookie: undefined };
  await link(thief, theirs.id, 'node1', 9090);
  expect(thief.cookie).toMatch(/^vl_port_key=/);
  expect(thief.cookie).not.toBe(learner.cookie);
  expect((await get(thief, url)).status).toBe(404);
  // The old form with the session id in the path is gone.
  expect((await fetch(`${base}/sandbox/${mine.id}/port/node1/8080/`)).status).toBe(418);
});

it('sets the key as an HttpOnly cookie below the port pages, and mints links only from JSON POSTs', async () => {
  const fresh = await fetch(`${base}/sandbox/port-links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: mine.id, node: 'node1', port: 8080 }) });
  expect(fresh.headers.get('set-cookie')).toMatch(/^vl_port_key=[A-Za-z0-9_-]{24}; Path=\/sandbox\/port\/; HttpOnly; SameSite=None; Secure$/);
  const form = await fetch(`${base}/sandbox/port-links`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `session=${mine.id}&node=node1&port=8080` });
  expect(form.status).toBe(415);
  expect((await fetch(`${base}/sandbox/port-links`)).status).toBe(405);
});

/** A request with its own Host header (fetch will not send one), answered with its headers and body. */
function requestAs(
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { method: init.method ?? 'GET', headers: { ...init.headers, host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}

it('on plain HTTP off loopback, keys with a Lax cookie and gives the page the course origin without scripts', async () => {
  const host = 'lab.example:4321';
  const minted = await requestAs(host, '/sandbox/port-links', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: mine.id, node: 'node1', port: 8080 }),
  });
  const cookie = String(minted.headers['set-cookie'] ?? '');
  expect(cookie).toMatch(/^vl_port_key=[A-Za-z0-9_-]{24}; Path=\/sandbox\/port\/; HttpOnly; SameSite=Lax$/);
  const { url } = JSON.parse(minted.body) as { url: string };
  const page = await requestAs(host, url, { headers: { cookie: cookie.split(';')[0] ?? '' } });
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toBe(PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS);
  // The course's origin is safe to keep only for a page that runs nothing.
  expect(PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS).toMatch(/^sandbox [^;]*allow-same-origin/);
  expect(PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS).not.toMatch(/allow-scripts|allow-forms|allow-popups-to-escape-sandbox|allow-top-navigation/);
  // An X-Forwarded-Proto this server was not told to trust changes nothing.
  expect((await requestAs(host, url, { headers: { cookie: cookie.split(';')[0] ?? '', 'x-forwarded-proto': 'https' } })).headers['content-security-policy']).toBe(
    PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS,
  );
  expect((await requestAs(host, url)).status).toBe(404);
});

it('lets only GET and HEAD through', async () => {
  const response = await get(learner, await portUrl(learner, mine, 'node1', 8080), { method: 'POST', body: 'x' });
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET, HEAD');
});

it('adds the slash after the port, so relative links stay below it', async () => {
  const url = await portUrl(learner, mine, 'node1', 8080, '');
  const response = await get(learner, url, { redirect: 'manual' });
  expect(response.status).toBe(308);
  expect(response.headers.get('location')).toBe(`${url.slice(base.length)}/`);
  // A query right after the token keeps going with the slash put before it.
  const queried = await get(learner, `${url}?lang=en`, { redirect: 'manual' });
  expect(queried.status).toBe(308);
  expect(queried.headers.get('location')).toBe(`${url.slice(base.length)}/?lang=en`);
});

it("passes the port's own errors on, and leaves other paths to the site", async () => {
  expect((await get(learner, await portUrl(learner, mine, 'node1', 8080, '/missing.html'))).status).toBe(404);
  expect((await fetch(`${base}/sandbox/other`)).status).toBe(418);
  expect((await fetch(`${base}/en/`)).status).toBe(418);
});

it('keeps redirects under the port and drops those that lead elsewhere', () => {
  const prefix = '/sandbox/port/T';
  expect(keptLocation('/docs/', prefix)).toBe(`${prefix}/docs/`);
  expect(keptLocation('next.html', prefix)).toBe('next.html');
  expect(keptLocation('http://evil.example/', prefix)).toBeUndefined();
  expect(keptLocation('//evil.example/', prefix)).toBeUndefined();
  expect(keptLocation('javascript:alert(1)', prefix)).toBeUndefined();
});

it('hides the link token in access logs', () => {
  expect(redactPortPath('/sandbox/port/abcdefghijklmnopqrstuvwx/index.html')).toBe('/sandbox/port/…/index.html');
  expect(redactPortPath('/en/lesson/')).toBe('/en/lesson/');
});

/** A session whose port answers every GET with `bytes` as image/png. */
function binaryPortSession(id: string, bytes: Uint8Array): Session {
  return {
    id,
    hasNode: (node: string) => node === 'node1',
    requestPort: async () => ({ ok: true, response: { status: 200, headers: [['content-type', 'image/png']], body: bytes } }),
  } as unknown as Session;
}
