/**
 * How iproute2 (`ip link`, `bridge link`) names a device and lists its flags: "veth0@veth1" for a
 * peer in the same namespace, "veth0@if7" for one elsewhere, and M-DOWN after the flags when
 * that same-namespace peer is down (print_linkinfo's IFLA_LINK handling).
 */
import { linkFlagNames, type Link } from '../kernel/link.ts';

/** "name@peer": the peer's name when it is in the same namespace, @ifN otherwise. */
export function linkDisplayName(l: Link): string {
  if (!l.peer) return l.name;
  if (l.peer.ns === l.ns) return `${l.name}@${l.peer.name}`;
  return `${l.name}@if${l.peer.ifindex}`;
}

/** The flags between < and >, with M-DOWN when the same-namespace peer is down. */
export function iprouteFlags(l: Link): string[] {
  const flags = linkFlagNames(l);
  if (l.peer && l.peer.ns === l.ns && !l.peer.up) flags.push('M-DOWN');
  return flags;
}
