/**
 * docker container prune (moby daemon/prune.go ContainersPrune): every container that does not
 * run goes, and the space of its writable layer is reported as reclaimed.
 */
import type { Container } from './container.ts';
import { removeContainer, type Daemon } from './daemon.ts';

/**
 * The bytes of a container's writable layer: what the learner wrote inside (resolv.conf, hosts and
 * hostname are bind mounts, outside the layer, so a fresh container has 0B).
 */
export function writableLayerSize(c: Container): number {
  let size = 0;
  for (const content of c.files.values()) size += new TextEncoder().encode(content).length;
  return size;
}

/** Remove the containers that are not running: their ids, newest first (the store's List), and the bytes freed. */
export function pruneContainers(d: Daemon): { deleted: string[]; reclaimed: number } {
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of [...d.containers].reverse().sort((a, b) => b.created - a.created)) {
    if (c.status === 'running') continue;
    const size = writableLayerSize(c);
    if (!removeContainer(d, c, false).ok) continue;
    deleted.push(c.id);
    reclaimed += size;
  }
  return { deleted, reclaimed };
}
