import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(17) }) });
}

describe('docker network connect', () => {
  it('joining a user network starts the embedded DNS: resolv.conf switches to 127.0.0.11 and stays', async () => {
    const s = sandbox();
    await s.exec('docker network create net1');
    await s.exec('docker run -d --name box2 --network net1 busybox sleep 1000');
    await s.exec('docker run -d --name c1 busybox sleep 1000');
    expect((await s.exec('docker exec c1 cat /etc/resolv.conf')).output).toBe('nameserver 10.0.2.3\n');
    expect((await s.exec('docker exec c1 ping -c 1 box2')).output).toBe("ping: bad address 'box2'\n");
    await s.exec('docker network connect net1 c1');
    expect((await s.exec('docker exec c1 cat /etc/resolv.conf')).output).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect((await s.exec('docker exec c1 ping -c 1 box2')).exit).toBe(0);
    // libnetwork starts the resolver once per sandbox: a disconnect leaves resolv.conf as it is.
    await s.exec('docker network disconnect net1 c1');
    expect((await s.exec('docker exec c1 cat /etc/resolv.conf')).output).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    // A restart builds a new sandbox from the networks it is on.
    await s.exec('docker restart c1');
    expect((await s.exec('docker exec c1 cat /etc/resolv.conf')).output).toBe('nameserver 10.0.2.3\n');
  });

  it("refuses a container on the none network with the daemon's wording", async () => {
    const s = sandbox();
    await s.exec('docker run -d --name n1 --network none busybox sleep 1000');
    expect(await s.exec('docker network connect bridge n1')).toEqual({
      exit: 1,
      output: 'Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode\n',
    });
  });
});
