import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { IpLimits, type IpLimitSettings } from '../../../src/server/ip-limits.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { FakeDriver } from './fake-driver.ts';

const servers: { http: Server; sockets: SandboxSocketServer; registry: SessionRegistry }[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    await s.sockets.close(100);
    await s.registry.close();
    s.http.closeAllConnections();
    await new Promise((resolve) => s.http.close(resolve));
  }
});

async function start(settings: Partial<IpLimitSettings>): Promise<string> {
  const registry = new SessionRegistry({ driver: new FakeDriver(['node1']) });
  const ipLimits = new IpLimits({ maxConnectionsPerIp: 100, sessionsPerIpPerMinute: 100, trustProxy: false, ...settings });
  const sockets = createSandboxSocketServer({ registry, log: silentLogger, ipLimits });
  const http = createServer((_req, res) => res.end('page'));
  sockets.attach(http, { exclusive: true });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  servers.push({ http, sockets, registry });
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/sandbox`;
}

/** Open a socket: 'open', or the HTTP status of the refused upgrade with its Retry-After. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; status: number; retryAfter?: string }> {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ ws, status: 101 }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
  });
}

describe('IpLimits', () => {
  it('admits up to the open-connection limit per address and again after a release', () => {
    const limits = new IpLimits({ maxConnectionsPerIp: 2, sessionsPerIpPerMinute: 100, trustProxy: false });
    const a = limits.admit('10.0.0.1');
    const b = limits.admit('10.0.0.1');
    expect(a.ok && b.ok).toBe(true);
    expect(limits.admit('10.0.0.1')).toEqual({ ok: false, reason: 'connections' });
    expect(limits.admit('10.0.0.2').ok).toBe(true);
    if (a.ok) a.release();
    if (a.ok) a.release(); // twice is harmless
    expect(limits.openFrom('10.0.0.1')).toBe(1);
    expect(limits.admit('10.0.0.1').ok).toBe(true);
  });

  it('allows a burst of new connections per minute, then refills over the minute', () => {
    let now = 0;
    const limits = new IpLimits({ maxConnectionsPerIp: 1000, sessionsPerIpPerMinute: 3, trustProxy: false }, () => now);
    for (let i = 0; i < 3; i++) expect(limits.admit('10.0.0.1').ok).toBe(true);
    expect(limits.admit('10.0.0.1')).toEqual({ ok: false, reason: 'rate' });
    now += 20_000; // a third of a minute brings back one
    expect(limits.admit('10.0.0.1').ok).toBe(true);
    expect(limits.admit('10.0.0.1').ok).toBe(false);
  });

  it('uses X-Forwarded-For only behind a trusted proxy', () => {
    const request = { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' }, socket: { remoteAddress: '127.0.0.1' } };
    type Request = Parameters<IpLimits['addressOf']>[0];
    expect(new IpLimits({ maxConnectionsPerIp: 1, sessionsPerIpPerMinute: 1, trustProxy: false }).addressOf(request as unknown as Request)).toBe('127.0.0.1');
    expect(new IpLimits({ maxConnectionsPerIp: 1, sessionsPerIpPerMinute: 1, trustProxy: true }).addressOf(request as unknown as Request)).toBe('198.51.100.7');
  });
});

describe('/ws/sandbox per-address limits', () => {
  it('answers the upgrade beyond the open-connection limit with 429, and admits again once one closes', async () => {
    const url = await start({ maxConnectionsPerIp: 3 });
    const open = await Promise.all([connect(url), connect(url), connect(url)]);
    expect(open.map((c) => c.status)).toEqual([101, 101, 101]);
    const refused = await connect(url);
    expect(refused.status).toBe(429);
    open[0]!.ws.close();
    await once(open[0]!.ws, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await connect(url)).status).toBe(101);
  });

  it('answers new connections beyond the per-minute limit with 429 and Retry-After', async () => {
    const url = await start({ sessionsPerIpPerMinute: 4 });
    for (let i = 0; i < 4; i++) {
      const c = await connect(url);
      expect(c.status).toBe(101);
      c.ws.close();
    }
    const refused = await connect(url);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('30');
  });
});
