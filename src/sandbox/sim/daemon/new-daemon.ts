/**
 * dockerd's record before it starts: empty lists, fresh allocators, the time it was started. Apart
 * from daemon.ts (bootDaemon, startDaemon) so that a machine can boot with its daemon's record and
 * the daemon start a moment later: the browser's sandbox worker prints the first prompt before the
 * daemon's code has arrived, and starts it before anything else runs (src/sandbox/worker/journal.ts).
 */
import type { Clock } from '../clock.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Daemon } from './daemon.ts';
import type { Image } from './image-catalog.ts';
import { Ipam } from './ipam.ts';
import { PortAllocator } from './portallocator.ts';

/** The record of a dockerd on `kernel`, started (as far as its timestamps go) now; bootDaemon does the rest. */
export function newDaemon(kernel: Kernel, clock: Clock, hostResolvConf: string, images: Image[]): Daemon {
  return {
    kernel,
    clock,
    random: kernel.random,
    startedAt: clock.now(),
    images,
    containers: [],
    networks: [],
    ipam: new Ipam(),
    globalIpam: new Ipam(),
    ports: new PortAllocator(),
    sandboxIfIndexes: new WeakMap(),
    hostResolvConf,
    nextPid: 2000,
    stopWatchers: new Set(),
    swarmLocal: {},
  };
}
