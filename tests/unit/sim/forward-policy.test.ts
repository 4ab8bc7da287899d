/**
 * dockerd's start-up on a stock VM (issue #13 item 1): the host profile says whether the VM
 * forwarded at boot; dockerd turns ip_forward on and, when it had to, sets the filter FORWARD
 * policy to DROP (libnetwork setupIPForwarding). Then the FORWARD path decides what containers
 * observe, as recorded in tests/fidelity/scenarios/forward-experiments.sh, and explain names the
 * policy or rule that dropped the packet.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import type { HostProfile } from '../../../src/sandbox/profiles/host-profile.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation, resolveHostProfile } from '../../../src/sandbox/sim/simulation.ts';

async function sandboxWith(profile: HostProfile | undefined, ...lines: string[]): Promise<SimSandbox> {
  const simulation = createSimulation({ clock: new VirtualClock(), random: seededRandom(7), ...(profile ? { profile } : {}) });
  const sandbox = new SimSandbox({ simulation });
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}

async function received(sandbox: SimSandbox, line: string): Promise<string> {
  const { output } = await sandbox.exec(line, { timeoutMs: 60_000 });
  return /(\d+) (?:packets )?received/.exec(output)?.[1] ?? output;
}

const forwarding = (ipForward: boolean): HostProfile => ({
  hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], defaultRoute: '10.0.2.2', resolver: '10.0.2.3', ipForward }],
});

describe('dockerd start-up and the FORWARD policy', () => {
  it('the default profile is a stock VM: dockerd turned forwarding on and set the policy to DROP', async () => {
    const sandbox = await sandboxWith(undefined);
    expect((await sandbox.exec('sysctl net.ipv4.ip_forward')).output).toBe('net.ipv4.ip_forward = 1\n');
    expect((await sandbox.exec('iptables -S FORWARD')).output.split('\n')[0]).toBe('-P FORWARD DROP');
    expect((await sandbox.exec('iptables -L FORWARD -n')).output.split('\n')[0]).toBe('Chain FORWARD (policy DROP)');
  });

  it('a host that already forwarded at boot keeps the policy ACCEPT', async () => {
    const sandbox = await sandboxWith(forwarding(true));
    expect((await sandbox.exec('iptables -S FORWARD')).output.split('\n')[0]).toBe('-P FORWARD ACCEPT');
    expect((await sandbox.exec('sysctl net.ipv4.ip_forward')).output).toBe('net.ipv4.ip_forward = 1\n');
  });

  it('ipForward false in a profile is the same as leaving it out', async () => {
    const sandbox = await sandboxWith(forwarding(false));
    expect((await sandbox.exec('iptables -S FORWARD')).output.split('\n')[0]).toBe('-P FORWARD DROP');
  });

  it('the profile format refuses a non-boolean ipForward, naming the place', () => {
    const bad = { hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], ipForward: 'yes' }] };
    expect(() => resolveHostProfile(bad as unknown as HostProfile)).toThrow(/hosts\[0\]\.ipForward: must be true or false/);
  });
});

describe('what the FORWARD path changes for containers (forward-experiments recording)', () => {
  it("removing Docker's bridge ACCEPT leaves same-bridge pings to the DROP policy; explain names it", async () => {
    const sandbox = await sandboxWith(undefined, 'docker run -dit --name box1 busybox', 'docker run -dit --name box2 busybox');
    expect(await received(sandbox, 'docker exec box1 ping -c 1 -W 1 172.17.0.3')).toBe('1');
    expect((await sandbox.exec('iptables -D FORWARD -i docker0 -o docker0 -j ACCEPT')).exit).toBe(0);
    expect(await received(sandbox, 'docker exec box1 ping -c 1 -W 1 172.17.0.3')).toBe('0');
    expect((await sandbox.exec('iptables -L FORWARD -n -v')).output.split('\n')[0]).toBe('Chain FORWARD (policy DROP 1 packets, 84 bytes)');
    expect((await sandbox.exec('explain')).output).toMatch(/filter FORWARD.*policy DROP/);
    expect((await sandbox.exec('iptables -P FORWARD ACCEPT')).exit).toBe(0);
    expect(await received(sandbox, 'docker exec box1 ping -c 1 -W 1 172.17.0.3')).toBe('1');
  });

  it('a DOCKER-USER DROP for icmp stops pings between containers but not from the host', async () => {
    const sandbox = await sandboxWith(undefined, 'docker run -dit --name box1 busybox', 'docker run -dit --name box2 busybox', 'iptables -I DOCKER-USER -p icmp -j DROP');
    expect(await received(sandbox, 'docker exec box1 ping -c 1 -W 1 172.17.0.3')).toBe('0');
    expect((await sandbox.exec('explain')).output).toContain('DOCKER-USER');
    expect(await received(sandbox, 'ping -c 1 -W 1 172.17.0.3')).toBe('1');
  });

  it('ip_forward=0 does not stop bridged traffic, and the host stays reachable from other networks', async () => {
    const sandbox = await sandboxWith(
      undefined,
      'docker run -dit --name box1 busybox',
      'docker run -dit --name box2 busybox',
      'docker network create un',
      'docker run -dit --name ubox --network un busybox',
      'sysctl -w net.ipv4.ip_forward=0',
    );
    expect(await received(sandbox, 'docker exec box1 ping -c 1 -W 1 172.17.0.3')).toBe('1');
    expect(await received(sandbox, 'docker exec ubox ping -c 1 -W 1 172.17.0.1')).toBe('1');
  });
});
