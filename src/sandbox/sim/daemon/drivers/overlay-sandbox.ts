/**
 * The overlay driver (libnetwork drivers/overlay): per network and node, a namespace ("1-<id>")
 * holding a bridge br0 with the gateway address and a VXLAN device (created as vx-<vni>-<id> in
 * the host namespace, whose UDP socket stays there, then moved in as vxlan0). Containers get a
 * veth whose far end is a br0 port; frames for addresses on other nodes go into the tunnel to
 * that node's advertise address, UDP 4789, as the gossiped peer table says.
 */
import { dockerHwAddr } from '../../kernel/hwaddr.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link, VxlanConfig } from '../../kernel/link.ts';
import { createNetns, deleteNetns, linkByName, loopback, type Netns } from '../../kernel/netns.ts';
import { addAddress, subnetBroadcast } from '../../kernel/rtnetlink/addresses.ts';
import { createLink, createVethPair, deleteLink, moveLinkToNetns, setLinkIpv6, setLinkMaster, setLinkMtu, setLinkUp } from '../../kernel/rtnetlink/links.ts';
import { randomHex, randomInt } from '../../kernel/random.ts';
import { nodeOf, type Cluster, type ClusterNetwork } from '../cluster.ts';
import type { Daemon } from '../daemon.ts';

/** MTU of overlay interfaces: 1500 minus the 50 bytes of VXLAN encapsulation. */
export const OVERLAY_MTU = 1450;
/** IANA VXLAN port (Docker's default data path port). */
export const VXLAN_PORT = 4789;

/** The per-node namespace of one overlay network. */
export interface OverlaySandbox {
  ns: Netns;
  bridge: Link;
  vxlan: Link;
  /** The load-balancer sandbox (lb-NET) of a non-ingress network, once its endpoint is plugged in. */
  lb?: Netns;
}

/**
 * libnetwork's overlay networkOnceInit, once per daemon: it probes that VXLAN devices can be made
 * by creating "testvxlan" in the host namespace and deleting it (its ifindex stays used up).
 */
function probeVxlanOnce(d: Daemon): void {
  if (d.swarmLocal.vxlanProbed) return;
  d.swarmLocal.vxlanProbed = true;
  const probe = createLink(d.kernel.init, {
    name: 'testvxlan',
    kind: 'vxlan',
    mac: dockerHwAddr(randomInt(d.kernel.random, 0x100000000)),
    vxlan: { vni: 1, port: VXLAN_PORT, local: 0, lookup: () => undefined },
  });
  deleteLink(probe);
}

/** Create the network's namespace on `d`'s node, with br0 and vxlan0 wired to the cluster's peer table. */
export function createOverlaySandbox(d: Daemon, cluster: Cluster, cn: ClusterNetwork, local: number): OverlaySandbox {
  const kernel = d.kernel;
  probeVxlanOnce(d);
  const ns = createNetns(kernel);
  setLinkUp(loopback(ns), true);
  const bridge = createLink(ns, { name: 'br0', kind: 'bridge', mac: dockerHwAddr(randomInt(kernel.random, 0x100000000)), mtu: OVERLAY_MTU });
  setLinkIpv6(bridge, false);
  addAddress(bridge, { addr: cn.pool.gateway, len: cn.pool.subnet.len, scope: 'global', ...subnetBroadcast(cn.pool.gateway, cn.pool.subnet.len) });
  const vxName = `vx-${cn.vni.toString(16).padStart(6, '0')}-${cn.id.slice(0, 5)}`;
  const config: VxlanConfig = {
    vni: cn.vni,
    port: VXLAN_PORT,
    local,
    lookup(inner) {
      for (const att of cn.attachments) {
        if (att.addr !== inner || att.daemon === d) continue;
        const remoteNode = nodeOf(cluster, att.daemon);
        const remote = att.daemon.networks.find((n) => n.cluster === cn)?.overlay?.vxlan;
        if (remoteNode?.status !== 'Ready' || !remote) continue;
        return { vtep: remoteNode.addr, remote, mac: att.mac };
      }
      return undefined;
    },
  };
  const vxlan = createLink(kernel.init, { name: vxName, kind: 'vxlan', mac: dockerHwAddr(randomInt(kernel.random, 0x100000000)), mtu: OVERLAY_MTU, vxlan: config });
  moveLinkToNetns(vxlan, ns, 'vxlan0');
  setLinkIpv6(vxlan, false);
  setLinkMaster(vxlan, bridge);
  setLinkUp(vxlan, true);
  setLinkUp(bridge, true);
  return { ns, bridge, vxlan };
}

/** Tear the namespace down (last endpoint left the network on this node). */
export function destroyOverlaySandbox(s: OverlaySandbox): void {
  if (s.lb) deleteNetns(s.lb);
  deleteNetns(s.ns);
}

function freeName(ns: Netns, base: string): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `${base}${i}`)) return `${base}${i}`;
}

/** A veth name free in the host namespace, "veth" + 7 hex. */
function vethName(kernel: Kernel): string {
  for (;;) {
    const name = `veth${randomHex(kernel.random, 4).slice(0, 7)}`;
    if (!linkByName(kernel.init, name)) return name;
  }
}

/**
 * Plug a namespace into the overlay: a veth whose inside end becomes ethN (mtu 1450, MAC from the
 * address) and whose other end is a br0 port named vethN in the overlay namespace. Returns the
 * br0-side end (deleting it deletes the pair) and the interface name inside.
 */
export function joinOverlay(kernel: Kernel, s: OverlaySandbox, inside: Netns, addr: number, len: number, ifname: string): { port: Link; ifname: string } {
  const mac = dockerHwAddr(addr);
  const [port, dev] = createVethPair(kernel.init, vethName(kernel), dockerHwAddr(randomInt(kernel.random, 0x100000000)), vethName(kernel), mac);
  moveLinkToNetns(dev, inside, ifname);
  setLinkMtu(dev, OVERLAY_MTU);
  setLinkIpv6(dev, false);
  addAddress(dev, { addr, len, scope: 'global', ...subnetBroadcast(addr, len) });
  moveLinkToNetns(port, s.ns, freeName(s.ns, 'veth'));
  setLinkMtu(port, OVERLAY_MTU);
  setLinkIpv6(port, false);
  setLinkMaster(port, s.bridge);
  setLinkUp(port, true);
  setLinkUp(dev, true);
  return { port, ifname };
}
