/**
 * The network drivers, registered in one place (libnetwork's drvregistry): the daemon finds a
 * network's driver here by name. Adding a driver is adding its file and one line below.
 */
import type { DriverName, Network } from '../network.ts';
import { bridgeDriver } from './bridge.ts';
import type { NetworkDriver } from './driver.ts';
import { hostDriver } from './host.ts';
import { nullDriver } from './null.ts';
import { overlayDriver } from './overlay.ts';

const DRIVERS: Readonly<Record<DriverName, NetworkDriver>> = {
  bridge: bridgeDriver,
  overlay: overlayDriver,
  host: hostDriver,
  null: nullDriver,
};

function isDriverName(name: string): name is DriverName {
  return Object.hasOwn(DRIVERS, name);
}

/** The driver `docker network create -d NAME` asks for, if there is one. */
export function driverNamed(name: string): NetworkDriver | undefined {
  return isDriverName(name) ? DRIVERS[name] : undefined;
}

/** The driver that created `n`. */
export function driverOf(n: Network): NetworkDriver {
  return DRIVERS[n.driver];
}
