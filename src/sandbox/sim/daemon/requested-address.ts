/**
 * The daemon's checks of a user-chosen address (--ip, `network connect --ip`) before any IPAM
 * request, after moby's validateNetworkingConfig (daemon/container_operations.go): predefined
 * networks take none, a network whose subnet the daemon picked takes none (a swarm network's
 * subnet counts as given), and the address must lie in the network's subnet.
 */
import { formatIp, inPrefix } from '../kernel/ipv4.ts';
import { fail, ok, type Result } from './errdefs.ts';
import type { Network } from './network.ts';

/** Whether `n` accepts `addr` as a user-chosen address for a new endpoint. */
export function validateRequestedAddress(n: Network, addr: number): Result<void> {
  if (n.predefined) return fail('invalid', 'user specified IP address is supported on user defined networks only');
  // A swarm network reaches its nodes with the subnet the manager allocated, as if it had been given.
  if (!n.pool || (n.pool.fromDefaults && !n.cluster)) return fail('invalid', 'user specified IP address is supported only when connecting to networks with user configured subnets');
  if (!inPrefix(addr, n.pool.subnet)) return fail('invalid', `Invalid address ${formatIp(addr)}: It does not belong to any of this network's subnets`);
  return ok(undefined);
}
