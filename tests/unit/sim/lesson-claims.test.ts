/**
 * What the lessons teach holds in the model, through the shell as a learner types it: take away
 * the rule a lesson credits with something, and what ping/wget observe changes as on a real host.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

const MASQUERADE = '-t nat POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';

async function sandboxWith(...lines: string[]): Promise<SimSandbox> {
  const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(42) }) });
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}

async function received(sandbox: SimSandbox, line: string): Promise<string> {
  const { output } = await sandbox.exec(line, { timeoutMs: 60_000 });
  return /(\d+) (?:packets )?received/.exec(output)?.[1] ?? output;
}

describe('lesson 5.1: replies come back only through MASQUERADE', () => {
  it('without the rule the echo request leaves and no reply returns; with it back, replies do', async () => {
    const sandbox = await sandboxWith('docker run -dit --name o1 busybox');
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('1');
    expect((await sandbox.exec(`iptables ${MASQUERADE.replace('-t nat ', '-t nat -D ')}`)).exit).toBe(0);
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('0');
    expect((await sandbox.exec(`iptables ${MASQUERADE.replace('-t nat ', '-t nat -A ')}`)).exit).toBe(0);
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('1');
  });

  it('explain says where the reply was lost', async () => {
    const sandbox = await sandboxWith('docker run -dit --name o1 busybox', `iptables ${MASQUERADE.replace('-t nat ', '-t nat -D ')}`);
    await sandbox.exec('docker exec o1 ping -c 1 8.8.8.8', { timeoutMs: 60_000 });
    const { output } = await sandbox.exec('explain');
    expect(output).toContain('the reply to 172.17.0.2 cannot come back');
  });

  it("the host itself still reaches the outside: its own address is on the router's LAN", async () => {
    const sandbox = await sandboxWith(`iptables ${MASQUERADE.replace('-t nat ', '-t nat -D ')}`);
    expect(await received(sandbox, 'ping -c 1 8.8.8.8')).toBe('1');
  });
});

describe('the filter rules a learner changes decide what containers observe', () => {
  it("a DROP in DOCKER-USER stops a container's pings out, and removing it lets them through", async () => {
    const sandbox = await sandboxWith('docker run -dit --name o1 busybox', 'iptables -I DOCKER-USER -s 172.17.0.2 -j DROP');
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('0');
    expect((await sandbox.exec('iptables -D DOCKER-USER -s 172.17.0.2 -j DROP')).exit).toBe(0);
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('1');
  });

  it('ip_forward=0 stops traffic between a container and the outside, not on the bridge', async () => {
    const sandbox = await sandboxWith('docker run -dit --name o1 busybox', 'docker run -dit --name o2 busybox', 'sysctl -w net.ipv4.ip_forward=0');
    expect(await received(sandbox, 'docker exec o1 ping -c 1 8.8.8.8')).toBe('0');
    expect(await received(sandbox, 'docker exec o1 ping -c 1 172.17.0.3')).toBe('1');
  });

  it('a removed DNAT rule hands a published port to docker-proxy, as with the userland proxy on a real host', async () => {
    const sandbox = await sandboxWith('docker run -d --name web -p 8080:80 nginx');
    const get = 'curl -s http://10.0.2.15:8080/';
    expect((await sandbox.exec(get, { timeoutMs: 60_000 })).output).toContain('Welcome to nginx');
    const before = (await sandbox.exec('explain')).output;
    expect(before).toContain('DNAT');
    expect(before).not.toContain('docker-proxy');
    const { output } = await sandbox.exec('iptables -t nat -S DOCKER');
    const dnat = output.split('\n').find((l) => l.includes('DNAT'))!;
    expect((await sandbox.exec(`iptables -t nat ${dnat.replace(/^-A /, '-D ')}`)).exit).toBe(0);
    expect((await sandbox.exec(get, { timeoutMs: 60_000 })).output).toContain('Welcome to nginx');
    const explained = (await sandbox.exec('explain')).output;
    expect(explained).toContain('docker-proxy');
  });
});
