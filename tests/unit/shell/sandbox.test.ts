import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/sandbox/sim/clock.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { FakeSimulation } from './fake-simulation.ts';

describe('SimSandbox.exec', () => {
  it('captures stdout and stderr in order, with the exit status', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect(await sandbox.exec('warn; fail 3')).toEqual({ exit: 3, output: 'out\nerr\n' });
  });

  it('never touches the terminal', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    let shown = '';
    sandbox.terminal().onData((bytes) => (shown += new TextDecoder().decode(bytes)));
    await sandbox.exec('echo hidden');
    expect(shown).toBe('root@node1:~# ');
  });

  it('runs on a virtual clock even when the terminal runs in real time', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation({ clock: new RealClock() }) });
    const started = Date.now();
    const result = await sandbox.exec('ping -c 3 box2 | grep seq=2');
    expect(result.output).toBe('64 bytes from 172.18.0.3: seq=2 ttl=64 time=0.080 ms\n');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('gives up with exit 124 after the timeout, even for a ping without -c', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation({ clock: new RealClock() }) });
    const result = await sandbox.exec('ping box2', { timeoutMs: 5000 });
    expect(result.exit).toBe(124);
    expect(result.output).toContain('6 packets transmitted');
    expect((await sandbox.exec('stubborn', { timeoutMs: 50 })).exit).toBe(124);
  });

  it('reports syntax errors the way bash -c does', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect(await sandbox.exec('echo "a')).toEqual({
      exit: 2,
      output: 'bash: -c: line 1: unexpected EOF while looking for matching `"\'\nbash: -c: line 1: syntax error: unexpected end of file\n',
    });
    expect(await sandbox.exec('echo a | | b')).toEqual({
      exit: 2,
      output: "bash: -c: line 1: syntax error near unexpected token `|'\nbash: -c: line 1: `echo a | | b'\n",
    });
  });

  it('answers for an unknown node without throwing', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect(await sandbox.exec('echo x', { node: 'node9' })).toEqual({ exit: 1, output: 'no node named "node9" in this sandbox\n' });
  });
});

describe('SimSandbox terminals', () => {
  it('returns the same stream for the same node, and one per node', () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation({ nodes: ['node1', 'node2'] }) });
    expect(sandbox.terminal()).toBe(sandbox.terminal('node1'));
    expect(sandbox.terminal('node2')).not.toBe(sandbox.terminal('node1'));
  });

  it('prints the first prompt when the terminal is first subscribed to', () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation({ nodes: ['node1', 'node2'] }) });
    const stream = sandbox.terminal('node2');
    let shown = '';
    stream.onData((bytes) => (shown += new TextDecoder().decode(bytes)));
    expect(shown).toBe('root@node2:~# ');
  });

  it('close ends a running command and the shells, and is idempotent', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation({ clock: new RealClock() }) });
    const stream = sandbox.terminal();
    stream.onData(() => {});
    stream.write(new TextEncoder().encode('sleep 100\r'));
    const check = sandbox.exec('sleep 100', { timeoutMs: 60_000 });
    await sandbox.close();
    await sandbox.close();
    expect((await check).exit).toBe(130);
    stream.write(new TextEncoder().encode('echo after close\r'));
  });

  it('tells about an unknown node on its terminal', () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    let shown = '';
    sandbox.terminal('nope').onData((bytes) => (shown += new TextDecoder().decode(bytes)));
    expect(shown).toBe('vethlab: there is no node named "nope" in this sandbox\r\n');
  });
});

describe('SimSandbox.replay', () => {
  it('interrupts a line that would run forever on the virtual clock', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    const records: { cmd: string; output: string; exit: number }[] = [];
    await sandbox.replay(['ping box2', 'echo next'], (r) => records.push(r), { budget: { clockMs: 5_000, realMs: 10_000 } });
    expect(records[0]?.output).toContain('6 packets transmitted');
    expect(records[1]).toEqual({ cmd: 'echo next', output: 'next\n', exit: 0 });
  });

  it('interrupts a loop that never sleeps once the real-time budget is spent', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    const records: { cmd: string; output: string; exit: number }[] = [];
    await sandbox.replay(['while true; do echo y; done', 'echo next'], (r) => records.push(r), {
      budget: { clockMs: 5_000, realMs: 100 },
    });
    expect(records[0]?.exit).toBe(130);
    expect(records[1]).toEqual({ cmd: 'echo next', output: 'next\n', exit: 0 });
  });

  it('exec stops a loop that never sleeps at its timeout', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect((await sandbox.exec('while true; do echo y; done', { timeoutMs: 100 })).exit).toBe(124);
  });
});
