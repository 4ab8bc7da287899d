/**
 * Packet delivery: the path a packet takes through the model, as in the kernel's IPv4 stack.
 * Output: nat OUTPUT → route → filter OUTPUT → nat POSTROUTING → device. A veth hands the packet
 * to its peer; a bridge port hands it to the bridge, which finds the destination by ARP on the
 * segment and (br_netfilter) runs filter FORWARD; input: conntrack → nat PREROUTING → route →
 * INPUT (local) or ip_forward + FORWARD + POSTROUTING. Replies walk back the same way, so NAT is
 * undone by conntrack and every rule in the way decides.
 */
import { InvariantError } from '../../../errors/invariant.ts';
import { randomInt } from './random.ts';
import type { Kernel } from './kernel.ts';
import { hasCarrier, countRx, countTx, bridgePorts, tapBridgeInput, type Link } from './link.ts';
import { inPrefix, isLoopbackIp, formatIp, LOOPBACK_ADDR } from './ipv4.ts';
import { isLocalAddress, loopback, type Netns } from './netns.ts';
import { routeLookup } from './route.ts';
import { traverse, type HookContext, type Verdict } from './netfilter/evaluate.ts';
import { isTranslated, natTranslated, trackOriginal, trackReply, tupleOf, uniqueSourceTuple, type ConntrackEntry } from './conntrack.ts';
import { findListener } from './socket.ts';
import type { L4Proto, Packet } from './packet.ts';
import { dnsLength, type DnsMessage } from './dns-message.ts';
import { BROADCAST_HWADDR, ZERO_HWADDR, type HwAddr } from './hwaddr.ts';
import { learnFromArpRequest, needsResolution, neighbourEntry, noteNeighbour } from './neighbour.ts';
import { arpSenderIp, tapArpResolution, type ArpAnswer } from './arp-frames.ts';
import { beginTrace, endTrace, resumeTrace, ruleObserver, suspendTrace, traceArrival, traceBridge, traceChain, traceNat, traceRoute, traceTransmit, traceUnNat, traceVxlan } from './trace.ts';

/** What a sender asks for: one datagram (ICMP echo) or one TCP request. */
export interface Flow {
  proto: L4Proto;
  dst: number;
  dport?: number;
  /** Bytes of the IP packet (84 for a default ping). */
  bytes: number;
  /** TCP payload, e.g. an HTTP request. */
  request?: string;
  /** ICMP echo sequence number, for captures. */
  seq?: number;
  /** The source port (the ICMP echo identifier), when the sender keeps one (ping's per-run id). */
  sport?: number;
  /** A DNS query (UDP to port 53). */
  dns?: DnsMessage;
  /** The IP TTL it leaves with (64 unless a prober such as traceroute sets it). */
  ttl?: number;
}

/** How the exchange ended, as the sending program sees it. */
export type Outcome =
  | { kind: 'reply'; from: number; ttl: number; rttMs: number; response?: string; dns?: DnsMessage; trace: string[] }
  | { kind: 'refused'; trace: string[] }
  | { kind: 'no-route'; trace: string[] }
  | { kind: 'host-unreachable'; from: number; trace: string[] }
  /** A router on the way answered ICMP time exceeded: the TTL ran out there. */
  | { kind: 'time-exceeded'; from: number; rttMs: number; trace: string[] }
  | { kind: 'timeout'; trace: string[] };

type Arrival =
  | { kind: 'arrived'; ns: Netns; pkt: Packet; ttl: number; outside?: OutsideAnswer }
  | { kind: 'dropped'; trace: string; src?: number }
  | { kind: 'no-route' }
  | { kind: 'host-unreachable'; from: number };

/** State carried along one direction of a walk. */
interface Walk {
  ct: 'NEW' | 'ESTABLISHED';
  ttl: number;
  /** Microseconds spent on the wire and in stacks, for plausible RTTs. */
  cost: number;
  depth: number;
  trace: string[];
}

/** What the outside of a host's uplink looks like: who answers behind the gateway. */
export interface Uplink {
  /**
   * Reply (as a packet arriving on the uplink) to a packet leaving through it; undefined when
   * nobody answers, 'no-route-back' when the answer cannot find its way back to the source.
   */
  answer(pkt: Packet): { reply: Packet; ttl: number; costUs: number; response?: string } | 'refused' | 'no-route-back' | undefined;
  /** The MAC that answers ARP for `addr` on the uplink's segment (the router's addresses). */
  neighbour?(addr: number): HwAddr | undefined;
}

