/**
 * The bridge driver (libnetwork drivers/bridge): one Linux bridge per network (docker0 for the
 * default one, br-<id12> for the others) holding the gateway address and the network's iptables
 * rules, and per endpoint a veth pair whose host end is a bridge port and whose other end
 * becomes the container's ethN.
 */
import { dockerHwAddr, randomHwAddr, type HwAddr } from '../../kernel/hwaddr.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/link.ts';
import { linkByName, type Netns } from '../../kernel/netns.ts';
import { addAddress, subnetBroadcast } from '../../kernel/rtnetlink/addresses.ts';
import { createLink, createVethPair, deleteLink, moveLinkToNetns, setLinkIpv6, setLinkMaster, setLinkUp } from '../../kernel/rtnetlink/links.ts';
import { randomHex, randomInt } from '../../kernel/random.ts';
import { notAttachable, swarmId } from '../cluster.ts';
import type { Daemon } from '../daemon.ts';
import { markJoined, markLeft, type Endpoint } from '../endpoint.ts';
import { fail, ok, type Result } from '../errdefs.ts';
import { installNetworkRules, removeNetworkRules } from '../iptables-rules.ts';
import type { BridgeNetwork, Network } from '../network.ts';
import { containerLegs, nextSandboxIfname, updateGateway } from '../sandbox.ts';
import type { NetworkDriver } from './driver.ts';
import { joinWithoutDevice } from './no-device.ts';

/** Create and bring up the network's bridge device with the gateway address. */
export function createBridgeDevice(kernel: Kernel, n: BridgeNetwork, name: string): Link {
  const mac = dockerHwAddr(randomInt(kernel.random, 0x100000000));
  const br = createLink(kernel.init, { name, kind: 'bridge', mac });
  if (n.pool) addAddress(br, { addr: n.pool.gateway, len: n.pool.subnet.len, scope: 'global', ...subnetBroadcast(n.pool.gateway, n.pool.subnet.len) });
  setLinkUp(br, true);
  n.bridge = br;
  return br;
}

/** Remove the bridge device. */
export function deleteBridgeDevice(n: BridgeNetwork): void {
  if (n.bridge) deleteLink(n.bridge);
  n.bridge = undefined;
}

/** A veth name not taken in the host namespace: "veth" + 7 hex, like netutils.GenerateIfaceName. */
function vethName(kernel: Kernel): string {
  for (;;) {
    const name = `veth${randomHex(kernel.random, 4).slice(0, 7)}`;
    if (!linkByName(kernel.init, name)) return name;
  }
}

/** Plug namespace `ns` into bridge network `n` with `addr`, its end inside named `ifname`: returns the host end. */
export function plugNamespace(kernel: Kernel, n: Network, ns: Netns, addr: number, ifname: string, mac: HwAddr = dockerHwAddr(addr)): { host: Link; ifname: string } | undefined {
  if (!n.bridge || !n.pool) return undefined;
  const [host, inside] = createVethPair(kernel.init, vethName(kernel), randomHwAddr(kernel.random), vethName(kernel), mac);
  moveLinkToNetns(inside, ns, ifname);
  setLinkIpv6(inside, false);
  addAddress(inside, { addr, len: n.pool.subnet.len, scope: 'global', ...subnetBroadcast(addr, n.pool.subnet.len) });
  setLinkMaster(host, n.bridge);
  setLinkUp(host, true);
  setLinkUp(inside, true);
  return { host, ifname };
}

/** Plug an endpoint in: veth pair, container end renamed `ifname` with the endpoint's MAC and address. */
export function joinEndpoint(kernel: Kernel, ep: Endpoint, ns: Netns, ifname: string): void {
  if (ep.addr === undefined) return;
  // --mac-address names the MAC of the container's first interface.
  const mac = ep.container.config.macAddress && ep.container.endpoints[0] === ep ? ep.container.config.macAddress : dockerHwAddr(ep.addr);
  const plugged = plugNamespace(kernel, ep.network, ns, ep.addr, ifname, mac);
  if (!plugged) return;
  ep.mac = mac;
  ep.ifname = plugged.ifname;
  ep.hostVeth = plugged.host;
}

/** Unplug an endpoint: deleting the host end deletes the pair. */
export function leaveEndpoint(ep: Endpoint): void {
  if (ep.hostVeth) deleteLink(ep.hostVeth);
  ep.hostVeth = undefined;
  ep.ifname = undefined;
}

