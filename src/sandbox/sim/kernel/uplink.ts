/**
 * What lies beyond a host's eth0 in the default profile: a NAT router at the gateway (10.0.2.2),
 * its DNS forwarder (10.0.2.3) and the Internet, which answers pings with realistic TTLs and
 * delays but offers no services (sandboxes have no real egress).
 *
 * The router knows only its own LAN (the segment eth0 is on): a packet whose source is some
 * other private address (a container's 172.17.0.2 when MASQUERADE is gone) goes out and is
 * answered, but the answer has no way back, as on a real network.
 *
 * Its DNS forwarder answers every query, NXDOMAIN: no name outside the sandbox exists here.
 */
import type { Uplink } from './delivery.ts';
import { inPrefix, parsePrefix, type Prefix } from './ipv4.ts';
import type { Packet } from './packet.ts';
import { dnsLength, dnsResponse } from './dns-message.ts';
import { InvariantError } from '../../../errors/invariant.ts';

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '0.0.0.0/8', '224.0.0.0/3'].map((p) => {
  const prefix = parsePrefix(p);
  if (!prefix) throw new InvariantError(`private range ${p} does not parse`);
  return prefix;
});

/** The router and Internet behind a VirtualBox-style NAT network. */
export function natRouterUplink(gateway: number, dns: number, lan: Prefix): Uplink {
  return {
    answer(pkt: Packet) {
      if (!inPrefix(pkt.src, lan) && PRIVATE.some((p) => inPrefix(pkt.src, p))) return 'no-route-back';
      const reply = (ttl: number, costUs: number) => ({
        reply: { proto: pkt.proto, src: pkt.dst, dst: pkt.src, sport: pkt.dport ?? 0, dport: pkt.sport ?? 0, bytes: pkt.bytes },
        ttl,
        costUs,
      });
      if (pkt.dst === dns && pkt.proto === 'udp' && pkt.dport === 53 && pkt.dns) {
        const answer = dnsResponse(pkt.dns, 'NXDomain', [], true);
        const r = reply(64, 900);
        return { ...r, reply: { ...r.reply, bytes: 28 + dnsLength(answer), dns: answer } };
      }
      if (pkt.dst === gateway || pkt.dst === dns) return pkt.proto === 'icmp' ? reply(64, 300) : 'refused';
      if (PRIVATE.some((p) => inPrefix(pkt.dst, p))) return undefined;
      return pkt.proto === 'icmp' ? reply(117, 11000 + (pkt.dst % 9000)) : undefined;
    },
    neighbour(addr) {
      // VirtualBox's NAT engine answers ARP for its router and DNS addresses as 52:54:00:12:35:0x.
      if (addr === gateway || addr === dns) return [0x52, 0x54, 0x00, 0x12, 0x35, addr & 0xff];
      return undefined;
    },
  };
}