/** Who answers ARP for `addr` behind bridge port `port` (the far end of a veth, or a VXLAN peer). */
function portAnswers(port: Link, addr: number): ArpAnswer | undefined {
  if (!hasCarrier(port)) return undefined;
  if (port.kind === 'vxlan') {
    const mac = port.vxlan?.lookup(addr)?.mac;
    return mac && { mac };
  }
  if (port.peer?.addrs.some((a) => a.addr === addr)) return { mac: port.peer.mac, link: port.peer };
  return undefined;
}

/** The link-layer address that answers ARP for `addr` on the segment `dev` sends to. */
export function arpResolve(dev: Link, addr: number, uplink: Uplink | undefined): HwAddr | undefined {
  return arpAnswer(dev, addr, uplink)?.mac;
}

/** Who answers ARP for `addr` on the segment `dev` sends to: the MAC, and the device when it is one of ours. */
function arpAnswer(dev: Link, addr: number, uplink: Uplink | undefined): ArpAnswer | undefined {
  switch (dev.kind) {
    case 'loopback':
      return { mac: dev.mac, link: dev };
    case 'veth': {
      const peer = dev.peer;
      if (!peer || !hasCarrier(dev)) return undefined;
      const br = peer.master;
      if (!br) return peer.addrs.some((a) => a.addr === addr) ? { mac: peer.mac, link: peer } : undefined;
      if (br.addrs.some((a) => a.addr === addr)) return { mac: br.mac, link: br };
      for (const p of bridgePorts(br))
        if (p !== peer) {
          const answer = portAnswers(p, addr);
          if (answer) return answer;
        }
      return undefined;
    }
    case 'bridge':
      for (const p of bridgePorts(dev)) {
        const answer = portAnswers(p, addr);
        if (answer) return answer;
      }
      return undefined;
    case 'ether': {
      if (dev.lan) {
        const far = dev.lan.ports.find((p) => p !== dev && hasCarrier(p) && p.addrs.some((a) => a.addr === addr));
        return far && { mac: far.mac, link: far };
      }
      const mac = uplink?.neighbour?.(addr);
      return mac && { mac };
    }
    case 'vxlan': {
      const mac = dev.vxlan?.lookup(addr)?.mac;
      return mac && { mac };
    }
    case 'dummy':
      // IFF_NOARP: a dummy device resolves every neighbour to itself and drops what it sends.
      return { mac: dev.mac, link: dev };
  }
}

function hookCtx(ns: Netns, walk: Walk, inIface?: string, outIface?: string): HookContext {
  const ctx: HookContext = { ctstate: walk.ct, isLocal: (a) => isLocalAddress(ns, a) };
  if (inIface !== undefined) ctx.inIface = inIface;
  if (outIface !== undefined) ctx.outIface = outIface;
  return ctx;
}

function hook(ns: Netns, table: 'filter' | 'nat', chain: string, pkt: Packet, ctx: HookContext, walk: Walk): Verdict {
  const v = traverse(ns.netfilter[table], chain, pkt, ctx, ruleObserver(ns, table));
  traceChain(ns, table, chain, v);
  if (v.verdict === 'DROP') walk.trace.push(`${table} ${chain}: DROP`);
  return v;
}

/** Apply a NAT verdict to `pkt` and remember the flow so the reply is translated back. */
function applyNat(ns: Netns, pkt: Packet, v: Verdict, outDev?: Link): void {
  if (!v.nat) return;
  const orig = tupleOf(pkt);
  const before = { ...pkt };
  if (v.nat.kind === 'DNAT') {
    if (v.nat.addr !== undefined) pkt.dst = v.nat.addr;
    if (v.nat.port !== undefined) pkt.dport = v.nat.port;
  } else if (v.nat.kind === 'SNAT') {
    if (v.nat.addr !== undefined) pkt.src = v.nat.addr;
    if (v.nat.port !== undefined) pkt.sport = v.nat.port;
  } else {
    const a = outDev?.addrs.find((x) => x.scope === 'global');
    if (a) pkt.src = a.addr;
  }
  if (v.nat.kind !== 'DNAT') uniqueSourceTuple(ns.conntrack, pkt, orig);
  natTranslated(ns, pkt, orig);
  traceNat(ns, v.nat.kind, before, pkt, v.nat.kind === 'DNAT' ? undefined : outDev);
}

