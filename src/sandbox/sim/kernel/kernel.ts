/**
 * One machine's kernel: its hostname (UTS), initial network namespace, randomness and background
 * timers. Docker and the userland act on it; the simulation holds one per node.
 */
import type { Clock } from '../clock.ts';
import { createNetns, type Netns } from './netns.ts';
import type { Random } from './random.ts';
import { Timers } from './timers.ts';

/** A machine's kernel state. */
export interface Kernel {
  hostname: string;
  random: Random;
  clock: Clock;
  timers: Timers;
  /** The host's namespace (init_net). */
  init: Netns;
  nextInode: number;
  /** Boot time, for uptime and plausible counters. */
  bootedAt: number;
}

/** Boot a kernel: init_net with lo up. */
export function bootKernel(hostname: string, clock: Clock, random: Random): Kernel {
  const kernel = { hostname, random, clock, timers: new Timers(clock), nextInode: 4026531992, bootedAt: clock.now() - 3_600_000 } as Kernel;
  kernel.init = createNetns(kernel);
  const lo = kernel.init.links[0]!;
  lo.up = true;
  return kernel;
}
