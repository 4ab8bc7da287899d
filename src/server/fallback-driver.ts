/**
 * The real driver with a plan for a Docker engine that is down: the site keeps serving pages, and a new
 * terminal is either served by the simulator (SANDBOX_FALLBACK=simulator) or told that the engine is
 * unavailable (protocol error `unavailable`, the client retries). Sandboxes already running stay on the
 * engine; only creation falls back.
 */
import { SandboxCapacityError, SandboxUnavailableError, type Driver, type Sandbox, type SandboxOptions } from '../sandbox/driver.ts';
import type { Logger } from '../sandbox/logger.ts';

/** A driver that can say whether its backend answers (the Docker driver's `ready`). */
export interface ProbedDriver extends Driver {
  /** Resolves once the backend answered; rejects with the reason when it does not. Retried on each call. */
  ready?(): Promise<void>;
}

export interface FallbackOptions {
  /** The driver that serves while the primary is down; none: creation fails with `unavailable`. */
  fallback?: { name: string; start: () => Promise<Driver> };
  log: Logger;
}

/** Errors of a connection that never reached the engine (as opposed to the engine refusing a request). */
const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EACCES', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTSOCK']);

/** Whether `error` (or one of its causes) says the backend could not be reached. */
export function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && UNREACHABLE_CODES.has(code)) return true;
    if (/no Docker engine answers|socket hang up/.test(e.message)) return true;
  }
  return false;
}

/** Wrap `primary` so that an unreachable backend never fails the server, only new sandboxes. */
export function withFallback(primary: ProbedDriver, options: FallbackOptions): Driver {
  const { log } = options;
  let fallback: Promise<Driver> | undefined;
  let down = false;

  const fallbackDriver = (backup: NonNullable<FallbackOptions['fallback']>) => {
    fallback ??= backup.start().catch((error: unknown) => {
      fallback = undefined;
      throw error;
    });
    return fallback;
  };

  /** Note an outage once (not on every learner's attempt) and serve or refuse the sandbox. */
  const unavailable = async (error: unknown, sandboxOptions: SandboxOptions): Promise<Sandbox> => {
    const reason = error instanceof Error ? error.message : String(error);
    if (!down) {
      down = true;
      log.warn(`sandbox driver ${primary.name} unavailable: ${reason}${options.fallback ? '; new terminals get the simulator' : ''}`);
    }
    if (options.fallback) return (await fallbackDriver(options.fallback)).create(sandboxOptions);
    throw new SandboxUnavailableError(`The ${primary.name} sandbox engine is unavailable right now; retrying.`, { cause: error });
  };

  // Say at start-up, not at the first learner, that the engine is missing.
  primary.ready?.().catch((error: unknown) => {
    if (down) return;
    down = true;
    log.warn(`sandbox driver ${primary.name} unavailable: ${error instanceof Error ? error.message : String(error)}${options.fallback ? '; new terminals get the simulator until it answers' : ''}`);
  });

  return {
    /** The driver serving new sandboxes now; the registry labels each session (and `ready`) with it. */
    get name() {
      return down && options.fallback ? options.fallback.name : primary.name;
    },
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      if (primary.ready) {
        try {
          await primary.ready();
        } catch (error) {
          return unavailable(error, sandboxOptions);
        }
      }
      try {
        const sandbox = await primary.create(sandboxOptions);
        if (down) {
          down = false;
          log.info(`sandbox driver ${primary.name} answers again`);
        }
        return sandbox;
      } catch (error) {
        if (error instanceof SandboxCapacityError || !isUnreachable(error)) throw error;
        return unavailable(error, sandboxOptions);
      }
    },
    /** Ready while the primary answers, or at all times when the fallback serves in its place. */
    async ping(): Promise<void> {
      if (options.fallback) return;
      await (primary.ping ?? primary.ready)?.();
    },
    pooled: primary.pooled ? () => primary.pooled?.() ?? 0 : undefined,
    /** A session the primary kept (a sandbox host adopted after a restart); none while its backend is down. */
    async resume(id, sandboxOptions) {
      if (!primary.resume) return undefined;
      try {
        await primary.ready?.();
      } catch {
        return undefined;
      }
      return primary.resume(id, sandboxOptions);
    },
    onLost(listener) {
      primary.onLost?.(listener);
    },
    async close(): Promise<void> {
      const closing: Promise<void>[] = [primary.close()];
      if (fallback) closing.push(fallback.then((driver) => driver.close()));
      await Promise.allSettled(closing);
    },
  };
}
