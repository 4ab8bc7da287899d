/**
 * Resource limits of one sandbox host, in the units people write (SANDBOX_MEMORY=1g,
 * SANDBOX_CPUS=1, SANDBOX_PIDS=1000) and in the HostConfig fields the engine wants.
 */

export interface SandboxLimits {
  /** Bytes of memory (RAM, no swap on top) for the whole sandbox host, its inner containers included. */
  memoryBytes: number;
  /** CPUs, fractional allowed. */
  cpus: number;
  /** Processes and threads, inner containers included: a fork bomb stops here. */
  pids: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryBytes: 1024 ** 3, cpus: 1, pids: 1000 };

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size like docker's `--memory` (`512m`, `1g`, `1073741824`) in bytes; undefined when it is not one. */
export function readBytes(text: string): number | undefined {
  const [, amount, suffix = ''] = /^(\d+(?:\.\d+)?)\s*([bkmg]?)i?b?$/i.exec(text.trim()) ?? [];
  const unit = UNITS[suffix.toLowerCase()];
  return amount !== undefined && unit !== undefined ? Math.round(Number(amount) * unit) : undefined;
}

/** Parse a size like docker's `--memory`; throws when it is not one. */
export function parseBytes(text: string): number {
  const bytes = readBytes(text);
  if (bytes === undefined) throw new Error(`"${text}" is not a size like 512m or 1g`);
  return bytes;
}

/** Size of the in-memory inner image and container store. */
export function innerStoreBytes(limits: SandboxLimits): number {
  return Math.floor(limits.memoryBytes / 2);
}

/** The HostConfig fields that enforce `limits`, and keep the inner engine's storage within them. */
export function hostConfigLimits(limits: SandboxLimits, innerStorage: 'tmpfs' | 'volume', diskBytes?: number): Record<string, unknown> {
  return {
    // exec: inner containers run binaries from there. Its pages count against Memory and cannot
    // be reclaimed (no swap), so it gets half: a learner filling it meets "No space left on
    // device" while the other half keeps dockerd and the shells alive.
    ...(innerStorage === 'tmpfs' ? { Tmpfs: { '/var/lib/docker': `rw,exec,size=${innerStoreBytes(limits)}` } } : {}),
    ...(diskBytes !== undefined ? { StorageOpt: { size: String(diskBytes) } } : {}),
    Memory: limits.memoryBytes,
    // equal to Memory: no swap beyond the limit, so a memory hog is OOM-killed, not swapped
    MemorySwap: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
  };
}