/** conntrack undoing a flow's NAT on its reply. */
function unNatReply(ns: Netns, pkt: Packet, entry: ConntrackEntry | undefined): void {
  if (!entry || !isTranslated(entry)) return;
  const before = { ...pkt };
  pkt.src = entry.orig.dst;
  pkt.sport = entry.orig.dport;
  pkt.dst = entry.orig.src;
  pkt.dport = entry.orig.sport;
  traceUnNat(ns, before, pkt);
}

/** Output path of a locally generated packet. */
function output(ns: Netns, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  if (walk.ct === 'NEW') {
    trackOriginal(ns, pkt);
    const v = hook(ns, 'nat', 'OUTPUT', pkt, hookCtx(ns, walk), walk);
    applyNat(ns, pkt, v);
  } else {
    // A local answer to a translated flow (the embedded DNS server's, DNAT'd to its port) leaves as the asker expects it.
    unNatReply(ns, pkt, trackReply(ns, pkt));
  }
  const r = routeLookup(ns, pkt.dst);
  traceRoute(ns, pkt.dst, r.kind);
  if (r.kind === 'unreachable') return { kind: 'no-route' };
  if (r.kind === 'local') {
    if (hook(ns, 'filter', 'OUTPUT', pkt, hookCtx(ns, walk, undefined, 'lo'), walk).verdict === 'DROP') return { kind: 'dropped', trace: 'OUTPUT' };
    // Local traffic crosses lo: a capture there sees it leave and come back.
    const lo = loopback(ns);
    pkt.l2 = { src: ZERO_HWADDR, dst: ZERO_HWADDR };
    pkt.ttl = walk.ttl;
    countTx(lo, pkt);
    countRx(lo, pkt);
    if (hook(ns, 'filter', 'INPUT', pkt, hookCtx(ns, walk, 'lo'), walk).verdict === 'DROP') return { kind: 'dropped', trace: 'INPUT' };
    walk.cost += 15;
    return { kind: 'arrived', ns, pkt, ttl: walk.ttl };
  }
  if (hook(ns, 'filter', 'OUTPUT', pkt, hookCtx(ns, walk, undefined, r.dev.name), walk).verdict === 'DROP') return { kind: 'dropped', trace: 'OUTPUT' };
  if (walk.ct === 'NEW') {
    const v = hook(ns, 'nat', 'POSTROUTING', pkt, hookCtx(ns, walk, undefined, r.dev.name), walk);
    applyNat(ns, pkt, v, r.dev);
  }
  return transmit(r.dev, r.nexthop, pkt, walk, uplink);
}

/**
 * `dev` asks the segment who has `nexthop`: captures see the request and its answer, and the
 * host that answers learns the asker from the request (a STALE entry).
 */
function resolveNeighbour(dev: Link, src: number, nexthop: number, answer: ArpAnswer | undefined, now: number): void {
  tapArpResolution(dev, src, nexthop, answer);
  if (answer?.link && answer.link !== dev) learnFromArpRequest(answer.link.ns, answer.link, arpSenderIp(dev, src), dev.mac, now);
}

