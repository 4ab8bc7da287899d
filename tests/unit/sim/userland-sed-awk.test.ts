import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(9) }) });
}

describe('sed', () => {
  it('substitutes the first match, or all with g', async () => {
    const s = sandbox();
    expect((await s.exec('echo hello world | sed s/o/0/')).output).toBe('hell0 world\n');
    expect((await s.exec("echo hello world | sed 's/o/0/g'")).output).toBe('hell0 w0rld\n');
    expect((await s.exec("echo abc | sed 's/\\(a\\)\\(b\\)/\\2\\1/; s/c/[&]/'")).output).toBe('ba[c]\n');
  });

  it("prints the Nth line of the model's files with -n Np", async () => {
    const s = sandbox();
    expect(await s.exec("sed -n '1p' /etc/resolv.conf")).toEqual({ exit: 0, output: 'nameserver 10.0.2.3\n' });
    expect((await s.exec('ip route | sed -n 1p')).output).toMatch(/^default via 10\.0\.2\.2 dev eth0/);
    expect((await s.exec("docker run --rm busybox sed -n '/nameserver/p' /etc/resolv.conf")).output).toBe('nameserver 10.0.2.3\n');
  });

  it('refuses commands it does not know, in GNU wording', async () => {
    const s = sandbox();
    expect(await s.exec("echo a | sed 'k'")).toEqual({ exit: 1, output: "sed: -e expression #1, char 1: unknown command: `k'\n" });
  });
});

describe('awk', () => {
  it('splits on a single character or a regex given with -F', async () => {
    const s = sandbox();
    expect((await s.exec("echo 'a:b:c' | awk -F: '{print $2}'")).output).toBe('b\n');
    expect((await s.exec("echo 'a1b22c' | awk -F'[0-9]+' '{print $3}'")).output).toBe('c\n');
    expect((await s.exec("echo 'a.b.c' | awk -F. '{print $2}'")).output).toBe('b\n');
  });

  it('split() fills an array', async () => {
    const s = sandbox();
    const r = await s.exec('ip -4 addr show eth0 | awk \'/inet / {split($2, a, "/"); print a[1], a[2]}\'');
    expect(r).toEqual({ exit: 0, output: '10.0.2.15 24\n' });
  });
});
