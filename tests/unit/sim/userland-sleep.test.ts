import { describe, expect, it } from 'vitest';
import { Interrupted, VirtualClock, type Clock } from '../../../src/sandbox/sim/clock.ts';
import { NotATerminalError, type ProgramContext } from '../../../src/sandbox/sim/userland/program.ts';
import { newSim, run } from './run-program.ts';

/** Run `sleep 5` with `clock` as its process clock; returns the status and stderr. */
async function sleepOn(clock: Clock, signal = new AbortController().signal): Promise<{ code: number; err: string }> {
  const sim = newSim();
  const program = sim.lookup({ node: 'node1' }, 'sleep')!;
  let err = '';
  const ctx: ProgramContext = {
    argv: ['sleep', '5'],
    io: { stdin: '', stdout: () => {}, stderr: (t) => void (err += t) },
    target: { node: 'node1' },
    signal,
    clock,
    interactive: false,
    env: {},
    session: { enterShell: () => Promise.reject(new NotATerminalError('no terminal')), history: () => [], columns: () => 80, locale: () => 'en' },
  };
  return { code: await program(ctx), err };
}

describe('sleep', () => {
  it('waits on the clock and succeeds', async () => {
    const sim = newSim();
    const before = sim.clock.now();
    expect((await run(sim, 'sleep 2')).code).toBe(0);
    expect(sim.clock.now() - before).toBeGreaterThanOrEqual(2000);
  });

  it('Ctrl-C (an Interrupted wait) ends it with 130', async () => {
    const stop = new AbortController();
    stop.abort();
    expect((await sleepOn(new VirtualClock(), stop.signal)).code).toBe(130);
    const interrupted: Clock = { now: () => 0, sleep: () => Promise.reject(new Interrupted()) };
    expect((await sleepOn(interrupted)).code).toBe(130);
  });

  it('any other failure is reported as a crash, not mistaken for Ctrl-C', async () => {
    const broken: Clock = { now: () => 0, sleep: () => Promise.reject(new Error('clock is broken')) };
    const r = await sleepOn(broken);
    expect(r.code).toBe(139);
    expect(r.err).toBe('sleep: internal error: clock is broken\n');
  });
});
