/**
 * The null driver (libnetwork drivers/null), the `none` network: containers get a namespace of
 * their own with only lo, and joining configures nothing.
 */
import type { NullNetwork } from '../network.ts';
import type { NetworkDriver } from './driver.ts';
import { singletonDriver } from './no-device.ts';

/** The null driver. */
export const nullDriver: NetworkDriver<NullNetwork> = singletonDriver('null', false);
