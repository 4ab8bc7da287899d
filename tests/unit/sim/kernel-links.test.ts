import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('links and namespaces', () => {
  it('numbers the host lo=1, eth0=2, docker0=3', async () => {
    const sim = newSim();
    const r = await run(sim, 'ip link');
    expect(r.out).toMatch(/^1: lo: /m);
    expect(r.out).toMatch(/^2: eth0: /m);
    expect(r.out).toMatch(/^3: docker0: /m);
  });

  it('docker0 shows NO-CARRIER and state DOWN without containers', async () => {
    const sim = newSim();
    const r = await run(sim, 'ip addr show docker0');
    expect(r.out.split('\n')[0]).toBe('3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default ');
    expect((await run(sim, 'ip route')).out).toContain('172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n');
  });

  it('docker0 comes up once a container is attached', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    const r = await run(sim, 'ip link show docker0');
    expect(r.out).toContain('<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default ');
    expect((await run(sim, 'ip route')).out).not.toContain('linkdown');
  });

  it('container eth0@ifN matches the host veth index', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    const host = (await run(sim, 'ip link show type veth')).out;
    const m = /^(\d+): (veth[0-9a-f]{7})@if(\d+): .* master docker0 state UP/m.exec(host);
    expect(m).not.toBeNull();
    await run(sim, 'docker run -d --name box busybox sleep 60');
    const inside = (await run(sim, 'ip link', { target: inContainer(sim, 'box') })).out;
    expect(inside).toMatch(/^6: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue $/m);
    expect(m![1]).toBe('5');
    expect(m![3]).toBe('4');
  });

  it('derives the container MAC from its IP address', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name box busybox sleep 60');
    const r = await run(sim, 'ip link show eth0', { target: inContainer(sim, 'box') });
    expect(r.out).toContain('link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff');
  });

  it('lists bridge ports with ip link show master', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name one busybox sleep 60');
    await run(sim, 'docker run -d --name two busybox sleep 60');
    const r = await run(sim, 'ip link show master docker0');
    expect(r.out.match(/master docker0/g)).toHaveLength(2);
    expect((await run(sim, 'ip link show master nope')).err).toBe('Device "nope" does not exist.\n');
  });

  it('removes the veth pair when the container stops', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    await run(sim, 'docker stop web');
    expect((await run(sim, 'ip link show type veth')).out).toBe('');
    expect((await run(sim, 'ip addr show docker0')).out).toContain('NO-CARRIER');
  });

  it('gives a --network none container only lo', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --network none --name iso busybox sleep 60');
    const r = await run(sim, 'ip a', { target: inContainer(sim, 'iso') });
    expect(r.out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n',
    );
  });

  it('shares the host namespace with --network host', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --network host --name hn busybox sleep 60');
    const r = await run(sim, 'ip link', { target: inContainer(sim, 'hn') });
    expect(r.out).toContain('2: eth0: ');
    expect(r.out).toContain('3: docker0: ');
    expect((await run(sim, 'hostname', { target: inContainer(sim, 'hn') })).out).toBe('node1\n');
  });

  it('shares another container namespace with --network container:NAME', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name box1 busybox sleep 60');
    await run(sim, 'docker run -d --network container:box1 --name side busybox sleep 60');
    const a = (await run(sim, 'ip addr show eth0', { target: inContainer(sim, 'box1') })).out;
    const b = (await run(sim, 'ip addr show eth0', { target: inContainer(sim, 'side') })).out;
    expect(b).toBe(a);
    expect((await run(sim, 'hostname', { target: inContainer(sim, 'side') })).out).toBe((await run(sim, 'hostname', { target: inContainer(sim, 'box1') })).out);
  });
});