/** Put a packet on a device towards `nexthop`. */
function transmit(dev: Link, nexthop: number, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  if (++walk.depth > 24) return { kind: 'dropped', trace: 'loop' };
  if (!hasCarrier(dev)) return { kind: 'dropped', trace: `${dev.name}: no carrier` };
  if (dev.kind !== 'loopback') {
    const answer = arpAnswer(dev, nexthop, uplink);
    const now = dev.ns.kernel.clock.now();
    if (needsResolution(neighbourEntry(dev.ns, dev, nexthop), now)) resolveNeighbour(dev, pkt.src, nexthop, answer, now);
    noteNeighbour(dev.ns, dev, nexthop, answer?.mac, now, pkt.proto === 'tcp');
    if (!answer && (dev.kind !== 'ether' || dev.lan || uplink?.neighbour)) return { kind: 'host-unreachable', from: pkt.src };
    pkt.l2 = { src: dev.mac, dst: answer?.mac ?? BROADCAST_HWADDR };
  } else {
    pkt.l2 = { src: ZERO_HWADDR, dst: ZERO_HWADDR };
  }
  pkt.ttl = walk.ttl;
  countTx(dev, pkt);
  walk.trace.push(dev.name);
  traceTransmit(dev);
  switch (dev.kind) {
    case 'veth': {
      const peer = dev.peer;
      // A veth whose other end is gone has nowhere to put the frame.
      if (!peer) return { kind: 'dropped', trace: 'veth: no peer' };
      walk.cost += 20;
      if (peer.master) return bridgeInput(peer.master, peer, nexthop, pkt, walk, uplink);
      return input(peer.ns, peer, pkt, walk, uplink);
    }
    case 'bridge':
      return bridgeOut(dev, undefined, nexthop, pkt, walk, uplink);
    case 'vxlan':
      return encapsulate(dev, nexthop, pkt, walk, uplink);
    case 'ether': {
      if (dev.lan) {
        const far = dev.lan.ports.find((p) => p !== dev && hasCarrier(p) && p.addrs.some((a) => a.addr === nexthop));
        if (!far) return { kind: 'host-unreachable', from: pkt.src };
        walk.cost += 180;
        return input(far.ns, far, pkt, walk, uplink);
      }
      return fromUplink(dev, pkt, walk, uplink);
    }
    case 'loopback':
      return input(dev.ns, dev, pkt, walk, uplink);
    case 'dummy':
      return { kind: 'dropped', trace: `${dev.name}: dummy device` };
  }
}

/** The bridge port behind which `addr` answers ARP (the far end of a veth, or a VXLAN peer). */
function portToward(bridge: Link, addr: number, except: Link | undefined): Link | undefined {
  return bridgePorts(bridge).find((p) => p !== except && portAnswers(p, addr) !== undefined);
}

/** The bridge sends a frame out of `port` (a veth to a namespace, or a VXLAN tunnel). */
function bridgeOut(bridge: Link, inPort: Link | undefined, nexthop: number, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  const port = portToward(bridge, nexthop, inPort);
  if (!port) return { kind: 'host-unreachable', from: pkt.src };
  if (bridge.fdb && port.peer) bridge.fdb.set(port.peer.mac.join(':'), port);
  countTx(port, pkt);
  traceBridge(bridge, inPort, port);
  walk.cost += 20;
  if (port.kind === 'vxlan') return encapsulate(port, nexthop, pkt, walk, uplink);
  if (!port.peer) return { kind: 'dropped', trace: 'bridge: port without a peer' };
  return input(port.peer.ns, port.peer, pkt, walk, uplink);
}

/**
 * VXLAN: wrap the frame in UDP to the remote VTEP (port 4789) and send it from the host's own
 * namespace, where the device's socket lives; the remote node's VXLAN device unwraps it into its
 * overlay bridge. The outer packet is routed and filtered like any other.
 */
function encapsulate(vx: Link, inner: number, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  const cfg = vx.vxlan;
  const peer = cfg?.lookup(inner);
  if (!cfg || !peer) return { kind: 'host-unreachable', from: pkt.src };
  const init = vx.ns.kernel.init;
  const outer: Packet = { proto: 'udp', src: cfg.local, dst: peer.vtep, sport: 32768 + (inner % 28000), dport: cfg.port, bytes: pkt.bytes + 50, inner: { vni: cfg.vni, pkt: { ...pkt } } };
  if (pkt.role !== undefined) outer.role = pkt.role;
  const outerWalk: Walk = { ct: 'NEW', ttl: 64, cost: 0, depth: walk.depth, trace: walk.trace };
  walk.trace.push(`vxlan ${describe(cfg.local)} > ${describe(peer.vtep)}:${cfg.port} vni ${cfg.vni}`);
  traceVxlan(vx, { from: describe(cfg.local), to: `${describe(peer.vtep)}:${cfg.port}`, vni: cfg.vni });
  const a = output(init, outer, outerWalk, uplink);
  walk.cost += outerWalk.cost;
  walk.depth = outerWalk.depth;
  if (a.kind !== 'arrived' || a.ns !== peer.remote.ns.kernel.init || a.pkt.dport !== cfg.port) {
    return a.kind === 'no-route' ? { kind: 'dropped', trace: 'vxlan: no route to VTEP' } : { kind: 'dropped', trace: 'vxlan: underlay' };
  }
  const remote = peer.remote;
  if (!remote.master || !hasCarrier(remote)) return { kind: 'dropped', trace: 'vxlan: remote device down' };
  countRx(remote, pkt);
  return bridgeInput(remote.master, remote, inner, pkt, walk, uplink);
}

