/**
 * docker_gwbridge (libnetwork's overlay support): the bridge network that gives containers on
 * overlay networks, and the swarm's ingress sandbox, their way out to the host and beyond.
 */
import type { Daemon } from './daemon.ts';
import { bridgeDriver, plugNamespace } from './drivers/bridge.ts';
import type { BridgeNetwork } from './network.ts';
import { nextSandboxIfname } from './sandbox.ts';

/** docker_gwbridge: created on first need (the ingress sandbox, a container on an overlay). */
export function ensureGwBridge(d: Daemon): BridgeNetwork | undefined {
  let gw = d.networks.find((n): n is BridgeNetwork => n.name === 'docker_gwbridge' && n.driver === 'bridge');
  if (!gw) {
    const r = bridgeDriver.create(d, {
      name: 'docker_gwbridge',
      driver: 'bridge',
      internal: false,
      attachable: false,
      labels: {},
      options: { 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.name': 'docker_gwbridge' },
      scope: '',
      configOnly: false,
      configFrom: '',
    });
    if (!r.ok) return undefined;
    gw = r.value;
  }
  const ing = d.swarmLocal.ingress;
  if (ing && ing.gwAddr === undefined && gw.pool) {
    const addr = d.ipam.requestAddress(gw.pool);
    if (addr.ok) {
      const plugged = plugNamespace(d.kernel, gw, ing.ns, addr.value, nextSandboxIfname(d.sandboxIfIndexes, ing.ns));
      ing.gwAddr = addr.value;
      if (plugged) ing.gwHost = plugged.host;
    }
  }
  return gw;
}
