/**
 * Database query durations, for the server's metrics (src/observability/metrics.ts). The classroom
 * runs inside the Astro bundle and the metrics in the server entry; both see this slot on globalThis,
 * so the bundle never imports the metrics library.
 */
import type { LogEvent } from 'kysely';

/** Told each query's duration in seconds and whether it failed. */
export type QueryTimer = (seconds: number, failed: boolean) => void;

const KEY = Symbol.for('vethlab.queryTimer');
type Slot = { [KEY]?: QueryTimer };

/** Route every query's duration to `timer` (one per process; the last call wins). */
export function setQueryTimer(timer: QueryTimer | undefined): void {
  (globalThis as Slot)[KEY] = timer;
}

/** Kysely's `log` option: pass each finished query's duration on. */
export function reportQuery(event: LogEvent): void {
  (globalThis as Slot)[KEY]?.(event.queryDurationMillis / 1000, event.level === 'error');
}
