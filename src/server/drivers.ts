/** Which sandbox backend serves the terminals (env SANDBOX_DRIVER). */
import type { Driver } from '../sandbox/driver.ts';
import { silentLogger, type Logger } from '../sandbox/logger.ts';
import type { Settings } from '../settings/settings.ts';

/** The drivers this build knows, by their SANDBOX_DRIVER name. */
export const DRIVER_NAMES = ['simulator', 'docker'] as const;

/** SANDBOX_DRIVER named something this build cannot start. */
export class UnknownDriverError extends Error {
  override name = 'UnknownDriverError';
}

export interface DriverOptions {
  /** The process settings: the Docker driver's options and SANDBOX_FALLBACK, the driver that serves new terminals while the real one's engine is down. */
  settings: Settings;
  log?: Logger;
}

/**
 * Start the driver called `name`; loaded lazily so a server only pays for the backend it runs. The
 * Docker driver is wrapped so that an engine that is down never stops the server (fallback-driver.ts).
 */
export async function createDriver(name: string, options: DriverOptions): Promise<Driver> {
  switch (name) {
    case 'simulator': {
      if (options.settings.sandbox.keepSessions ?? true) {
        const { keptSimulatorDriver } = await import('./kept-sessions.ts');
        return keptSimulatorDriver(options.log ?? silentLogger);
      }
      const { createSimulatorDriver } = await import('../sandbox/sim/driver.ts');
      return createSimulatorDriver();
    }
    case 'docker': {
      const { createDockerDriver } = await import('../sandbox/docker/driver.ts');
      const { dockerOptionsFrom } = await import('../sandbox/docker/options.ts');
      const { withFallback } = await import('./fallback-driver.ts');
      const fallback = options.settings.sandbox.fallback;
      // Sandbox hosts outlive a restart unless SANDBOX_KEEP_SESSIONS=0: claims in the classroom database.
      const keep = (options.settings.sandbox.keepSessions ?? true) ? (await import('./kept-sessions.ts')).keptHostClaims() : undefined;
      return withFallback(createDockerDriver(keep ? { keep } : {}, undefined, dockerOptionsFrom(options.settings)), {
        log: options.log ?? silentLogger,
        ...(fallback ? { fallback: { name: fallback, start: () => createDriver(fallback, options) } } : {}),
      });
    }
    default:
      throw new UnknownDriverError(`Unknown SANDBOX_DRIVER "${name}". Known drivers: ${DRIVER_NAMES.join(', ')}.`);
  }
}
