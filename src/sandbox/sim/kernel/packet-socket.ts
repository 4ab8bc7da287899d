/**
 * Packet sockets (AF_PACKET, net/packet): a program bound to a device sees each frame the device
 * sends or receives, as tcpdump does. Binding adds a tap to the device; closing removes it.
 */
import type { Link, PacketTap } from './link.ts';

/** Bind a packet socket to `link`; returns the function that closes it. */
export function openPacketSocket(link: Link, tap: PacketTap): () => void {
  link.taps ??= new Set();
  link.taps.add(tap);
  return () => {
    link.taps?.delete(tap);
    if (link.taps?.size === 0) link.taps = undefined;
  };
}
