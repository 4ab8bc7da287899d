/**
 * Configuration-only networks (libnetwork config.go, `network create --config-only` and
 * `--config-from`): a network that holds only IPAM settings, with driver null, scope local and
 * nothing allocated; another network takes its settings by name and cannot add its own.
 */
import { randomHex } from '../kernel/random.ts';
import type { Daemon } from './daemon.ts';
import type { NetworkRequest } from './drivers/driver.ts';
import { fail, ok, type Result } from './errdefs.ts';
import type { Network, NullNetwork } from './network.ts';

/** libnetwork's network.validateConfiguration, in its order. */
export function validateNetworkConfiguration(req: NetworkRequest): Result<void> {
  if (req.configOnly && (req.internal || req.attachable || req.scope !== '')) {
    return fail('forbidden', 'configuration network can only contain network specific fields. Network operator fields like [ ingress | internal | attachable | scope ] are not supported.');
  }
  if (req.configFrom === '') return ok(undefined);
  if (req.configOnly) return fail('forbidden', 'a configuration network cannot depend on another configuration network');
  if (Object.keys(req.labels).length > 0 || req.subnet !== undefined || (req.moreSubnets ?? []).length > 0) {
    return fail('forbidden', 'user specified configurations are not supported if the network depends on a configuration network');
  }
  if (Object.keys(req.options).length > 0) return fail('forbidden', 'driver options are not supported if the network depends on a configuration network');
  return ok(undefined);
}

/** docker network create --config-only: stored as given, driver null, no pool drawn. */
export function createConfigOnlyNetwork(d: Daemon, req: NetworkRequest): Result<NullNetwork> {
  const n: NullNetwork = {
    id: randomHex(d.random, 32),
    name: req.name,
    driver: 'null',
    created: d.clock.now(),
    internal: false,
    attachable: false,
    predefined: false,
    ipamOptions: {},
    ipRangeGiven: req.ipRange !== undefined,
    options: req.options,
    labels: req.labels,
    endpoints: [],
    configOnly: {
      ...(req.subnet ? { subnet: req.subnet } : {}),
      ...(req.ipRange ? { ipRange: req.ipRange } : {}),
      ...(req.gateway !== undefined ? { gateway: req.gateway } : {}),
    },
  };
  d.networks.push(n);
  return ok(n);
}

/** --config-from NAME: the request with the configuration network's IPAM settings. */
export function applyConfigFrom(d: Daemon, req: NetworkRequest): Result<NetworkRequest> {
  if (req.configFrom === '') return ok(req);
  const cfg = d.networks.find((n) => n.configOnly && n.name === req.configFrom)?.configOnly;
  if (!cfg) return fail('not-found', `configuration network "${req.configFrom}" does not exist`);
  return ok({ ...req, ...cfg });
}

/** docker network rm of a configuration network: refused while a local network takes its settings. */
export function removeConfigOnlyNetwork(d: Daemon, n: Network): Result<void> {
  if (d.networks.some((x) => x.configFrom === n.name && !x.swarmSpec)) return fail('forbidden', `configuration network "${n.name}" is in use`);
  d.networks = d.networks.filter((x) => x !== n);
  return ok(undefined);
}