/** A frame entering a bridge on port `inPort`. */
function bridgeInput(bridge: Link, inPort: Link, nexthop: number, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  if (inPort.kind !== 'vxlan') countRx(inPort, pkt);
  walk.trace.push(bridge.name);
  const src = inPort.peer;
  if (src && bridge.fdb) bridge.fdb.set(src.mac.join(':'), inPort);
  const local = bridge.addrs.some((a) => a.addr === nexthop);
  tapBridgeInput(bridge, pkt, !local);
  if (local) return input(bridge.ns, bridge, pkt, walk, uplink);
  const port = portToward(bridge, nexthop, inPort);
  if (!port) return { kind: 'host-unreachable', from: pkt.src };
  if (bridge.ns.sysctl.get('net.bridge.bridge-nf-call-iptables') === '1') {
    // br_netfilter: bridged packets pass the host's conntrack too (container-to-container flows show on the host).
    if (walk.ct === 'NEW') trackOriginal(bridge.ns, pkt);
    else trackReply(bridge.ns, pkt);
    const v = hook(bridge.ns, 'filter', 'FORWARD', pkt, hookCtx(bridge.ns, walk, bridge.name, bridge.name), walk);
    if (v.verdict === 'DROP') return { kind: 'dropped', trace: `${bridge.name} FORWARD` };
  }
  walk.cost += 5;
  return bridgeOut(bridge, inPort, nexthop, pkt, walk, uplink);
}

/** Input path: conntrack, PREROUTING, routing decision, INPUT or FORWARD. */
function input(ns: Netns, dev: Link, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  if (++walk.depth > 24) return { kind: 'dropped', trace: 'loop' };
  if (dev.kind !== 'bridge') countRx(dev, pkt);
  const reply = trackReply(ns, pkt);
  if (reply) {
    unNatReply(ns, pkt, reply);
  } else if (walk.ct === 'NEW') {
    trackOriginal(ns, pkt);
    const v = hook(ns, 'nat', 'PREROUTING', pkt, hookCtx(ns, walk, dev.name), walk);
    applyNat(ns, pkt, v);
  }
  const r = routeLookup(ns, pkt.dst);
  traceRoute(ns, pkt.dst, r.kind);
  if (r.kind === 'local') {
    if (hook(ns, 'filter', 'INPUT', pkt, hookCtx(ns, walk, dev.name), walk).verdict === 'DROP') return { kind: 'dropped', trace: 'INPUT' };
    return { kind: 'arrived', ns, pkt, ttl: walk.ttl };
  }
  if (r.kind === 'unreachable') return { kind: 'dropped', trace: 'no route' };
  if (ns.sysctl.get('net.ipv4.ip_forward') !== '1') {
    walk.trace.push(`ip_forward=0 on ${ns.kernel.hostname}`);
    return { kind: 'dropped', trace: 'ip_forward' };
  }
  if (--walk.ttl <= 0) {
    // ip_forward's ICMP time exceeded comes from the address this router would reach the sender with.
    const back = routeLookup(ns, pkt.src);
    return { kind: 'dropped', trace: 'ttl', ...(back.kind === 'unicast' ? { src: back.src } : {}) };
  }
  const v = hook(ns, 'filter', 'FORWARD', pkt, hookCtx(ns, walk, dev.name, r.dev.name), walk);
  if (v.verdict === 'DROP') return { kind: 'dropped', trace: 'FORWARD' };
  if (walk.ct === 'NEW' && !reply) {
    const nat = hook(ns, 'nat', 'POSTROUTING', pkt, hookCtx(ns, walk, undefined, r.dev.name), walk);
    applyNat(ns, pkt, nat, r.dev);
  }
  return transmit(r.dev, r.nexthop, pkt, walk, uplink);
}

/** What the outside world answered to a packet that left through the uplink. */
type OutsideAnswer = Exclude<ReturnType<Uplink['answer']>, undefined | 'no-route-back'>;

/** A packet leaving through the uplink: the outside world answers or not. */
function fromUplink(dev: Link, pkt: Packet, walk: Walk, uplink: Uplink | undefined): Arrival {
  const answer = uplink?.answer(pkt);
  if (!answer) return { kind: 'dropped', trace: 'uplink' };
  if (answer === 'no-route-back') return { kind: 'dropped', trace: 'no-route-back', src: pkt.src };
  // The outside is not part of this walk: its answer travels with the arrival to the caller.
  return { kind: 'arrived', ns: dev.ns, pkt, ttl: walk.ttl, outside: answer };
}

