/**
 * The ingress sandbox (libnetwork's ingress_sbox): a node's namespace on the routing-mesh network,
 * with a leg on docker_gwbridge. It goes when the node leaves the swarm or the ingress network is
 * removed.
 */
import type { Daemon } from './daemon.ts';
import { destroySandboxNetns } from './sandbox.ts';

/** Tear down `d`'s ingress sandbox, giving its docker_gwbridge address back. */
export function releaseIngressSandbox(d: Daemon): void {
  const ingress = d.swarmLocal.ingress;
  if (!ingress) return;
  const gw = d.networks.find((n) => n.name === 'docker_gwbridge');
  if (gw?.pool && ingress.gwAddr !== undefined) d.ipam.releaseAddress(gw.pool, ingress.gwAddr);
  destroySandboxNetns(ingress.ns);
  d.swarmLocal.ingress = undefined;
}
