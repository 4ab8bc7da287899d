/**
 * Test helper: a simulated sandbox on a virtual clock with a fixed seed, after `lines` ran at its
 * host prompt (each must succeed).
 */
import { expect } from 'vitest';
import type { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { newSandbox } from './run-program.ts';

/** A fresh sandbox (seed 7) after `lines`. */
export async function sandboxAfter(...lines: string[]): Promise<SimSandbox> {
  const sandbox = newSandbox(7);
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}
