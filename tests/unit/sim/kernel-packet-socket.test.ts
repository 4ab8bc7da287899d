import { describe, expect, it } from 'vitest';
import { formatIp } from '../../../src/sandbox/sim/kernel/ipv4.ts';
import type { TappedFrame } from '../../../src/sandbox/sim/kernel/link.ts';
import { linkByName } from '../../../src/sandbox/sim/kernel/netns.ts';
import { openPacketSocket } from '../../../src/sandbox/sim/kernel/packet-socket.ts';
import { inContainer, newSim, run } from './run-program.ts';

/** A frame as tcpdump -n would summarise it. */
function summary(f: TappedFrame): string {
  return `${f.dir} ${f.pkt.proto} ${formatIp(f.pkt.src)} > ${formatIp(f.pkt.dst)}`;
}

describe('packet sockets (the hook tcpdump needs)', () => {
  it('a container ping to the internet: the host veth sees the private source, eth0 the masqueraded one', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name box busybox');
    const node = sim.world.nodes.get('node1')!;
    const box = node.daemon.containers.find((c) => c.name === 'box')!;
    const hostVeth = box.endpoints[0]!.hostVeth!;
    const eth0 = linkByName(node.kernel.init, 'eth0')!;
    const onVeth: TappedFrame[] = [];
    const onEth0: TappedFrame[] = [];
    const closeVeth = openPacketSocket(hostVeth, (f) => onVeth.push(f));
    const closeEth0 = openPacketSocket(eth0, (f) => onEth0.push(f));
    expect((await run(sim, 'ping -c 1 8.8.8.8', { target: inContainer(sim, 'box') })).code).toBe(0);
    expect(onVeth.map(summary)).toEqual(['in icmp 172.17.0.2 > 8.8.8.8', 'out icmp 8.8.8.8 > 172.17.0.2']);
    expect(onEth0.map(summary)).toEqual(['out icmp 10.0.2.15 > 8.8.8.8', 'in icmp 8.8.8.8 > 10.0.2.15']);
    closeVeth();
    closeEth0();
    await run(sim, 'ping -c 1 8.8.8.8', { target: inContainer(sim, 'box') });
    expect(onVeth).toHaveLength(2);
    expect(hostVeth.taps).toBeUndefined();
  });
});
