import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation, type SimulationHandle } from '../../../src/sandbox/sim/simulation.ts';
import type { ExecTarget } from '../../../src/sandbox/sim/userland/program.ts';
import { run } from './run-program.ts';

function twoNodes(): SimulationHandle {
  return createSimulation({ clock: new VirtualClock(), random: seededRandom(7), profile: 'two-nodes' });
}

const node1: ExecTarget = { node: 'node1' };
const node2: ExecTarget = { node: 'node2' };

function container(sim: SimulationHandle, node: string, name: string): ExecTarget {
  const c = sim.world.nodes.get(node)!.daemon.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name} on ${node}`);
  return { node, container: c.id };
}

/** init on node1 (advertising its LAN address) and join node2 as a worker. */
async function swarm(sim: SimulationHandle): Promise<void> {
  const init = await run(sim, 'docker swarm init --advertise-addr 192.168.56.11', { target: node1 });
  expect(init.code).toBe(0);
  const token = /--token (\S+)/.exec(init.out)![1]!;
  const join = await run(sim, ['docker', 'swarm', 'join', '--token', token, '192.168.56.11:2377'], { target: node2 });
  expect(join).toEqual({ out: 'This node joined a swarm as a worker.\n', err: '', code: 0 });
}

describe('swarm across two nodes', () => {
  it('refuses to guess the advertise address on a host with two interfaces', async () => {
    const sim = twoNodes();
    const r = await run(sim, 'docker swarm init', { target: node1 });
    expect(r.err).toBe(
      'Error response from daemon: could not choose an IP address to advertise since this system has multiple addresses on different interfaces (10.0.2.15 on eth0 and 192.168.56.11 on eth1)\n',
    );
    expect(r.code).toBe(1);
  });

  it('lists both nodes on the manager, with the leader and the self marker', async () => {
    const sim = twoNodes();
    await swarm(sim);
    const r = await run(sim, 'docker node ls', { target: node1 });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION');
    expect(lines[1]).toMatch(/^[a-z0-9]{25} \* {3}node1 {6}Ready {5}Active {9}Leader {11}20\.10\.24\+dfsg1$/);
    expect(lines[2]).toMatch(/^[a-z0-9]{25} {5}node2 {6}Ready {5}Active {26}20\.10\.24\+dfsg1$/);
    const worker = await run(sim, 'docker node ls', { target: node2 });
    expect(worker.err).toContain("Worker nodes can't be used to view or modify cluster state");
  });

  it('shows the Raft-backed swarm section in docker info', async () => {
    const sim = twoNodes();
    await swarm(sim);
    const info = await run(sim, 'docker info', { target: node1 });
    expect(info.out).toContain(' Swarm: active\n');
    expect(info.out).toContain('  Is Manager: true\n');
    expect(info.out).toContain('  Managers: 1\n  Nodes: 2\n');
    expect(info.out).toContain('  Raft:\n   Snapshot Interval: 10000\n');
    expect(info.out).toContain('  Manager Addresses:\n   192.168.56.11:2377\n');
    const f = await run(sim, ['docker', 'info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'], { target: node2 });
    expect(f.out).toBe('active false\n');
  });

  it('rejects a wrong token and a manager that does not answer', async () => {
    const sim = twoNodes();
    await run(sim, 'docker swarm init --advertise-addr 192.168.56.11', { target: node1 });
    const bad = await run(sim, ['docker', 'swarm', 'join', '--token', `SWMTKN-1-${'a'.repeat(50)}-${'b'.repeat(25)}`, '192.168.56.11:2377'], { target: node2 });
    expect(bad.err).toContain('A valid join token is necessary to join this cluster');
    const refused = await run(sim, ['docker', 'swarm', 'join', '--token', 'x', '192.168.56.12:2377'], { target: node1 });
    expect(refused.err).toContain('already part of a swarm');
  });

  it('only a manager creates overlay networks', async () => {
    const sim = twoNodes();
    const none = await run(sim, 'docker network create -d overlay ov1', { target: node1 });
    expect(none.err).toBe('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n');
    await swarm(sim);
    const worker = await run(sim, 'docker network create -d overlay ov1', { target: node2 });
    expect(worker.err).toContain('Cannot create a multi-host network from a worker node');
    const ok = await run(sim, 'docker network create -d overlay --attachable ov1', { target: node1 });
    expect(ok.out).toMatch(/^[a-z0-9]{25}\n$/);
  });

  it('pings a container on the other node over the overlay, by name, through VXLAN', async () => {
    const sim = twoNodes();
    await swarm(sim);
    await run(sim, 'docker network create -d overlay --attachable ov1', { target: node1 });
    // The worker has no ov1 until a container there uses it.
    expect((await run(sim, 'docker network ls', { target: node2 })).out).not.toContain('ov1');
    expect((await run(sim, 'docker run -dit --name c1 --network ov1 busybox', { target: node1 })).code).toBe(0);
    expect((await run(sim, 'docker run -dit --name c2 --network ov1 busybox', { target: node2 })).code).toBe(0);
    expect((await run(sim, 'docker network ls', { target: node2 })).out).toMatch(/ov1 +overlay +swarm/);
    const ping = await run(sim, 'ping -c 2 c2', { target: container(sim, 'node1', 'c1') });
    expect(ping.out).toMatch(/^PING c2 \(10\.0\.1\.4\): 56 data bytes\n64 bytes from 10\.0\.1\.4: seq=0 ttl=64/);
    expect(ping.code).toBe(0);
    const back = await run(sim, 'ping -c 1 c1', { target: container(sim, 'node2', 'c2') });
    expect(back.out).toContain('64 bytes from 10.0.1.2');
    // Each node has its VXLAN device in the network's namespace; the container egresses on eth1.
    const n1 = sim.world.nodes.get('node1')!.daemon.networks.find((n) => n.name === 'ov1')!;
    expect(n1.overlay?.vxlan.name).toBe('vxlan0');
    expect(n1.overlay?.vxlan.vxlan?.vni).toBe(4097);
    expect(n1.overlay?.vxlan.stats.txPackets).toBeGreaterThan(0);
    const route = await run(sim, 'ip route', { target: container(sim, 'node2', 'c2') });
    expect(route.out).toBe('default via 172.18.0.1 dev eth1 \n10.0.1.0/24 dev eth0 scope link  src 10.0.1.4 \n172.18.0.0/16 dev eth1 scope link  src 172.18.0.3 \n');
    const inspect = await run(sim, ['docker', 'network', 'inspect', 'ov1', '--format', '{{range .Peers}}{{.IP}} {{end}}'], { target: node1 });
    expect(inspect.out).toBe('192.168.56.11 192.168.56.12 \n');
  });

  it('loses the overlay when a firewall drops VXLAN between the nodes', async () => {
    const sim = twoNodes();
    await swarm(sim);
    await run(sim, 'docker network create -d overlay --attachable ov1', { target: node1 });
    await run(sim, 'docker run -dit --name c1 --network ov1 busybox', { target: node1 });
    await run(sim, 'docker run -dit --name c2 --network ov1 busybox', { target: node2 });
    expect((await run(sim, 'iptables -I INPUT -p udp --dport 4789 -j DROP', { target: node2 })).code).toBe(0);
    const ping = await run(sim, 'ping -c 1 -W 1 c2', { target: container(sim, 'node1', 'c1') });
    expect(ping.out).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
  });

  it('refuses containers on a non-attachable overlay', async () => {
    const sim = twoNodes();
    await swarm(sim);
    await run(sim, 'docker network create -d overlay ov2', { target: node1 });
    const r = await run(sim, 'docker run -d --name web --network ov2 busybox', { target: node2 });
    expect(r.err).toBe('docker: Error response from daemon: Could not attach to network ov2: rpc error: code = PermissionDenied desc = network ov2 not manually attachable.\n');
    expect(r.code).toBe(125);
  });

  it('leaves: a worker goes Down, the last manager needs --force', async () => {
    const sim = twoNodes();
    await swarm(sim);
    expect((await run(sim, 'docker swarm leave', { target: node2 })).out).toBe('Node left the swarm.\n');
    expect((await run(sim, 'docker node ls', { target: node1 })).out).toMatch(/node2 +Down/);
    expect((await run(sim, 'docker swarm leave', { target: node1 })).err).toContain('Use `--force` to ignore this message.');
    expect((await run(sim, 'docker swarm leave --force', { target: node1 })).code).toBe(0);
    expect((await run(sim, 'docker network ls', { target: node1 })).out).not.toContain('ingress');
  });

  it('passes the join token through the /vagrant folder both hosts share', async () => {
    const { createSimSandbox } = await import('../../../src/sandbox/sim/driver.ts');
    const sandbox = createSimSandbox({ clock: 'virtual', profile: 'two-nodes', seed: 4 });
    await sandbox.exec('docker swarm init --advertise-addr 192.168.56.11');
    expect((await sandbox.exec('docker swarm join-token -q worker > /vagrant/worker.token')).exit).toBe(0);
    const join = await sandbox.exec('docker swarm join --token $(cat /vagrant/worker.token) 192.168.56.11:2377', { node: 'node2' });
    expect(join).toEqual({ exit: 0, output: 'This node joined a swarm as a worker.\n' });
    expect((await sandbox.exec('cat /vagrant', { node: 'node2' })).output).toBe('cat: /vagrant: Is a directory\n');
    await sandbox.close();
  });
});
