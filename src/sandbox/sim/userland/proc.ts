/**
 * A process's view of its machine: which node, which container (if any), its network namespace,
 * hostname, and which flavour of tools it has. Programs start from here instead of digging
 * through the world themselves.
 */
import type { Container } from '../daemon/container.ts';
import { containerHostname, findContainer } from '../daemon/container.ts';
import type { Daemon } from '../daemon/daemon.ts';
import type { OsFamily, Toolset } from '../daemon/image-catalog.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Netns } from '../kernel/netns.ts';
import type { Node, World } from './machine.ts';
import type { ExecTarget } from './program.ts';

/** Everything a program needs to know about where it runs. */
export interface Proc {
  world: World;
  node: Node;
  kernel: Kernel;
  daemon: Daemon;
  container?: Container;
  netns: Netns;
  toolset: Toolset;
  os: OsFamily | 'host';
  /** The container whose hostname the process sees, when it entered another UTS namespace (nsenter -u). */
  uts?: Container;
  /** The process's pid as its own pid namespace numbers it (a container's main process is 1). */
  pid?: number;
}

/** Resolve an exec target; undefined when the node is unknown or the container is not running. */
export function procFor(world: World, target: ExecTarget): Proc | undefined {
  const node = world.nodes.get(target.node);
  if (!node) return undefined;
  const uts = target.utsOf === undefined ? undefined : findContainer(node.daemon.containers, target.utsOf);
  const base = { world, node, kernel: node.kernel, daemon: node.daemon, ...(uts ? { uts } : {}) };
  if (target.container === undefined) return { ...base, netns: target.netns ?? node.kernel.init, toolset: 'gnu', os: 'host' };
  const c = findContainer(node.daemon.containers, target.container);
  if (c?.status !== 'running' || !c.netns) return undefined;
  return { ...base, container: c, netns: target.netns ?? c.netns, toolset: c.config.image.toolset, os: c.config.image.os };
}

/** The hostname the process's UTS namespace reports. */
export function procHostname(p: Proc): string {
  const c = p.uts ?? p.container;
  if (!c) return p.kernel.hostname;
  const mode = c.config.networkMode;
  if (mode === 'host') return p.kernel.hostname;
  if (mode.startsWith('container:')) {
    const other = findContainer(p.daemon.containers, mode.slice('container:'.length));
    if (other) return containerHostname(other);
  }
  return containerHostname(c);
}
