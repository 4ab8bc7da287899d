/**
 * No way out of a sandbox. The only target is one this test sets up itself: a TCP listener on an
 * address (TEST-NET-2, 198.51.100.0/24) of an interface it adds to this machine (one end of a
 * veth pair, since not every kernel has the dummy driver). Never a real outside address.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/driver.ts';
import type { DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { ensureGuard, removeRunLeftovers, skipReason, testDriver } from './engine.ts';

const LINK = `vlt${randomBytes(3).toString('hex')}`;
const PEER = `${LINK}p`;
const ADDRESS = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;

function canAddLinks(): boolean {
  try {
    execFileSync('ip', ['link', 'add', LINK, 'type', 'veth', 'peer', 'name', PEER], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const engineMissing = skipReason !== undefined;
const linkMissing = !engineMissing && !canAddLinks();
if (linkMissing) console.warn('egress test skipped: cannot add a veth pair (needs root)');

describe.skipIf(engineMissing || linkMissing)('docker driver: no egress', { timeout: 120_000 }, () => {
  let removeGuard = () => {};
  let driver: DockerDriver;
  let sandbox: Sandbox;
  let server: net.Server;
  let port = 0;
  const connections: string[] = [];

  beforeAll(async () => {
    execFileSync('ip', ['addr', 'add', `${ADDRESS}/32`, 'dev', LINK]);
    execFileSync('ip', ['link', 'set', LINK, 'up']);
    execFileSync('ip', ['link', 'set', PEER, 'up']);
    server = net.createServer((socket) => {
      connections.push(socket.remoteAddress ?? '?');
      socket.end('HTTP/1.0 200 OK\r\n\r\nreached\n');
    });
    await new Promise<void>((resolve) => server.listen(0, ADDRESS, resolve));
    port = (server.address() as net.AddressInfo).port;
    removeGuard = ensureGuard();
    driver = testDriver();
    sandbox = await driver.create();
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
    await removeRunLeftovers();
    removeGuard();
    server?.close();
    try {
      execFileSync('ip', ['link', 'del', LINK], { stdio: 'ignore' });
    } catch {
      // never created
    }
  }, 120_000);

  it('has a listener the machine itself reaches (the probe target is real)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, ADDRESS);
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toContain('reached');
    connections.length = 0;
  });

  it('cannot reach the address from the sandbox host', async () => {
    const tcp = await sandbox.exec(`curl -s -m 3 http://${ADDRESS}:${port}/; echo exit=$?`);
    expect(tcp.output).not.toContain('reached');
    expect(tcp.output).not.toContain('exit=0');
    const ping = await sandbox.exec(`ping -c 1 -W 2 ${ADDRESS}`);
    expect(ping.exit).not.toBe(0);
  });

  it('cannot reach the address from a container inside the sandbox', async () => {
    const result = await sandbox.exec(`docker run --rm busybox wget -T 3 -qO- http://${ADDRESS}:${port}/; echo exit=$?`, { timeoutMs: 30_000 });
    expect(result.output).not.toContain('reached');
    expect(result.output).not.toContain('exit=0');
  });

  it('has no route to the machine over its private network and no IPv6', async () => {
    const gateway = await sandbox.exec("ip route show default | awk '{print $3}'");
    const probe = await sandbox.exec(`ping -c 1 -W 2 ${gateway.output.trim() || '0.0.0.0'}`);
    expect(probe.exit).not.toBe(0);
    expect((await sandbox.exec('ip -6 addr show dev eth0')).output.trim()).toBe('');
  });

  it('never let a connection through', () => {
    expect(connections).toEqual([]);
  });
});
