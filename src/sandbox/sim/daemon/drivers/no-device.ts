/**
 * What the host and null drivers share: a single predefined network whose endpoints get no
 * address and no device (the container uses the host's namespace, or one with only lo).
 */
import { randomHex } from '../../kernel/random.ts';
import type { Daemon } from '../daemon.ts';
import { markJoined, markLeft, type Endpoint } from '../endpoint.ts';
import { fail, ok, type Result } from '../errdefs.ts';
import type { DriverName, Network } from '../network.ts';
import type { NetworkDriver } from './driver.ts';

/** Join an endpoint that has no address or device: listed by its network, nothing more. */
export function joinWithoutDevice(d: Daemon, ep: Endpoint): Result<void> {
  if (!d.networks.includes(ep.network)) return fail('not-found', `network ${ep.network.name} not found`);
  ep.id = randomHex(d.random, 32);
  markJoined(ep);
  return ok(undefined);
}

/** A driver with one predefined network and device-less endpoints. */
export function singletonDriver<N extends Network>(name: DriverName, usesHostNamespace: boolean): NetworkDriver<N> {
  return {
    name,
    scope: 'local',
    usesHostNamespace,
    connectable: false,
    create: () => fail('forbidden', `only one instance of "${name}" network is allowed`),
    remove: (_d, n) => fail('forbidden', `${n.name} is a pre-defined network and cannot be removed`),
    join: (d, ep) => joinWithoutDevice(d, ep),
    leave: (d, ep) => markLeft(d.ipam, ep),
  };
}
