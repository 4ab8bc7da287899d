/**
 * Namespace files (fs/nsfs.c and the mounts on them): a network namespace outlives its processes
 * while a file holds it. `ip netns add NAME` creates a namespace and bind-mounts it on
 * /run/netns/NAME; `ip netns attach` and `ln -s /proc/PID/ns/net …` name one that already exists
 * (a container's); `ip netns delete` unmounts, and the namespace goes when nothing holds it.
 * Paths are kept in creation order; directory listings show the newest first, as tmpfs does.
 */
import { createNetns, deleteNetns, type Netns } from './netns.ts';
import type { Errno } from './errno.ts';
import type { Kernel } from './kernel.ts';

/** What a namespace file is. */
export interface NsFile {
  /** The namespace held; a symlink only points at a path (followed when opened) and holds none. */
  ns?: Netns;
  /** A symbolic link (to /proc/PID/ns/net) rather than a bind mount. */
  symlink?: string;
}

/** Create a namespace held by a bind mount at `path` (`ip netns add`); EEXIST when the path is taken. */
export function createNamedNetns(kernel: Kernel, path: string): Netns | Errno {
  if (kernel.nsFiles.has(path)) return 'EEXIST';
  const ns = createNetns(kernel);
  ns.heldByFilesOnly = true;
  kernel.nsFiles.set(path, { ns });
  kernel.nsDirs.add(parentOf(path));
  return ns;
}

/** Name an existing namespace at `path` with a bind mount (`ip netns attach`); EEXIST when taken. */
export function attachNetns(kernel: Kernel, path: string, ns: Netns): Errno | undefined {
  if (kernel.nsFiles.has(path)) return 'EEXIST';
  kernel.nsFiles.set(path, { ns });
  kernel.nsDirs.add(parentOf(path));
  return undefined;
}

/** A symbolic link at `path` to `target` (e.g. /proc/PID/ns/net) in a namespace directory; EEXIST when taken. */
export function symlinkNsFile(kernel: Kernel, path: string, target: string): Errno | undefined {
  if (kernel.nsFiles.has(path)) return 'EEXIST';
  if (!kernel.nsDirs.has(parentOf(path))) return 'ENOENT';
  kernel.nsFiles.set(path, { symlink: target });
  kernel.nsDirs.add(parentOf(path));
  return undefined;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** The namespace file at `path`. */
export function nsFileAt(kernel: Kernel, path: string): NsFile | undefined {
  return kernel.nsFiles.get(path);
}

/**
 * Remove the file at `path` (umount + unlink); ENOENT when there is none. A namespace only files
 * hold (`ip netns add` made it) is destroyed with the last one; a container's stays with its
 * processes. (Programs run in a named namespace end with the command that started them, so they
 * never hold one.)
 */
export function removeNsFile(kernel: Kernel, path: string): Errno | undefined {
  const file = kernel.nsFiles.get(path);
  if (!file) return 'ENOENT';
  kernel.nsFiles.delete(path);
  const held = [...kernel.nsFiles.values()].some((f) => f.ns === file.ns);
  if (file.ns?.heldByFilesOnly && !held) deleteNetns(file.ns);
  return undefined;
}

/** The files directly in `dir` (e.g. "/run/netns"), newest first, as `ls` and `ip netns list` see them. */
export function nsFilesIn(kernel: Kernel, dir: string): { name: string; file: NsFile }[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const out: { name: string; file: NsFile }[] = [];
  for (const [path, file] of kernel.nsFiles) {
    const name = path.slice(prefix.length);
    if (path.startsWith(prefix) && !name.includes('/')) out.push({ name, file });
  }
  return out.reverse();
}
