/**
 * Packet sockets (AF_PACKET, net/packet): a program bound to a device sees each frame the device
 * sends or receives, as tcpdump does. Binding adds a tap to the device; closing removes it.
 */
import type { CapturedFrame, Link, PacketBinding, PacketTap } from './link.ts';
import type { Netns } from './netns.ts';

/** Bind an ETH_P_IP packet socket to `link`; returns the function that closes it. */
export function openPacketSocket(link: Link, tap: PacketTap): () => void {
  return bind(link, { deliver: (f) => ('pkt' in f ? tap(f) : undefined), arp: false, promisc: false });
}

/**
 * Bind an ETH_P_ALL socket (IPv4 and ARP) to `link`, as libpcap does; `promisc` is
 * PACKET_MR_PROMISC (a bridge then shows the frames it forwards). Returns the close function.
 */
export function openCaptureSocket(link: Link, deliver: (frame: CapturedFrame, link: Link) => void, promisc: boolean): () => void {
  return bind(link, { deliver, arp: true, promisc });
}

/** An ETH_P_ALL socket bound to no device (`-i any`): every device of `ns`, never promiscuous. */
export function openAnySocket(ns: Netns, deliver: (frame: CapturedFrame, link: Link) => void): () => void {
  const binding: PacketBinding = { deliver, arp: true, promisc: false };
  ns.anyTaps ??= new Set();
  ns.anyTaps.add(binding);
  return () => {
    ns.anyTaps?.delete(binding);
    if (ns.anyTaps?.size === 0) ns.anyTaps = undefined;
  };
}

function bind(link: Link, binding: PacketBinding): () => void {
  link.taps ??= new Set();
  link.taps.add(binding);
  return () => {
    link.taps?.delete(binding);
    if (link.taps?.size === 0) link.taps = undefined;
  };
}
