import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { parseIp } from '../../../src/sandbox/sim/kernel/ipv4.ts';
import { bootKernel } from '../../../src/sandbox/sim/kernel/kernel.ts';
import { neighbourEntry, noteNeighbour } from '../../../src/sandbox/sim/kernel/neighbour.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createLink } from '../../../src/sandbox/sim/kernel/rtnetlink/links.ts';
import { replaceNeighbour } from '../../../src/sandbox/sim/kernel/rtnetlink/neighbours.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

const clock = new VirtualClock();

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock, random: seededRandom(7) }) });
}

const DOCKER0_NEIGH = 'ip neigh show dev docker0';

describe('neighbour entries made by traffic', () => {
  it('the host learns a pinging container from its ARP request: STALE, DELAY on the reply, REACHABLE after the probe, STALE again', async () => {
    const s = sandbox();
    await s.exec('docker run -dit --name c1 busybox');
    await s.exec('docker exec c1 ping -c 1 172.17.0.1');
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 DELAY \n');
    await clock.sleep(6_000);
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 REACHABLE \n');
    await clock.sleep(40_000);
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 STALE \n');
    // The asker's own entry was confirmed by the ARP answer.
    expect((await s.exec('docker exec c1 ip neigh')).output).toMatch(/^172\.17\.0\.1 dev eth0 lladdr \S+ ref 1 used \S+ probes 1 STALE\n$/);
  });

  it('a packet on a STALE entry goes out without a broadcast and leaves it DELAY', async () => {
    const s = sandbox();
    await s.exec('docker run -dit --name c1 busybox');
    await s.exec('ping -c 1 172.17.0.2');
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 REACHABLE \n');
    expect((await s.exec('docker exec c1 ip neigh')).output).toMatch(/ DELAY\n$/);
    await clock.sleep(60_000);
    expect((await s.exec(DOCKER0_NEIGH)).output).toContain(' STALE ');
    await s.exec('ping -c 1 172.17.0.2');
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 DELAY \n');
  });

  it('a TCP connection confirms its neighbours on both sides', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name web busybox httpd -f -p 80');
    await s.exec('wget -q -O /dev/null http://172.17.0.2/');
    expect((await s.exec(DOCKER0_NEIGH)).output).toBe('172.17.0.2 lladdr 02:42:ac:11:00:02 REACHABLE \n');
    expect((await s.exec('docker exec web ip neigh')).output).toMatch(/^172\.17\.0\.1 .* REACHABLE\n$/);
  });
});

describe('the neighbour table when it is full', () => {
  it('a sweep of unanswered next hops evicts old learned entries, never a permanent one', () => {
    const kernel = bootKernel('h', new VirtualClock(), seededRandom(1));
    const dev = createLink(kernel.init, { name: 'vxlan0', kind: 'ether', mac: [2, 0, 0, 0, 0, 1] });
    const peer = parseIp('10.0.9.2') ?? 0;
    replaceNeighbour(kernel.init, { dev, addr: peer, mac: [2, 0, 0, 0, 0, 2], permanent: true });
    const first = parseIp('10.0.0.1') ?? 0;
    for (let i = 0; i < 300; i++) noteNeighbour(kernel.init, dev, first + i, undefined, 0);
    expect(neighbourEntry(kernel.init, dev, peer)?.permanent).toBe(true);
    expect(kernel.init.neighbours).toHaveLength(256);
    expect(neighbourEntry(kernel.init, dev, first)).toBeUndefined();
    expect(neighbourEntry(kernel.init, dev, first + 299)).toBeDefined();
  });
});
