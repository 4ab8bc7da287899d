/**
 * The machines of one sandbox as programs reach them: each node's kernel, Docker daemon and the
 * few host files that are not derived from the model (resolv.conf from DHCP, /etc/hosts).
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Daemon } from '../daemon/daemon.ts';

/** One host of the sandbox. */
export interface Node {
  name: string;
  kernel: Kernel;
  daemon: Daemon;
  /** Host files that are plain configuration, keyed by absolute path. */
  files: Map<string, string>;
  /** Programs installed on the host. */
  programs: Set<string>;
}

/** All hosts of one sandbox. */
export interface World {
  nodes: Map<string, Node>;
}
