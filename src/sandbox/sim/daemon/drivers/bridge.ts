/**
 * The bridge driver (libnetwork drivers/bridge): one Linux bridge per network (docker0 for the
 * default one, br-<id12> for the others) holding the gateway address, and per endpoint a veth
 * pair whose host end is a bridge port and whose other end becomes the container's ethN.
 */
import { dockerHwAddr, randomHwAddr, type HwAddr } from '../../kernel/hwaddr.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/link.ts';
import { addLink, addVethPair, deleteLink, linkByName, moveLink, setLinkUp, setMaster, type Netns } from '../../kernel/netns.ts';
import { randomHex, randomInt } from '../../kernel/random.ts';
import type { Endpoint } from '../endpoint.ts';
import type { Network } from '../network.ts';

/** Create and bring up the network's bridge device with the gateway address. */
export function createBridgeDevice(kernel: Kernel, n: Network, name: string): Link {
  const mac = dockerHwAddr(randomInt(kernel.random, 0x100000000));
  const br = addLink(kernel.init, { name, kind: 'bridge', mac });
  if (n.pool) br.addrs.push({ addr: n.pool.gateway, len: n.pool.subnet.len, scope: 'global' });
  setLinkUp(br, true);
  n.bridge = br;
  return br;
}

/** Remove the bridge device. */
export function deleteBridgeDevice(n: Network): void {
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

/** The next free ethN in the container's namespace. */
function nextEthName(ns: Netns): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `eth${i}`)) return `eth${i}`;
}

/** Plug namespace `ns` into bridge network `n` with `addr`: returns the host end and the name inside. */
export function plugNamespace(kernel: Kernel, n: Network, ns: Netns, addr: number, mac: HwAddr = dockerHwAddr(addr)): { host: Link; ifname: string } | undefined {
  if (!n.bridge || !n.pool) return undefined;
  const [host, inside] = addVethPair(kernel.init, vethName(kernel), randomHwAddr(kernel.random), vethName(kernel), mac);
  const ifname = nextEthName(ns);
  moveLink(inside, ns, ifname);
  inside.ipv6 = false;
  inside.addrs.push({ addr, len: n.pool.subnet.len, scope: 'global' });
  setMaster(host, n.bridge);
  setLinkUp(host, true);
  setLinkUp(inside, true);
  return { host, ifname };
}

/** Plug an endpoint in: veth pair, container end renamed ethN with the endpoint's MAC and address. */
export function joinEndpoint(kernel: Kernel, ep: Endpoint, ns: Netns): void {
  if (ep.addr === undefined) return;
  // --mac-address names the MAC of the container's first interface.
  const mac = ep.container.config.macAddress && ep.container.endpoints[0] === ep ? ep.container.config.macAddress : dockerHwAddr(ep.addr);
  const plugged = plugNamespace(kernel, ep.network, ns, ep.addr, mac);
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