/** Send one packet (and wait for its answer) from `ns`: the whole round trip through the model. */
export function exchange(ns: Netns, flow: Flow, uplink?: Uplink): Outcome {
  const [outcome] = exchangeAll(ns, [flow], uplink);
  if (!outcome) throw new InvariantError('exchangeAll returned no outcome for one flow');
  return outcome;
}

/**
 * Send several packets from one socket before reading any answer (a resolver's A and AAAA
 * questions, sent back to back): every packet leaves first, then each answer is walked back, in
 * the order the packets went.
 */
export function exchangeAll(ns: Netns, flows: readonly Flow[], uplink?: Uplink): Outcome[] {
  // Every round trip is recorded (kernel/trace.ts) for `explain` and the topology panel.
  const inFlight = flows.map((flow) => {
    const route = routeLookup(ns, flow.dst);
    beginTrace(ns, flow, route.kind === 'unicast' ? route.src : flow.dst);
    let leg: Departure | undefined;
    try {
      leg = depart(ns, flow, uplink);
    } finally {
      if (!leg) endTrace(ns, 'timeout');
    }
    return { leg, trace: suspendTrace(ns) };
  });
  return inFlight.map(({ leg, trace }) => {
    resumeTrace(ns, trace);
    let outcome: Outcome | undefined;
    try {
      outcome = leg.kind === 'done' ? leg.outcome : answer(ns, leg, uplink);
      return outcome;
    } finally {
      endTrace(ns, outcome?.kind ?? 'timeout');
    }
  });
}

/** A packet on its way: it ended already (no route, dropped), or it arrived and awaits its answer. */
type Departure = { kind: 'done'; outcome: Outcome } | { kind: 'arrived'; flow: Flow; sent: Packet; arrival: Extract<Arrival, { kind: 'arrived' }>; there: Walk; trace: string[] };

/** The request's walk, from `ns` to where it is received (or lost). */
function depart(ns: Netns, flow: Flow, uplink?: Uplink): Departure {
  const trace: string[] = [];
  const route = routeLookup(ns, flow.dst);
  // A local destination is its own source, except an unassigned loopback address (127.0.0.11): lo's 127.0.0.1.
  const src = route.kind === 'unicast' ? route.src : isLoopbackIp(flow.dst) && !ns.links.some((l) => l.addrs.some((a) => a.addr === flow.dst)) ? LOOPBACK_ADDR : flow.dst;
  const drawn = flow.proto === 'icmp' ? randomInt(ns.kernel.random, 65535) : 32768 + randomInt(ns.kernel.random, 28000);
  const sport = flow.sport ?? drawn;
  const pkt: Packet = { proto: flow.proto, src, dst: flow.dst, sport, bytes: flow.dns ? 28 + dnsLength(flow.dns) : flow.bytes };
  pkt.dport = flow.dport ?? (flow.proto === 'icmp' ? sport : 0);
  if (flow.seq !== undefined) pkt.seq = flow.seq;
  if (flow.request !== undefined) pkt.payload = flow.request;
  if (flow.dns !== undefined) pkt.dns = flow.dns;
  if (flow.proto === 'tcp') pkt.mss = route.kind === 'unicast' ? route.dev.mtu - 40 : 65495;
  const sent = { ...pkt };
  const there: Walk = { ct: 'NEW', ttl: flow.ttl ?? 64, cost: 0, depth: 0, trace };
  const a = output(ns, pkt, there, uplink);
  traceArrival(ns, a);
  if (a.kind === 'no-route') return { kind: 'done', outcome: { kind: 'no-route', trace } };
  if (a.kind === 'host-unreachable') return { kind: 'done', outcome: { kind: 'host-unreachable', from: a.from, trace } };
  if (a.kind === 'dropped') {
    if (a.trace !== 'ttl' || a.src === undefined) return { kind: 'done', outcome: { kind: 'timeout', trace } };
    // The error travels back the way the probe came (the model does not walk it separately).
    return { kind: 'done', outcome: { kind: 'time-exceeded', from: a.src, rttMs: (2 * there.cost + randomInt(ns.kernel.random, 40) + 20) / 1000, trace } };
  }
  return { kind: 'arrived', flow, sent, arrival: a, there, trace };
}

