import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(5) }) });
}

describe('test and [', () => {
  it('tests files against the model: -e -f -d', async () => {
    const s = sandbox();
    const r = await s.exec('[ -d /etc ] && echo dir; [ -f /etc/hosts ] && echo file; [ -e /nope ] || echo missing; [ -f /sys/class/net/lo/mtu ] && echo sysfs');
    expect(r).toEqual({ exit: 0, output: 'dir\nfile\nmissing\nsysfs\n' });
  });

  it('compares strings and integers, with ! -a -o and parentheses', async () => {
    const s = sandbox();
    const r = await s.exec('test -z "" && test -n x && [ a = a ] && [ a != b ] && [ 3 -lt 5 ] && [ 5 -ge 5 ] && ! [ 2 -eq 3 ] && [ ! -d /etc -o 1 -eq 1 ] && [ \\( 1 -ne 2 \\) ] && echo all');
    expect(r).toEqual({ exit: 0, output: 'all\n' });
    expect(await s.exec('[ "" ]')).toEqual({ exit: 1, output: '' });
    expect(await s.exec('[ ]')).toEqual({ exit: 1, output: '' });
  });

  it('reports misuse with status 2 in bash wording', async () => {
    const s = sandbox();
    expect(await s.exec('[ abc -eq 1 ]')).toEqual({ exit: 2, output: 'bash: [: abc: integer expression expected\n' });
    expect(await s.exec('[ 1 = 1')).toEqual({ exit: 2, output: "bash: [: missing `]'\n" });
  });

  it('reports misuse in busybox wording inside a busybox container', async () => {
    const s = sandbox();
    const r = await s.exec("docker run --rm busybox sh -c '[ x = y ]; echo $?; [ 1 -eq q ]; echo $?; [ a; echo $?'");
    expect(r.output).toBe('1\nsh: q: bad number\n2\nsh: missing ]\n2\n');
  });
});
