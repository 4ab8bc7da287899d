/**
 * One machine's kernel: its hostname (UTS), initial network namespace, randomness and background
 * timers. Docker and the userland act on it; the simulation holds one per node.
 */
import type { Clock } from '../clock.ts';
import { createNetns, loopback, type Netns } from './netns.ts';
import type { NsFile } from './nsfs.ts';
import type { Random } from './random.ts';
import { setLinkUp } from './rtnetlink/links.ts';
import { Timers } from './timers.ts';
import { createTracer, type Tracer } from './trace.ts';

/** A machine's kernel state. */
export interface Kernel {
  hostname: string;
  random: Random;
  clock: Clock;
  timers: Timers;
  /** The host's namespace (init_net). */
  init: Netns;
  nextInode: number;
  /** Online CPUs (the VM's two vCPUs): per-CPU tables such as conntrack's statistics have one row each. */
  cpus: number;
  /** Boot time, for uptime and plausible counters. */
  bootedAt: number;
  /** Namespace files by absolute path (/run/netns/NAME): what keeps named namespaces alive. */
  nsFiles: Map<string, NsFile>;
  /** Directories namespace files were made in (`ip netns add` mkdirs /run/netns; it stays). */
  nsDirs: Set<string>;
  /** Where packet traces are recorded: the simulation's, shared by all its machines. */
  tracer: Tracer;
}

/** Boot a kernel: init_net with lo up. Machines of one simulation share its `tracer`. */
export function bootKernel(hostname: string, clock: Clock, random: Random, tracer: Tracer = createTracer()): Kernel {
  const kernel = { hostname, random, clock, timers: new Timers(clock), cpus: 2, nextInode: 4026531992, bootedAt: clock.now() - 3_600_000, tracer, nsFiles: new Map(), nsDirs: new Set() } as Kernel;
  kernel.init = createNetns(kernel);
  setLinkUp(loopback(kernel.init), true);
  return kernel;
}