/** The receiver answers (or not) and the answer walks back to `ns`. */
function answer(ns: Netns, leg: Extract<Departure, { kind: 'arrived' }>, uplink?: Uplink): Outcome {
  const { flow, sent, arrival: a, there, trace } = leg;

  let replyPkt: Packet;
  let response: string | undefined;
  let dnsAnswer: DnsMessage | undefined;
  let replyTtl = 64;
  let outsideCost = 0;
  const outside = a.outside;
  if (outside !== undefined) {
    if (outside === 'refused') return { kind: 'refused', trace };
    replyPkt = { ...outside.reply, role: 'reply' };
    if (outside.response !== undefined) replyPkt.payload = outside.response;
    replyTtl = outside.ttl;
    outsideCost = outside.costUs;
    response = outside.response;
  } else {
    const at = a.ns;
    const got = a.pkt;
    if (got.proto === 'icmp') {
      if (at.sysctl.get('net.ipv4.icmp_echo_ignore_all') === '1') return { kind: 'timeout', trace };
    } else {
      const sock = findListener(at, got.proto === 'tcp' ? 'tcp' : 'udp', got.dst, got.dport ?? 0);
      if (!sock) {
        if (got.proto === 'udp') return { kind: 'timeout', trace };
        return replyBack(at, got, ns, sent, uplink, trace) ? { kind: 'refused', trace } : { kind: 'timeout', trace };
      }
      const peer = { addr: got.src, port: got.sport ?? 0 };
      if (got.dns !== undefined && sock.answerDns) {
        // A DNS server that sends no answer (its upstream is silent) leaves the asker waiting.
        dnsAnswer = sock.answerDns(got.dns, peer);
        if (dnsAnswer === undefined) return { kind: 'timeout', trace };
      } else {
        response = sock.respond(flow.request ?? '', peer);
      }
    }
    const bytes = dnsAnswer !== undefined ? 28 + dnsLength(dnsAnswer) : got.bytes;
    replyPkt = { proto: got.proto, src: got.dst, dst: got.src, sport: got.dport ?? 0, dport: got.sport ?? 0, bytes, role: 'reply' };
    if (response !== undefined) replyPkt.payload = response;
    if (dnsAnswer !== undefined) replyPkt.dns = dnsAnswer;
  }
  if (sent.seq !== undefined) replyPkt.seq = sent.seq;
  const back: Walk = { ct: 'ESTABLISHED', ttl: replyTtl, cost: 0, depth: 0, trace };
  const b = outside !== undefined ? input(ns.kernel.init, uplinkDev(ns.kernel), replyPkt, back, uplink) : output(a.ns, replyPkt, back, uplink);
  traceArrival(ns, b);
  if (b.kind !== 'arrived' || b.ns !== ns || b.pkt.dst !== sent.src) return { kind: 'timeout', trace };
  const jitter = randomInt(ns.kernel.random, 40);
  const rttMs = (there.cost + back.cost + outsideCost + jitter + 20) / 1000;
  const out: Outcome = { kind: 'reply', from: b.pkt.src, ttl: b.ttl, rttMs, trace };
  if (response !== undefined) out.response = response;
  if (b.pkt.dns !== undefined) out.dns = b.pkt.dns;
  return out;
}

/** Whether a TCP reset from `at` would make it back to the sender. */
function replyBack(at: Netns, got: Packet, ns: Netns, sent: Packet, uplink: Uplink | undefined, trace: string[]): boolean {
  const rst: Packet = { proto: got.proto, src: got.dst, dst: got.src, sport: got.dport ?? 0, dport: got.sport ?? 0, bytes: 40, role: 'reset' };
  const b = output(at, rst, { ct: 'ESTABLISHED', ttl: 64, cost: 0, depth: 0, trace }, uplink);
  return b.kind === 'arrived' && b.ns === ns && b.pkt.dst === sent.src;
}

function uplinkDev(kernel: Kernel): Link {
  return kernel.init.links.find((l) => l.kind === 'ether') ?? loopback(kernel.init);
}

/** Dotted address for traces. */
export function describe(addr: number): string {
  return formatIp(addr);
}

/** Whether `addr` is in one of `prefixes` (for uplink models). */
export function inAny(addr: number, prefixes: { addr: number; len: number }[]): boolean {
  return prefixes.some((p) => inPrefix(addr, p));
}
