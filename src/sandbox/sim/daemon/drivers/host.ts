/**
 * The host driver (libnetwork drivers/host): one predefined network whose containers use the
 * host's own namespace, so joining configures nothing.
 */
import type { HostNetwork } from '../network.ts';
import type { NetworkDriver } from './driver.ts';
import { singletonDriver } from './no-device.ts';

/** The host driver. */
export const hostDriver: NetworkDriver<HostNetwork> = singletonDriver('host', true);
