import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation } from '../../../../src/sandbox/sim/simulation.ts';
import type { ExecTarget } from '../../../../src/sandbox/sim/userland/program.ts';
import { run } from '../run-program.ts';

describe('tcpdump on the underlay of an overlay network', () => {
  it('shows the VXLAN-encapsulated echo request with its VNI and the inner packet', async () => {
    const sim = createSimulation({ clock: new VirtualClock(), random: seededRandom(7), profile: 'two-nodes' });
    const node1: ExecTarget = { node: 'node1' };
    const node2: ExecTarget = { node: 'node2' };
    const init = await run(sim, 'docker swarm init --advertise-addr 192.168.56.11', { target: node1 });
    const token = /--token (\S+)/.exec(init.out)![1]!;
    await run(sim, ['docker', 'swarm', 'join', '--token', token, '192.168.56.11:2377'], { target: node2 });
    await run(sim, 'docker network create -d overlay --attachable ov1', { target: node1 });
    await run(sim, 'docker run -dit --name c1 --network ov1 busybox', { target: node1 });
    await run(sim, 'docker run -dit --name c2 --network ov1 busybox', { target: node2 });
    const c1 = sim.world.nodes.get('node1')!.daemon.containers.find((c) => c.name === 'c1')!;
    const capture = run(sim, 'tcpdump -n -c 2 -i eth1 udp port 4789', { target: node1 });
    expect((await run(sim, 'ping -c 1 c2', { target: { node: 'node1', container: c1.id } })).code).toBe(0);
    const r = await capture;
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^\S+ IP 192\.168\.56\.11\.\d+ > 192\.168\.56\.12\.4789: VXLAN, flags \[I\] \(0x08\), vni \d+$/);
    expect(lines[1]).toMatch(/^IP 10\.0\.\d+\.\d+ > 10\.0\.\d+\.\d+: ICMP echo request, id \d+, seq 0, length 64$/);
    expect(lines[3]).toMatch(/^IP 10\.0\.\d+\.\d+ > 10\.0\.\d+\.\d+: ICMP echo reply/);
  });
});
