import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import type { TypedLineRecord } from '../../../src/sandbox/sim/shell/scripted-terminal.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

const LINES = [
  'for i in 1 2 3; do echo $RANDOM; done',
  'docker run -d busybox sleep 1000',
  'docker run -d --name web nginx',
  "docker ps --format '{{.Names}} {{.ID}}'",
  'docker inspect -f "{{.NetworkSettings.MacAddress}}" web',
  'while true; do echo x; done',
  'echo $RANDOM',
];

/** Replay LINES on a fresh sandbox built on `seed`, with a short per-line clock budget. */
async function replay(seed: number): Promise<TypedLineRecord[]> {
  const simulation = createSimulation({ clock: new VirtualClock(), random: seededRandom(seed) });
  const sandbox = new SimSandbox({ simulation });
  const records: TypedLineRecord[] = [];
  // The busy loop ends when its line's clock budget is spent: it costs clock time, not real time.
  // 20 ms of clock is 20 loop slices (over a thousand iterations): enough to show the loop stopped at
  // the same place twice, without a CPU-bound run that outlasts the test's timeout on a busy machine.
  await sandbox.replay(LINES, (r) => records.push(r), { budget: { clockMs: 20, realMs: 60_000 } });
  return records;
}

describe('determinism', () => {
  it('two sandboxes on the same seed and clock show the same output for the same input', async () => {
    const first = await replay(7);
    const second = await replay(7);
    expect(second).toEqual(first);
    // $RANDOM comes from the model's seeded source, in bash's range.
    const randoms = first[0]!.output.trim().split('\n').map(Number);
    expect(randoms).toHaveLength(3);
    for (const n of randoms) expect(n >= 0 && n < 32768).toBe(true);
    // The busy loop got exactly as far in both: its progress is counted on the clock.
    const loops = first[5]!.output.split('\n').filter((l) => l === 'x').length;
    expect(loops).toBeGreaterThan(64);
    expect(first[5]!.exit).toBe(130);
  });

  it('a different seed draws different names and numbers', async () => {
    const a = await replay(7);
    const b = await replay(8);
    expect(b[3]!.output).not.toBe(a[3]!.output);
    expect(b[0]!.output).not.toBe(a[0]!.output);
  });
});
