/**
 * The worker's boot timeline as performance marks (`vethlab:hello`, `vethlab:store loaded`, …), which
 * a profiler shows and bench/worker-boot.ts asks for (the page's `marks` message) after the prompt.
 */

const PREFIX = 'vethlab:';

/** Page → worker: the marks, please (not part of the sandbox protocol; only the bench sends it). */
export interface MarksRequest {
  op: 'marks';
}

/** Worker → page: the answer to a MarksRequest. */
export interface MarksReply {
  op: 'marks';
  marks: Record<string, number>;
}

/** Mark a moment of the boot (no-op where the User Timing API is missing). */
export function mark(name: string): void {
  globalThis.performance?.mark?.(PREFIX + name);
}

/** Each mark's time after `vethlab:hello`, in ms (the first of each name). */
export function marksSinceHello(): Record<string, number> {
  const entries = globalThis.performance?.getEntriesByType?.('mark') ?? [];
  const hello = entries.find((e) => e.name === `${PREFIX}hello`)?.startTime ?? 0;
  const marks: Record<string, number> = {};
  for (const e of entries) if (e.name.startsWith(PREFIX)) marks[e.name.slice(PREFIX.length)] ??= Math.round((e.startTime - hello) * 10) / 10;
  return marks;
}
