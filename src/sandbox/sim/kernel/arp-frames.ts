/**
 * The ARP frames behind neighbour resolution (net/ipv4/arp.c), for packet sockets: when a packet
 * needs a next hop the neighbour table has no address for, the device broadcasts `who-has` and
 * the owner answers `is-at`. Each frame is counted by, and shown to the sockets of, every device
 * it crosses on the segment (veth ends, bridge and ports), as `ip -s link` and a capture there
 * would see it. Resolution itself is `arpAnswer` in delivery.ts and the table is neighbour.ts.
 */
import { BROADCAST_HWADDR, ZERO_HWADDR, sameHwAddr, type HwAddr } from './hwaddr.ts';
import { bridgePorts, hasCarrier, tapArp, type ArpMessage, type Link } from './link.ts';

/** Who answered ARP for an address: its MAC, and the device when it is one of the model's. */
export interface ArpAnswer {
  mac: HwAddr;
  link?: Link;
}

/** The sender address of the ARP request `dev` sends for a packet from `src`: `src` when it is the device's, else the device's address. */
export function arpSenderIp(dev: Link, src: number): number {
  return dev.addrs.some((a) => a.addr === src) ? src : (dev.addrs.find((a) => a.scope === 'global')?.addr ?? src);
}

/**
 * Carry the ARP exchange of a neighbour resolution from `dev` for `nexthop`: the broadcast
 * `who-has` and, when someone owns the address, its answer.
 */
export function tapArpResolution(dev: Link, src: number, nexthop: number, answer: ArpAnswer | undefined): void {
  const senderIp = arpSenderIp(dev, src);
  carry(dev, { op: 'request', senderMac: dev.mac, senderIp, targetMac: ZERO_HWADDR, targetIp: nexthop, l2: { src: dev.mac, dst: BROADCAST_HWADDR } });
  if (!answer) return;
  const reply: ArpMessage = { op: 'reply', senderMac: answer.mac, senderIp: nexthop, targetMac: dev.mac, targetIp: senderIp, l2: { src: answer.mac, dst: dev.mac } };
  if (answer.link) carry(answer.link, reply);
  else tapArp(dev, 'in', reply);
}

/** A frame sent by `from` onto its segment, seen by every device it crosses. */
function carry(from: Link, msg: ArpMessage): void {
  tapArp(from, 'out', msg);
  if (from.kind === 'bridge') return bridgeOut(from, undefined, msg);
  if (from.kind === 'veth') {
    const far = from.peer;
    if (!far || !hasCarrier(from)) return;
    tapArp(far, 'in', msg);
    if (far.master) bridgeIn(far.master, far, msg);
    return;
  }
  for (const p of from.lan?.ports ?? []) if (p !== from && hasCarrier(p) && reaches(p.mac, msg.l2.dst)) tapArp(p, 'in', msg);
}

/** A frame entering bridge `br` on `port`: passed up when it is for the bridge, forwarded otherwise. */
function bridgeIn(br: Link, port: Link, msg: ArpMessage): void {
  const forBridge = reaches(br.mac, msg.l2.dst);
  tapArp(br, 'in', msg, !forBridge);
  if (forBridge && !sameHwAddr(msg.l2.dst, BROADCAST_HWADDR)) return;
  bridgeOut(br, port, msg);
}

/** The bridge sends the frame out of the ports behind which its destination is (all, for a broadcast). */
function bridgeOut(br: Link, except: Link | undefined, msg: ArpMessage): void {
  for (const p of bridgePorts(br)) {
    if (p === except || !hasCarrier(p) || p.kind === 'vxlan') continue;
    const far = p.peer;
    if (!far || !reaches(far.mac, msg.l2.dst)) continue;
    tapArp(p, 'out', msg);
    tapArp(far, 'in', msg);
  }
}

/** Whether a frame to `dst` is for the device with address `mac`. */
function reaches(mac: HwAddr, dst: HwAddr): boolean {
  return sameHwAddr(dst, BROADCAST_HWADDR) || sameHwAddr(dst, mac);
}
