/**
 * Swarm-scoped networks of a node-local driver (`network create -d bridge --scope swarm`): a
 * manager stores the spec in the swarm (swarmkit's node-local networks), every manager lists it
 * with scope swarm, and a node instantiates it as a bridge of its own while a container there is
 * attached (drivers/bridge.ts). Leaving the swarm takes the record away.
 */
import { liveManagers, notAttachable, swarmId, type NodeLocalClusterNetwork } from './cluster.ts';
import type { Daemon } from './daemon.ts';
import type { NetworkRequest } from './drivers/driver.ts';
import { bridgeDriver, releaseInstance } from './drivers/bridge.ts';
import { fail, ok, type Result } from './errdefs.ts';
import type { BridgeNetwork } from './network.ts';

/** libnetwork's NewNetwork on a node that is no manager (a worker asks the manager to do it). */
const FROM_WORKER = 'Cannot create a multi-host network from a worker node. Please create the network from a manager node.';

/** `docker network create --scope swarm` with a node-local driver: into the swarm, onto every manager. */
export function createSwarmScoped(d: Daemon, req: NetworkRequest): Result<BridgeNetwork> {
  const m = d.swarm;
  if (!m) return fail('forbidden', 'cannot create a swarm scoped network when swarm is not active');
  if (m.node.role !== 'manager') return fail('forbidden', FROM_WORKER);
  const spec: NodeLocalClusterNetwork = {
    id: swarmId(d.random),
    name: req.name,
    created: d.clock.now(),
    driver: 'bridge',
    attachable: req.attachable,
    internal: req.internal,
    labels: Object.keys(req.labels).length > 0 ? req.labels : null,
    configFrom: req.configFrom,
    tasks: [],
  };
  m.cluster.nodeLocalNetworks.push(spec);
  m.cluster.raftIndex++;
  for (const node of liveManagers(m.cluster)) swarmScopedRecord(node.daemon, spec);
  return ok(swarmScopedRecord(d, spec));
}

/** This daemon's view of a swarm-scoped network (uninstantiated until a container attaches). */
export function swarmScopedRecord(d: Daemon, spec: NodeLocalClusterNetwork): BridgeNetwork {
  const found = d.networks.find((x): x is BridgeNetwork => x.swarmSpec === spec);
  if (found) return found;
  const n: BridgeNetwork = {
    id: spec.id,
    name: spec.name,
    driver: 'bridge',
    created: spec.created,
    internal: spec.internal,
    attachable: spec.attachable,
    predefined: false,
    ipamOptions: null,
    ipRangeGiven: false,
    options: {},
    labels: spec.labels ?? {},
    endpoints: [],
    swarmSpec: spec,
  };
  d.networks.push(n);
  return n;
}

/** A swarm-scoped network a container asks for by name on a node that does not list it (a worker). */
export function swarmScopedFor(d: Daemon, ref: string): Result<BridgeNetwork> | undefined {
  const specs = d.swarm?.cluster.nodeLocalNetworks ?? [];
  const spec = specs.find((x) => x.id === ref) ?? specs.find((x) => x.name === ref);
  if (!spec) return undefined;
  if (!spec.attachable) return fail('forbidden', notAttachable(ref));
  return ok(swarmScopedRecord(d, spec));
}

/** docker network rm of a swarm-scoped network: refused while an attachment task uses it, else gone from every node. */
export function removeSwarmScoped(d: Daemon, n: BridgeNetwork, spec: NodeLocalClusterNetwork): Result<void> {
  const m = d.swarm;
  const [task] = spec.tasks;
  if (m?.node.role !== 'manager') {
    if (n.endpoints.some((e) => e.active)) return fail('forbidden', `error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    d.networks = d.networks.filter((x) => x !== n);
    return ok(undefined);
  }
  if (task) return fail('forbidden', `rpc error: code = FailedPrecondition desc = network ${spec.id} is in use by task ${task.taskId}`);
  m.cluster.nodeLocalNetworks = m.cluster.nodeLocalNetworks.filter((x) => x !== spec);
  m.cluster.raftIndex++;
  for (const node of m.cluster.nodes) {
    const theirs = node.daemon.networks.find((x): x is BridgeNetwork => x.swarmSpec === spec);
    if (!theirs) continue;
    releaseInstance(node.daemon, theirs);
    node.daemon.networks = node.daemon.networks.filter((x) => x !== theirs);
  }
  return ok(undefined);
}

/** On swarm leave: containers lose their endpoints on swarm-scoped bridges, the instances and records go. */
export function forgetSwarmScoped(d: Daemon): void {
  for (const c of d.containers) {
    for (const ep of c.endpoints) {
      const n = ep.network;
      if (n.driver !== 'bridge' || !n.swarmSpec) continue;
      if (ep.active) bridgeDriver.leave(d, ep, n);
    }
    c.endpoints = c.endpoints.filter((e) => !e.network.swarmSpec);
  }
  for (const n of d.networks) if (n.driver === 'bridge') releaseInstance(d, n);
  d.networks = d.networks.filter((x) => !x.swarmSpec);
}
