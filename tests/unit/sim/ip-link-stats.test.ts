/**
 * `ip -s link` prints the kernel's per-device counters, which the packet walk moves (recorded in
 * tests/fidelity/scenarios/link-stats.sh): a veth counts each frame with its Ethernet header,
 * ARP frames included; lo counts the IP packet (the DNS questions and answers to 127.0.0.11).
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { bootKernel } from '../../../src/sandbox/sim/kernel/kernel.ts';
import { loopback } from '../../../src/sandbox/sim/kernel/netns.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { linkStatsLines } from '../../../src/sandbox/sim/userland/link-stats-display.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

async function sandbox(...lines: string[]): Promise<SimSandbox> {
  const s = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(7) }) });
  for (const line of lines) expect((await s.exec(line, { timeoutMs: 60_000 })).exit, line).toBe(0);
  return s;
}

const inBox = (name: string, cmd: string): string => `nsenter -t $(docker inspect -f '{{.State.Pid}}' ${name}) -n ${cmd}`;
const userNetwork = ['docker network create un', 'docker run -dit --name b1 --network un busybox', 'docker run -dit --name b2 --network un busybox'];

describe('ip -s link', () => {
  it('counts a ping by name: ARP and two echoes on eth0, the two DNS questions and answers on lo', async () => {
    const s = await sandbox(...userNetwork, 'docker exec b1 ping -c 2 b2');
    const { output, exit } = await s.exec(inBox('b1', 'ip -s link'));
    expect(exit).toBe(0);
    const lo = [
      '    RX:  bytes packets errors dropped  missed   mcast           ',
      '           210       4      0       0       0       0 ',
      '    TX:  bytes packets errors dropped carrier collsns           ',
      '           210       4      0       0       0       0 ',
    ];
    const eth0 = [
      '    RX:  bytes packets errors dropped  missed   mcast           ',
      '           238       3      0       0       0       0 ',
      '    TX:  bytes packets errors dropped carrier collsns           ',
      '           238       3      0       0       0       0 ',
    ];
    expect(output).toContain(`link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n${lo.join('\n')}\n`);
    expect(output).toContain(`link-netnsid 0\n${eth0.join('\n')}\n`);
  });

  it('adds the error breakdowns with -s -s, the carrier changes of a veth in transns', async () => {
    const s = await sandbox(...userNetwork);
    const { output } = await s.exec(inBox('b2', 'ip -s -s link show eth0'));
    expect(output).toContain('    RX errors:  length    crc   frame    fifo overrun\n                     0      0       0       0       0 \n');
    expect(output).toContain('    TX errors: aborted   fifo  window heartbt transns\n                     0      0       0       0       2 \n');
  });

  it('widens a column for a large counter (iproute2 sizes columns to the widest number)', () => {
    const kernel = bootKernel('node1', new VirtualClock(), seededRandom(1));
    const lo = loopback(kernel.init);
    lo.stats.rxBytes = 123_456_789_012;
    lo.stats.rxPackets = 98_765_432;
    expect(linkStatsLines(lo, 1)).toEqual([
      '    RX:    bytes  packets errors dropped  missed   mcast           ',
      '    123456789012 98765432      0       0       0       0 ',
      '    TX:    bytes  packets errors dropped carrier collsns           ',
      '               0        0      0       0       0       0 ',
    ]);
  });

  it("-br ignores -s, a missing device is iproute2's error", async () => {
    const s = await sandbox(...userNetwork);
    expect((await s.exec(inBox('b2', 'ip -s -br link'))).output).not.toContain('RX:');
    expect(await s.exec(inBox('b2', 'ip -s link show nosuch'))).toEqual({ exit: 1, output: 'Device "nosuch" does not exist.\n' });
  });
});
