import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { createSimSandbox } from '../../../src/sandbox/sim/driver.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';
import { newSim, run } from './run-program.ts';

describe('the Simulation contract the shell uses', () => {
  it('writes through the shell change the model: echo 0 > /proc/sys/net/ipv4/ip_forward', async () => {
    const sandbox = createSimSandbox({ clock: 'virtual' });
    expect(await sandbox.exec('cat /proc/sys/net/ipv4/ip_forward')).toEqual({ exit: 0, output: '1\n' });
    expect(await sandbox.exec('echo 0 > /proc/sys/net/ipv4/ip_forward && sysctl net.ipv4.ip_forward')).toEqual({ exit: 0, output: 'net.ipv4.ip_forward = 0\n' });
    // The model changed: a container can no longer reach past the host.
    await sandbox.exec('docker run -dit --name b1 busybox');
    const ping = await sandbox.exec('docker exec b1 ping -c 1 -W 1 10.0.2.2');
    expect(ping.output).toContain('100% packet loss');
    const read = await sandbox.exec('grep -c . < /etc/resolv.conf');
    expect(read).toEqual({ exit: 0, output: '1\n' });
    await sandbox.close();
  });

  it('runs `docker exec … sh -c` on the full shell: variables, ; and name resolution', async () => {
    const sandbox = createSimSandbox({ clock: 'virtual' });
    await sandbox.exec('docker network create net1 && docker run -dit --name box1 --network net1 busybox && docker run -dit --name box2 --network net1 busybox');
    const r = await sandbox.exec(`docker exec box1 sh -c 'echo $HOSTNAME; ping -c1 box2 | head -2'`);
    expect(r.exit).toBe(0);
    const [host, pingLine, reply] = r.output.split('\n');
    expect(host).toMatch(/^[0-9a-f]{12}$/);
    expect(pingLine).toBe('PING box2 (172.18.0.3): 56 data bytes');
    expect(reply).toMatch(/^64 bytes from 172\.18\.0\.3: seq=0 ttl=64 time=/);
    const loop = await sandbox.exec(`docker exec box1 sh -c 'for i in 1 2; do echo n$i; done'`);
    expect(loop.output).toBe('n1\nn2\n');
    await sandbox.close();
  });

  it('completes container, network and image names and flags from the model', async () => {
    const sim = newSim();
    await run(sim, 'docker network create backend');
    await run(sim, 'docker run -dit --name web1 busybox');
    await run(sim, 'docker create --name idle busybox');
    const node = { node: 'node1' };
    expect(sim.complete(node, ['docker', 'exec', ''])).toEqual(['web1']);
    expect(sim.complete(node, ['docker', 'start', ''])).toEqual(['idle']);
    expect(sim.complete(node, ['docker', 'rm', ''])).toEqual(['web1', 'idle']);
    expect(sim.complete(node, ['docker', 'network', 'inspect', ''])).toEqual(['bridge', 'host', 'none', 'backend']);
    expect(sim.complete(node, ['docker', 'run', '--network', ''])).toContain('backend');
    expect(sim.complete(node, ['docker', 'run', '-d', ''])).toContain('busybox');
    expect(sim.complete(node, ['docker', 'network', 'create', '--'])).toContain('--subnet');
    expect(sim.complete(node, ['docker', 'swarm', 'init', '--'])).toContain('--advertise-addr');
    expect(sim.complete(node, ['docker', 'network', 'connect', 'backend', ''])).toEqual(['web1', 'idle']);
    expect(sim.complete(node, ['ls', ''])).toEqual([]);
  });

  it('rejects an unknown profile name instead of falling back', () => {
    expect(() => createSimulation({ clock: new VirtualClock(), profile: 'three-nodes' })).toThrow('unknown host profile "three-nodes" (known: default, two-nodes)');
    expect(() => createSimulation({ clock: new VirtualClock(), profile: { hosts: [] } })).toThrow('invalid host profile: hosts: must be a non-empty array');
  });
});

describe('host profiles', () => {
  it('default: one node, a small VM behind VirtualBox NAT', async () => {
    const sim = newSim();
    expect(sim.nodes).toEqual(['node1']);
    expect((await run(sim, 'ip -br addr show eth0')).out).toMatch(/^eth0 +UP +10\.0\.2\.15\/24 /);
    expect((await run(sim, 'cat /etc/resolv.conf')).out).toBe('nameserver 10.0.2.3\n');
  });

  it('two-nodes: two hosts on one LAN that reach each other by name, each with its own docker0', async () => {
    const sim = createSimulation({ clock: new VirtualClock(), random: seededRandom(3), profile: 'two-nodes' });
    expect(sim.nodes).toEqual(['node1', 'node2']);
    const n2 = { node: 'node2' };
    expect((await run(sim, 'hostname', { target: n2 })).out).toBe('node2\n');
    expect((await run(sim, 'ip -4 -br addr', { target: n2 })).out).toContain('eth1             UP             192.168.56.12/24');
    const ping = await run(sim, 'ping -c 1 node1', { target: n2 });
    expect(ping.out).toContain('PING node1 (192.168.56.11) 56(84) bytes of data.\n64 bytes from 192.168.56.11: icmp_seq=1 ttl=64');
    expect((await run(sim, 'ip route', { target: n2 })).out).toContain('172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown');
    expect((await run(sim, 'arp -n', { target: n2 })).out).toMatch(/192\.168\.56\.11 +ether +08:00:27:[0-9a-f:]{8} +C +eth1\n/);
  });

  it('a parsed profile: a host without ping, with only some images', async () => {
    const sim = createSimulation({
      clock: new VirtualClock(),
      random: seededRandom(5),
      profile: { hosts: [{ name: 'edge', interfaces: [{ name: 'eth0', address: '192.168.1.10/24' }], withoutTools: ['ping'], images: ['busybox'] }] },
    });
    const edge = { node: 'edge' };
    expect(sim.lookup(edge, 'ping')).toBeUndefined();
    expect(sim.lookup(edge, 'wget')).toBeDefined();
    const images = await run(sim, 'docker images --format {{.Repository}}', { target: edge });
    expect(images.out).toBe('busybox\n');
    expect((await run(sim, 'ip route', { target: edge })).out).toBe(
      '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 \n',
    );
  });
});
