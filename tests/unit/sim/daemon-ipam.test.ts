import { describe, expect, it } from 'vitest';
import { Ipam } from '../../../src/sandbox/sim/daemon/ipam.ts';
import { formatIp, formatPrefix, parsePrefix } from '../../../src/sandbox/sim/kernel/ipv4.ts';
import { inContainer, newSim, run } from './run-program.ts';

describe('IPAM', () => {
  it('assigns 172.17.0.2 to the first container on the default bridge', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name c1 busybox sleep 100');
    const r = await run(sim, ['docker', 'inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'c1']);
    expect(r.out).toBe('172.17.0.2\n');
  });

  it('gives the next container the next address and reuses released ones', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name c1 busybox sleep 100');
    await run(sim, 'docker run -d --name c2 busybox sleep 100');
    expect((await run(sim, ['docker', 'inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'c2'])).out).toBe('172.17.0.3\n');
    await run(sim, 'docker rm -f c1');
    await run(sim, 'docker run -d --name c3 busybox sleep 100');
    expect((await run(sim, ['docker', 'inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'c3'])).out).toBe('172.17.0.2\n');
  });

  it('takes user networks from 172.18.0.0/16, 172.19.0.0/16 … with .1 as gateway', async () => {
    const sim = newSim();
    await run(sim, 'docker network create n1');
    await run(sim, 'docker network create n2');
    const r = await run(sim, ['docker', 'network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}', 'n1', 'n2']);
    expect(r.out).toBe('172.18.0.0/16 172.18.0.1\n172.19.0.0/16 172.19.0.1\n');
  });

  it('hands out default subnets round-robin, not the one just removed', () => {
    const ipam = new Ipam();
    const a = ipam.requestPool();
    const b = ipam.requestPool();
    expect(a.ok && formatPrefix(a.value.subnet)).toBe('172.17.0.0/16');
    expect(b.ok && formatPrefix(b.value.subnet)).toBe('172.18.0.0/16');
    if (a.ok) ipam.releasePool(a.value);
    const c = ipam.requestPool();
    expect(c.ok && formatPrefix(c.value.subnet)).toBe('172.19.0.0/16');
  });

  it('refuses an overlapping subnet like Docker', () => {
    const ipam = new Ipam();
    ipam.requestPool();
    const r = ipam.requestPool(parsePrefix('172.17.5.0/24'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Pool overlaps with other one on this address space');
  });

  it('allocates from --ip-range and honours a requested address', () => {
    const ipam = new Ipam();
    const pool = ipam.requestPool(parsePrefix('10.5.0.0/16'), parsePrefix('10.5.3.0/24'));
    if (!pool.ok) throw new Error('pool');
    const a = ipam.requestAddress(pool.value);
    expect(a.ok && formatIp(a.value)).toBe('10.5.3.1');
    const wanted = ipam.requestAddress(pool.value, 0x0a050009);
    expect(wanted.ok && formatIp(wanted.value)).toBe('10.5.0.9');
    expect(ipam.requestAddress(pool.value, 0x0a050009).ok).toBe(false);
  });

  it('puts a user-network container at its --ip', async () => {
    const sim = newSim();
    await run(sim, 'docker network create --subnet 10.10.0.0/24 lab');
    await run(sim, 'docker run -d --network lab --ip 10.10.0.42 --name xx busybox sleep 9');
    const r = await run(sim, 'ip -4 addr show eth0', { target: inContainer(sim, 'xx') });
    expect(r.out).toContain('inet 10.10.0.42/24 brd 10.10.0.255 scope global eth0');
  });
});
