/**
 * Daemon errors as values (moby's errdefs): a message as the API returns it and the class that
 * decides the HTTP status. The CLI prints `Error response from daemon: <message>`.
 */

/** An error the daemon answers with. */
export interface DaemonError {
  kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'system';
  message: string;
}

/** A daemon result: a value or an error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DaemonError };

/** Wrap a value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wrap an error. */
export function fail<T = never>(kind: DaemonError['kind'], message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}
