/** Resident memory of a child process, from /proc (Linux), for the memory figures of faults and benches. */
import { readFileSync } from 'node:fs';

/** The process's resident set size in MiB, or NaN when /proc cannot say. */
export function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
