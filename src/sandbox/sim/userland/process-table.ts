/**
 * The processes a node runs besides each container's main process (which the daemon's container
 * record already describes): programs started from a shell or by `docker exec`, and daemons that
 * detach (busybox httpd). Entries are added when a program starts and dropped when it returns;
 * pids come from counters, so listings repeat on replay. A container's entries die with it (the
 * generation check), as its pid namespace does.
 */
import type { Container } from '../daemon/container.ts';
import type { Netns } from '../kernel/netns.ts';

/** One process. */
export interface ProcessEntry {
  /** The pid in the host's namespace. */
  pid: number;
  /** The pid inside the container's namespace (equal to pid on the host). */
  nspid: number;
  /** Full container id; undefined for a host process. */
  container?: string;
  /** The container's generation when it started (a restart starts a new pid namespace). */
  generation?: number;
  argv: readonly string[];
  /** Start time, the model's clock (ms). */
  started: number;
  /** Controlling terminal ("pts/0"), undefined for none. */
  tty?: string;
  /** The network namespace it entered (`ip netns exec`), when not its container's or the host's. */
  netns?: Netns;
}

/** A node's process table. */
export interface ProcessTable {
  entries: ProcessEntry[];
  nextPid: number;
  /** Next pid inside each container's namespace, keyed by `${id}:${generation}`. */
  nsNext: Map<string, number>;
}

/** An empty table; host pids of programs start above the login shell's (1021). */
export function newProcessTable(): ProcessTable {
  return { entries: [], nextPid: 1100, nsNext: new Map() };
}

/** Whether `e` still lives: host processes always, container ones while that run of it lasts. */
export function isLive(e: ProcessEntry, containers: readonly Container[]): boolean {
  if (e.container === undefined) return true;
  const c = containers.find((x) => x.id === e.container);
  return c !== undefined && c.status === 'running' && c.generation === e.generation;
}

/** Add a process (on the host, or in `c`); returns its entry for `exitProcess`. */
export function spawnProcess(table: ProcessTable, now: number, argv: readonly string[], c?: Container, tty?: string, netns?: Netns): ProcessEntry {
  table.nextPid += 3;
  const pid = table.nextPid;
  let nspid = pid;
  if (c) {
    const key = `${c.id}:${c.generation}`;
    // PID 1 is the main process; runc's init takes a few pids before each exec'd process.
    nspid = table.nsNext.get(key) ?? 7;
    table.nsNext.set(key, nspid + 6);
  }
  const e: ProcessEntry = { pid, nspid, argv: [...argv], started: now, ...(c ? { container: c.id, generation: c.generation } : {}), ...(tty ? { tty } : {}), ...(netns ? { netns } : {}) };
  table.entries.push(e);
  return e;
}

/** Remove a process that returned. */
export function exitProcess(table: ProcessTable, e: ProcessEntry): void {
  const i = table.entries.indexOf(e);
  if (i >= 0) table.entries.splice(i, 1);
}

/** Drop entries of containers that stopped (called when listing). */
export function reapProcesses(table: ProcessTable, containers: readonly Container[]): void {
  table.entries = table.entries.filter((e) => isLive(e, containers));
  for (const key of [...table.nsNext.keys()]) {
    const [id, gen] = key.split(':');
    const c = containers.find((x) => x.id === id);
    if (c?.status !== 'running' || String(c.generation) !== gen) table.nsNext.delete(key);
  }
}
