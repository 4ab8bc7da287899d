import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
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
