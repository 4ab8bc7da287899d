import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('virtual files and sysctl', () => {
  it('copies the host resolver on the default bridge and uses 127.0.0.11 on user networks', async () => {
    const sim = newSim();
    await run(sim, 'docker network create bridge2');
    await run(sim, 'docker run -d --name d1 busybox sleep 60');
    await run(sim, 'docker run -d --network bridge2 --name u1 busybox sleep 60');
    expect((await run(sim, 'cat /etc/resolv.conf', { target: inContainer(sim, 'd1') })).out).toBe('nameserver 10.0.2.3\n');
    expect((await run(sim, 'cat /etc/resolv.conf', { target: inContainer(sim, 'u1') })).out).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
  });

  it('writes the container address and short id into /etc/hosts', async () => {
    const sim = newSim();
    const id = (await run(sim, 'docker run -d --name d1 busybox sleep 60')).out.trim();
    const hosts = (await run(sim, 'cat /etc/hosts', { target: inContainer(sim, 'd1') })).out;
    expect(hosts.split('\n')[0]).toBe('127.0.0.1\tlocalhost');
    expect(hosts.endsWith(`172.17.0.2\t${id.slice(0, 12)}\n`)).toBe(true);
  });

  it('reads and sets ip_forward on the host, refuses it in a container', async () => {
    const sim = newSim();
    expect((await run(sim, 'sysctl net.ipv4.ip_forward')).out).toBe('net.ipv4.ip_forward = 1\n');
    expect((await run(sim, 'sysctl -w net.ipv4.ip_forward=0')).out).toBe('net.ipv4.ip_forward = 0\n');
    expect((await run(sim, 'cat /proc/sys/net/ipv4/ip_forward')).out).toBe('0\n');
    expect((await run(sim, 'sysctl -n net.ipv4.ip_forward')).out).toBe('0\n');
    expect((await run(sim, 'sysctl net.ipv4.nope')).err).toBe('sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n');
    await run(sim, 'docker run -d --name d1 busybox sleep 60');
    const w = await run(sim, 'sysctl -w net.ipv4.ip_forward=1', { target: inContainer(sim, 'd1') });
    expect(w).toEqual({ out: '', err: "sysctl: error setting key 'net.ipv4.ip_forward': Read-only file system\n", code: 1 });
  });

  it('reports missing files in GNU and busybox wording', async () => {
    const sim = newSim();
    expect((await run(sim, 'cat /nope')).err).toBe('cat: /nope: No such file or directory\n');
    await run(sim, 'docker run -d --name d1 busybox sleep 60');
    expect((await run(sim, 'cat /nope', { target: inContainer(sim, 'd1') })).err).toBe("cat: can't open '/nope': No such file or directory\n");
  });

  it('lets the shell redirect into /proc/sys through writeFile', async () => {
    const sim = newSim();
    expect(sim.writeFile({ node: 'node1' }, '/proc/sys/net/ipv4/ip_forward', '0\n')).toBeUndefined();
    expect(sim.readFile({ node: 'node1' }, '/proc/sys/net/ipv4/ip_forward')).toBe('0\n');
    expect(sim.writeFile({ node: 'node1' }, '/proc/sys/net/ipv4/ip_forward', 'x\n')).toBe('Invalid argument');
  });
});
