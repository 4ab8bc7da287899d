/**
 * Test helper: a simulated sandbox on a virtual clock with a fixed seed, after `lines` ran at its
 * host prompt (each must succeed).
 */
import { expect } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

/** A fresh sandbox (seed 7) after `lines`. */
export async function sandboxAfter(...lines: string[]): Promise<SimSandbox> {
  const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(7) }) });
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}
