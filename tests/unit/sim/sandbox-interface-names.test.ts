import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(3) }) });
}

/** The interface names of c1 (`ip -o link`, lo left out). */
async function names(s: SimSandbox): Promise<string[]> {
  const out = (await s.exec('docker exec c1 ip -o link')).output;
  return [...out.matchAll(/^\d+: (eth\d+)@/gm)].map((m) => m[1] ?? '');
}

describe('interface names in a container sandbox', () => {
  it('never reuses an ethN after a disconnect: each connect takes the next one', async () => {
    const s = sandbox();
    await s.exec('docker network create n1');
    await s.exec('docker network create n2');
    await s.exec('docker run -dit --name c1 busybox');
    await s.exec('docker network connect n1 c1');
    await s.exec('docker network connect n2 c1');
    expect(await names(s)).toEqual(['eth0', 'eth1', 'eth2']);
    await s.exec('docker network disconnect n1 c1');
    await s.exec('docker network connect n1 c1');
    expect(await names(s)).toEqual(['eth0', 'eth2', 'eth3']);
    await s.exec('docker network disconnect bridge c1');
    await s.exec('docker network connect bridge c1');
    expect((await s.exec('docker exec c1 ip route')).output).toMatch(/^default via 172\.17\.0\.1 dev eth4 /);
  });

  it('starts again at eth0 in the new sandbox of a restart', async () => {
    const s = sandbox();
    await s.exec('docker network create n1');
    await s.exec('docker run -dit --name c1 busybox');
    await s.exec('docker network connect n1 c1');
    await s.exec('docker network disconnect bridge c1');
    await s.exec('docker network disconnect n1 c1');
    await s.exec('docker network connect n1 c1');
    expect(await names(s)).toEqual(['eth2']);
    await s.exec('docker restart c1');
    expect(await names(s)).toEqual(['eth0']);
  });

  it('does not count a connect the daemon refused', async () => {
    const s = sandbox();
    await s.exec('docker network create --subnet 10.30.0.0/24 ranged');
    await s.exec('docker run -dit --name c1 busybox');
    expect((await s.exec('docker network connect --ip 10.99.0.5 ranged c1')).exit).toBe(1);
    await s.exec('docker network connect --ip 10.30.0.9 ranged c1');
    expect(await names(s)).toEqual(['eth0', 'eth1']);
  });
});

describe('the docker_gwbridge leg of an overlay container', () => {
  it('leaves with the last overlay endpoint, and a new overlay brings it back under the next name', async () => {
    const s = sandbox();
    await s.exec('docker swarm init --advertise-addr 10.0.2.15');
    await s.exec('docker network create -d overlay --attachable ov2');
    await s.exec('docker network create -d overlay --attachable ov3');
    await s.exec('docker run -dit --name c1 --network ov2 busybox');
    expect(await names(s)).toEqual(['eth0', 'eth1']);
    await s.exec('docker network disconnect ov2 c1');
    expect(await names(s)).toEqual([]);
    await s.exec('docker network connect ov3 c1');
    const links = (await s.exec('docker exec c1 ip -o link')).output;
    expect(links).toMatch(/: eth2@\S+ .* mtu 1450 /);
    expect(links).toMatch(/: eth3@\S+ .* mtu 1500 /);
  });
});
