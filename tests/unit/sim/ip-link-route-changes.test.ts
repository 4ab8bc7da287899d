import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(13) }) });
}

/** The host-side veth of the only container, by its eth0's iflink. */
async function hostVeth(s: SimSandbox, container: string): Promise<string> {
  const iflink = (await s.exec(`docker exec ${container} cat /sys/class/net/eth0/iflink`)).output.trim();
  const links = (await s.exec('ip link')).output;
  const m = new RegExp(`^${iflink}: (veth\\w+)@`, 'm').exec(links);
  if (!m) throw new Error(`no veth with ifindex ${iflink}`);
  return m[1]!;
}

describe('ip link set and ip route change the model', () => {
  it('a veth taken off docker0 cuts its container off; master docker0 puts it back', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name b1 busybox sleep 1000');
    const veth = await hostVeth(s, 'b1');
    expect((await s.exec('docker exec b1 ping -c 1 -W 1 172.17.0.1')).exit).toBe(0);
    expect(await s.exec(`ip link set ${veth} nomaster`)).toEqual({ exit: 0, output: '' });
    expect((await s.exec('ip link show master docker0')).output).not.toContain(veth);
    expect((await s.exec('docker exec b1 ping -c 1 -W 1 172.17.0.1')).exit).toBe(1);
    await s.exec(`ip link set ${veth} master docker0`);
    expect((await s.exec('docker exec b1 ping -c 1 -W 1 172.17.0.1')).exit).toBe(0);
    await s.exec(`ip link set ${veth} down`);
    expect((await s.exec('docker exec b1 ping -c 1 -W 1 172.17.0.1')).exit).toBe(1);
  });

  it("changes a container's default route only with NET_ADMIN", async () => {
    const s = sandbox();
    await s.exec('docker run -d --name plain busybox sleep 1000');
    await s.exec('docker run -d --name admin --cap-add NET_ADMIN busybox sleep 1000');
    expect(await s.exec('docker exec plain ip route del default')).toEqual({ exit: 2, output: 'ip: RTNETLINK answers: Operation not permitted\n' });
    expect((await s.exec('docker exec admin ip route del default')).exit).toBe(0);
    expect((await s.exec('docker exec admin ip route')).output).toBe('172.17.0.0/16 dev eth0 scope link  src 172.17.0.3 \n');
    expect((await s.exec('docker exec admin ping -c 1 10.0.2.2')).output).toContain('ping: sendto: Network is unreachable');
    expect((await s.exec('docker exec admin ip route add default via 172.17.0.1')).exit).toBe(0);
    expect((await s.exec('docker exec admin ping -c 1 10.0.2.2')).exit).toBe(0);
  });
});
