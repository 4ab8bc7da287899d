/**
 * The machines of one sandbox as programs reach them: each node's kernel, Docker daemon and the
 * few host files that are not derived from the model (resolv.conf from DHCP, /etc/hosts).
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Daemon } from '../daemon/daemon.ts';
import type { ProcessTable } from './process-table.ts';

/** One host of the sandbox. */
export interface Node {
  name: string;
  kernel: Kernel;
  daemon: Daemon;
  /** Host files that are plain configuration, keyed by absolute path. */
  files: Map<string, string>;
  /** Programs installed on the host. */
  programs: Set<string>;
  /** Folders shared by all hosts (Vagrant's /vagrant): one file map for everyone. */
  shared?: SharedFolders;
  /** Programs running besides containers' main processes (for ps). */
  processes: ProcessTable;
}

/** Folders every host of the sandbox mounts (a synced folder). */
export interface SharedFolders {
  /** Absolute paths, e.g. "/vagrant". */
  paths: readonly string[];
  files: Map<string, string>;
}

/** All hosts of one sandbox. */
export interface World {
  nodes: Map<string, Node>;
}
