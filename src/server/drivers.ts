/** Which sandbox backend serves the terminals (env SANDBOX_DRIVER). */
import type { Driver } from '../sandbox/driver.ts';

/** The drivers this build knows, by their SANDBOX_DRIVER name. */
export const DRIVER_NAMES = ['simulator', 'docker'] as const;

/** SANDBOX_DRIVER named something this build cannot start. */
export class UnknownDriverError extends Error {
  override name = 'UnknownDriverError';
}

/** Start the driver called `name`; loaded lazily so a server only pays for the backend it runs. */
export async function createDriver(name: string): Promise<Driver> {
  switch (name) {
    case 'simulator': {
      const { createSimulatorDriver } = await import('../sandbox/sim/driver.ts');
      return createSimulatorDriver();
    }
    case 'docker': {
      const { createDockerDriver } = await import('../sandbox/docker/driver.ts');
      return createDockerDriver();
    }
    default:
      throw new UnknownDriverError(
        `Unknown SANDBOX_DRIVER "${name}". Known drivers: ${DRIVER_NAMES.join(', ')}.`,
      );
  }
}