/**
 * A swarm-scoped bridge comes alive on this node with its first endpoint (the cluster agent's
 * dynamic network): the manager refuses a network that is not attachable, and the node gives it
 * a pool of its own defaults (the spec's --subnet never reaches it), br-<id12> and its rules.
 */
function instantiate(d: Daemon, n: BridgeNetwork): Result<void> {
  const spec = n.swarmSpec;
  if (!spec) return ok(undefined);
  if (!spec.attachable) return fail('forbidden', notAttachable(n.name));
  if (n.pool) return ok(undefined);
  const pool = d.ipam.requestPool();
  if (!pool.ok) return pool;
  n.pool = pool.value;
  n.created = d.clock.now();
  createBridgeDevice(d.kernel, n, `br-${n.id.slice(0, 12)}`);
  installNetworkRules(d.kernel.init.netfilter, n);
  return ok(undefined);
}

/** The node's instance of a swarm-scoped bridge goes with its last endpoint; the swarm's record stays. */
export function releaseInstance(d: Daemon, n: BridgeNetwork): void {
  const spec = n.swarmSpec;
  if (!spec || !n.pool || n.endpoints.length > 0) return;
  removeNetworkRules(d.kernel.init.netfilter, n);
  deleteBridgeDevice(n);
  d.ipam.releasePool(n.pool);
  n.pool = undefined;
  n.created = spec.created;
}

/** The bridge driver. */
export const bridgeDriver: NetworkDriver<BridgeNetwork> = {
  name: 'bridge',
  scope: 'local',
  usesHostNamespace: false,
  connectable: true,

  create(d, req) {
    if ((req.moreSubnets ?? []).length > 0) return fail('invalid', "bridge driver doesn't support multiple subnets");
    // libnetwork picks the address space by scope: `--scope global` draws from the global one.
    const pool = (req.scope === 'global' ? d.globalIpam : d.ipam).requestPool(req.subnet, req.ipRange, req.gateway);
    if (!pool.ok) return pool;
    const id = randomHex(d.random, 32);
    const n: BridgeNetwork = {
      id,
      name: req.name,
      driver: 'bridge',
      created: d.clock.now(),
      internal: req.internal,
      attachable: req.attachable,
      predefined: false,
      pool: pool.value,
      ipamOptions: {},
      ipRangeGiven: req.ipRange !== undefined,
      options: req.options,
      labels: req.labels,
      endpoints: [],
    };
    createBridgeDevice(d.kernel, n, req.options['com.docker.network.bridge.name'] ?? `br-${id.slice(0, 12)}`);
    installNetworkRules(d.kernel.init.netfilter, n);
    d.networks.push(n);
    return ok(n);
  },

  remove(d, n) {
    if (n.endpoints.some((e) => e.active)) {
      return fail('forbidden', `error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    }
    removeNetworkRules(d.kernel.init.netfilter, n);
    deleteBridgeDevice(n);
    if (n.pool) d.ipam.releasePool(n.pool);
    d.networks = d.networks.filter((x) => x !== n);
    return ok(undefined);
  },

  join(d, ep, n) {
    if (!d.networks.includes(n)) return fail('not-found', `network ${n.name} not found`);
    const ns = ep.container.netns;
    // A container sharing the host's namespace is listed by the network but gets no device.
    const live = instantiate(d, n);
    if (!live.ok) return live;
    if (!n.pool || !ns) return joinWithoutDevice(d, ep);
    const addr = d.ipam.requestAddress(n.pool, ep.requestedAddr);
    if (!addr.ok) return addr;
    ep.addr = addr.value;
    ep.id = randomHex(d.random, 32);
    joinEndpoint(d.kernel, ep, ns, nextSandboxIfname(d.sandboxIfIndexes, ns));
    markJoined(ep);
    n.swarmSpec?.tasks.push({ endpoint: ep, taskId: swarmId(d.random) });
    const legs = containerLegs(ep.container);
    updateGateway(ns, legs.includes(ep) ? legs : [...legs, ep]);
    return ok(undefined);
  },

  leave(d, ep, n) {
    leaveEndpoint(ep);
    markLeft(d.ipam, ep);
    const spec = n.swarmSpec;
    if (!spec) return;
    spec.tasks = spec.tasks.filter((t) => t.endpoint !== ep);
    releaseInstance(d, n);
  },
};
