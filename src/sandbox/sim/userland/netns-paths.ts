/**
 * How userland names network namespaces: a file under /run/netns (iproute2's NETNS_RUN_DIR) or a
 * process's /proc/PID/ns/net. `ip netns`, `ip -n`, `ip link set … netns` and `nsenter` all find
 * namespaces here, from the kernel's namespace files, the daemon's containers and the process table.
 */
import { findContainer, type Container } from '../daemon/container.ts';
import type { Netns } from '../kernel/netns.ts';
import { nsFileAt, nsFilesIn } from '../kernel/nsfs.ts';
import type { Proc } from './proc.ts';

/** Where `ip netns add` mounts namespaces. */
export const NETNS_RUN_DIR = '/run/netns';

/** Docker's own namespace files (sandbox keys), not under /run/netns: `ip netns` does not list them. */
export const DOCKER_NETNS_DIR = '/var/run/docker/netns';

/** The path `ip netns` uses for NAME. */
export function netnsPath(name: string): string {
  return `${NETNS_RUN_DIR}/${name}`;
}

/** A live process's namespaces as /proc/PID/ns shows them: its network namespace and container. */
export interface ProcessNamespaces {
  netns: Netns;
  /** The container whose mount, UTS and pid namespaces it is in; undefined on the host. */
  container?: Container;
}

/** The namespaces of process `pid` on this machine; undefined when no such process runs. */
export function processNamespaces(p: Proc, pid: number): ProcessNamespaces | undefined {
  if (pid === 1) return { netns: p.kernel.init };
  const containers = p.daemon.containers;
  const main = containers.find((c) => c.status === 'running' && c.pid === pid);
  if (main?.netns) return { netns: main.netns, container: main };
  const e = p.node.processes.entries.find((x) => x.pid === pid);
  if (!e) return undefined;
  if (e.container === undefined) return { netns: e.netns ?? p.kernel.init };
  const c = findContainer(containers, e.container);
  if (!c?.netns || c.status !== 'running') return undefined;
  return { netns: e.netns ?? c.netns, container: c };
}

/** The namespace of process `pid` (/proc/PID/ns/net); undefined when no such process. */
export function netnsOfPid(p: Proc, pid: number): Netns | undefined {
  return processNamespaces(p, pid)?.netns;
}

/** The pid in a /proc/PID/ns/net path, if it is one. */
export function pidOfNsPath(path: string): number | undefined {
  const m = /^\/proc\/(\d+)\/ns\/net$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/** Docker's namespace files: each running container's sandbox key (its first 12 hex) and namespace. */
function dockerSandboxKeys(p: Proc): { key: string; netns: Netns }[] {
  return p.daemon.containers.flatMap((c) => (c.status === 'running' && c.netns ? [{ key: c.sandboxId.slice(0, 12), netns: c.netns }] : []));
}

/** The namespace the file at `path` holds; a symlink is followed to its process (dangling when it died). */
export function netnsAtPath(p: Proc, path: string): Netns | undefined {
  const run = runPath(path);
  // `docker inspect -f '{{.NetworkSettings.SandboxKey}}'` names these bind-mounted namespace files.
  const dockerDir = runPath(DOCKER_NETNS_DIR);
  if (run.startsWith(`${dockerDir}/`)) return dockerSandboxKeys(p).find((e) => run === `${dockerDir}/${e.key}`)?.netns;
  const file = nsFileAt(p.kernel, path);
  if (!file) {
    const pid = pidOfNsPath(path);
    return pid === undefined ? undefined : netnsOfPid(p, pid);
  }
  if (file.symlink === undefined) return file.ns;
  const pid = pidOfNsPath(file.symlink);
  return pid === undefined ? undefined : netnsOfPid(p, pid);
}

/** The namespace `ip netns` calls NAME. */
export function namedNetns(p: Proc, name: string): Netns | undefined {
  return netnsAtPath(p, netnsPath(name));
}

/** The names /run/netns gives `ns`, newest first (symlinks followed). */
export function netnsNames(p: Proc, ns: Netns): string[] {
  return nsFilesIn(p.kernel, NETNS_RUN_DIR)
    .filter((e) => netnsAtPath(p, netnsPath(e.name)) === ns)
    .map((e) => e.name);
}

/** A host path with Debian's /var/run → /run symlink followed. */
export function runPath(path: string): string {
  return path === '/var/run' || path.startsWith('/var/run/') ? path.slice('/var'.length) : path;
}

/**
 * The entries of a namespace directory on the host: /run/netns once `ip netns` made it, and
 * Docker's /run/docker/netns (a sandbox key per running container). Undefined for other paths.
 */
export function namespaceDirEntries(p: Proc, path: string): string[] | undefined {
  const dir = runPath(path);
  if (dir === runPath(DOCKER_NETNS_DIR)) return dockerSandboxKeys(p).map((e) => e.key);
  if (!p.kernel.nsDirs.has(dir)) return undefined;
  return nsFilesIn(p.kernel, dir).map((e) => e.name);
}
