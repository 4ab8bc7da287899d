/** Opening a published port through the session: only published TCP ports, answered by the model. */
import { afterEach, expect, it } from 'vitest';
import { SessionRegistry, type Session } from '../../../src/sandbox/sessions.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { parseHttpResponse, PORT_USER_AGENT, publishedPorts } from '../../../src/sandbox/published-port.ts';

const registries: SessionRegistry[] = [];
afterEach(async () => {
  for (const registry of registries.splice(0)) await registry.close('closed');
});

async function session(profile?: string): Promise<Session> {
  const registry = new SessionRegistry({ driver: createSimulatorDriver({ clock: 'virtual' }) });
  registries.push(registry);
  const opened = await registry.open(undefined, profile);
  if (!opened.ok) throw new Error(opened.message);
  return opened.session;
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

it("serves nginx's welcome page from a published port, and nginx logs the request", async () => {
  const s = await session();
  expect((await s.exec('docker run -d --name web -p 8080:80 nginx')).exit).toBe(0);
  const got = await s.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' });
  if (!got.ok) throw new Error(got.message);
  expect(got.response.status).toBe(200);
  expect(got.response.headers).toContainEqual(['content-type', 'text/html']);
  expect(text(got.response.body)).toContain('<title>Welcome to nginx!</title>');
  // Sent from the host to its own address, DNAT'ed to the container without MASQUERADE: nginx sees the host's address.
  const logs = await s.exec('docker logs web 2>&1 | grep GET');
  expect(logs.output).toMatch(new RegExp(`^10\\.0\\.2\\.15 - - \\[.*\\] "GET / HTTP/1\\.1" 200 \\d+ "-" "${PORT_USER_AGENT.replace(/[()]/g, '\\$&')}" "-"$`, 'm'));
});

it('answers HEAD without a body and a missing page with 404', async () => {
  const s = await session();
  await s.exec('docker run -d -p 8080:80 nginx');
  const head = await s.requestPort({ node: 'node1', port: 8080, method: 'HEAD', path: '/' });
  expect(head.ok && head.response.status).toBe(200);
  expect(head.ok && head.response.body.length).toBe(0);
  const missing = await s.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/nope.html' });
  expect(missing.ok && missing.response.status).toBe(404);
});

it('refuses ports no container publishes, before the sandbox is asked', async () => {
  const s = await session();
  await s.exec('docker run -d --name web nginx');
  const unpublished = await s.requestPort({ node: 'node1', port: 80, method: 'GET', path: '/' });
  expect(unpublished).toMatchObject({ ok: false, reason: 'not-published' });
  expect((await s.exec('docker logs web 2>&1 | grep GET')).output).toBe('');
  // A port that was published stops being one when its container stops.
  await s.exec('docker run -d --name pub -p 8081:80 nginx');
  expect((await s.requestPort({ node: 'node1', port: 8081, method: 'GET', path: '/' })).ok).toBe(true);
  await s.exec('docker stop pub');
  expect(await s.requestPort({ node: 'node1', port: 8081, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'not-published' });
  expect(await s.requestPort({ node: 'node9', port: 8081, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'not-published' });
  expect(await s.requestPort({ node: 'node1', port: 8081, method: 'GET', path: '/a\r\nX: y' })).toMatchObject({ ok: false, reason: 'not-published' });
});

it("a published port whose container's server is not listening is refused, as curl would be", async () => {
  const s = await session();
  await s.exec('docker run -d -p 8082:80 busybox sleep 3600');
  expect(await s.requestPort({ node: 'node1', port: 8082, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'refused' });
});

it('lists published TCP ports per node, once per host port', async () => {
  const s = await session('two-nodes');
  await s.exec('docker run -d --name web -p 8080:80 nginx', 'node2');
  await s.exec('docker run -d --name dns -p 5353:53/udp busybox sleep 3600', 'node1');
  const state = await s.state();
  if (!state) throw new Error('no state');
  expect(publishedPorts(state)).toEqual([{ node: 'node2', hostIp: '0.0.0.0', hostPort: 8080, containerName: 'web', containerPort: 80 }]);
  expect((await s.requestPort({ node: 'node2', port: 8080, method: 'GET', path: '/' })).ok).toBe(true);
  expect(await s.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' })).toMatchObject({ ok: false, reason: 'not-published' });
});

it('parses status lines and headers, and says when an answer is not HTTP', () => {
  const parsed = parseHttpResponse('HTTP/1.1 301 Moved Permanently\r\nLocation: /x/\r\nServer: nginx\r\n\r\nbody');
  expect(parsed).toMatchObject({
    ok: true,
    response: {
      status: 301,
      headers: [
        ['location', '/x/'],
        ['server', 'nginx'],
      ],
    },
  });
  expect(parseHttpResponse('SSH-2.0-OpenSSH_9.2\r\n')).toMatchObject({ ok: false, reason: 'bad-response' });
});

it("carries the body of httpd's files as bytes: their UTF-8, their type by suffix, their length in bytes", async () => {
  const s = await session();
  expect((await s.exec("docker run -d --name files -p 8083:80 busybox sh -c 'mkdir -p /www && httpd -f -h /www'")).exit).toBe(0);
  await s.exec(`docker exec files sh -c 'echo 你好，容器 > /www/index.html && printf "\\211PNG" > /www/logo.png'`);
  const page = await s.requestPort({ node: 'node1', port: 8083, method: 'GET', path: '/' });
  if (!page.ok) throw new Error(page.message);
  expect(page.response.body).toEqual(new TextEncoder().encode('你好，容器\n'));
  expect(page.response.headers).toContainEqual(['content-length', String(page.response.body.length)]);
  const logo = await s.requestPort({ node: 'node1', port: 8083, method: 'GET', path: '/logo.png' });
  expect(logo.ok && logo.response.headers).toContainEqual(['content-type', 'image/png']);
});

it('keeps every byte value of a body and reads the head as Latin-1', () => {
  const body = Uint8Array.from({ length: 256 }, (_, i) => i);
  const head = new TextEncoder().encode('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n');
  const raw = new Uint8Array(head.length + body.length);
  raw.set(head);
  raw.set(body, head.length);
  const parsed = parseHttpResponse(raw);
  expect(parsed.ok && parsed.response.body).toEqual(body);
  expect(parsed.ok && parsed.response.headers).toEqual([['content-type', 'image/png']]);
});
