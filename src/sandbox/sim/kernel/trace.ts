/**
 * Packet traces: what the last packet did on its way through the model, for `explain` and the
 * topology panel's "What happened?". The packet walk (delivery.ts) is synchronous, so a trace is
 * recorded by the simulation's Tracer (one per simulation, shared by its nodes' kernels, since a
 * packet crosses machines) that exchange() opens and closes around one round trip; the hooks
 * below are no-ops when no trace is open. A connection a proxy opens while serving
 * another (docker-proxy) is recorded inside the outer trace one level deeper.
 *
 * Hops keep references to namespaces and devices; turning them into names and ids needs the
 * world (which container owns a namespace) and is done by sim/topology.ts. Their words are
 * messages (a key of the locale tables' `sandbox` area and its values), worded in the reader's
 * language by whoever shows them: `explain` in the terminal's, the topology panel in the page's.
 */
import type { SandboxMessage } from '../../../i18n/sandbox-catalog.ts';
import type { PathHop, PathState } from '../../topology/state.ts';
import { formatIp, formatPrefix, inPrefix } from './ipv4.ts';
import type { Kernel } from './kernel.ts';
import type { Link } from './link.ts';
import { isLocalAddress, type Netns } from './netns.ts';
import type { Packet } from './packet.ts';
import type { Rule } from './netfilter/rule.ts';
import { formatRuleSpec } from './netfilter/rule-spec.ts';
import { findChain } from './netfilter/table.ts';
import { mainTable, type Route } from './route.ts';
import { findListener } from './socket.ts';

/** One recorded step; `ns` and `links` are resolved to names later. */
export interface TraceHop {
  kind: PathHop['kind'];
  dir: PathHop['dir'];
  depth: number;
  message: SandboxMessage;
  ns?: Netns;
  links?: Link[];
  table?: 'filter' | 'nat';
  chain?: string;
  rule?: string;
  verdict?: string;
}

/** One packet's round trip (or a DNS question on its own). */
export interface PacketTrace {
  seq: number;
  kernel: Kernel;
  from: Netns;
  /** The packet, as protocol and endpoints (no words to translate). */
  summary: string;
  /** Set when the trace is not a packet's (a DNS question on its own). */
  summaryMessage?: SandboxMessage;
  outcome: PathState['outcome'];
  hops: TraceHop[];
}

/** What exchange() is asked to send (delivery.ts's Flow, structurally). */
interface FlowLike {
  proto: 'icmp' | 'tcp' | 'udp';
  dst: number;
  dport?: number;
}

interface Recorder {
  trace: PacketTrace;
  depth: number;
  dir: PathHop['dir'];
  /** Set on the outermost recorder only. */
  outer: boolean;
}

/** The name lookup a process in a namespace made last, so the packet that follows can show it. */
interface DnsNote {
  hop: TraceHop;
  answer: number | undefined;
  trace: PacketTrace;
}

/** The trace state of one simulation: a sequence counter, the open recorders and the last traces. */
export interface Tracer {
  seq: number;
  /** Open recorders, innermost last (a proxy's own connection nests inside the outer one). */
  stack: Recorder[];
  lastByKernel: WeakMap<Kernel, PacketTrace>;
  dnsByNs: WeakMap<Netns, DnsNote>;
}

/** A tracer with nothing recorded. */
export function createTracer(): Tracer {
  return { seq: 0, stack: [], lastByKernel: new WeakMap(), dnsByNs: new WeakMap() };
}

function tracerOf(ns: Netns): Tracer {
  return ns.kernel.tracer;
}

function current(ns: Netns): Recorder | undefined {
  const stack = tracerOf(ns).stack;
  return stack[stack.length - 1];
}

function push(r: Recorder, hop: Omit<TraceHop, 'dir' | 'depth'>): void {
  r.trace.hops.push({ ...hop, dir: r.dir, depth: r.depth });
}

/** A message for a hop's words (worded later, in the reader's language). */
function say(key: SandboxMessage['key'], vars: SandboxMessage['vars'] = {}): SandboxMessage {
  return { key, vars };
}

/** The last trace recorded on `kernel`'s machine, if any. */
export function lastTrace(kernel: Kernel): PacketTrace | undefined {
  return kernel.tracer.lastByKernel.get(kernel);
}

function protoText(proto: string): string {
  return proto === 'icmp' ? 'ICMP echo' : proto.toUpperCase();
}

function endpoint(addr: number, port: number | undefined, proto: string): string {
  return proto === 'icmp' || port === undefined ? formatIp(addr) : `${formatIp(addr)}:${port}`;
}

/** The route `ip route` would print for the one that matched. */
function routeText(r: Route): string {
  const parts = [r.dst.len === 0 ? 'default' : formatPrefix(r.dst)];
  if (r.via !== undefined) parts.push(`via ${formatIp(r.via)}`);
  parts.push(`dev ${r.dev.name}`);
  if (r.proto === 'kernel') parts.push('proto kernel scope link');
  if (r.src !== undefined) parts.push(`src ${formatIp(r.src)}`);
  return parts.join(' ');
}

/** The route routeLookup chose for `dst` (same choice: longest prefix, then lowest metric). */
function matchedRoute(ns: Netns, dst: number): Route | undefined {
  let best: Route | undefined;
  for (const r of mainTable(ns)) {
    if (!inPrefix(dst, r.dst)) continue;
    if (!best || r.dst.len > best.dst.len || (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  return best;
}

/** Open a trace for one exchange from `ns` (called by delivery.ts's exchange). */
export function beginTrace(ns: Netns, flow: FlowLike, src: number): void {
  const tracer = tracerOf(ns);
  const outer = current(ns);
  if (outer) {
    const inner: Recorder = { trace: outer.trace, depth: outer.depth + 1, dir: 'request', outer: false };
    tracer.stack.push(inner);
    push(inner, { kind: 'leave', ns, message: say('trace.opensOwn', { packet: `${protoText(flow.proto)} ${formatIp(src)} → ${endpoint(flow.dst, flow.dport, flow.proto)}` }) });
    return;
  }
  const trace: PacketTrace = {
    seq: ++tracer.seq,
    kernel: ns.kernel,
    from: ns,
    summary: `${protoText(flow.proto)} ${formatIp(src)} → ${endpoint(flow.dst, flow.dport, flow.proto)}`,
    outcome: 'timeout',
    hops: [],
  };
  const dns = tracer.dnsByNs.get(ns);
  const last = tracer.lastByKernel.get(ns.kernel);
  // The name lookup that gave this address, when it is what happened just before.
  if (dns && dns.answer === flow.dst && last && (last === dns.trace || last.hops.includes(dns.hop))) trace.hops.push(dns.hop);
  const recorder: Recorder = { trace, depth: 0, dir: 'request', outer: true };
  tracer.stack.push(recorder);
  push(recorder, { kind: 'leave', ns, message: say('trace.sends', { packet: trace.summary }) });
}

/** A trace set aside while its packet is on its way (exchangeAll sends several before any answer). */
export interface SuspendedTrace {
  readonly recorder: Recorder | undefined;
}

/** Take the innermost open trace off the stack, to be resumed when its answer comes. */
export function suspendTrace(ns: Netns): SuspendedTrace {
  return { recorder: tracerOf(ns).stack.pop() };
}

/** Put a suspended trace back on top: what follows is recorded in it again. */
export function resumeTrace(ns: Netns, suspended: SuspendedTrace): void {
  if (suspended.recorder) tracerOf(ns).stack.push(suspended.recorder);
}

/** Close the innermost trace opened from `ns` with the exchange's outcome (delivery.ts's Outcome kind). */
export function endTrace(ns: Netns, outcome: string): void {
  const tracer = tracerOf(ns);
  const r = tracer.stack.pop();
  if (!r?.outer) return;
  const t = r.trace;
  const dropped = t.hops.some((h) => h.kind === 'drop' && h.depth === 0);
  t.outcome =
    outcome === 'reply' ? 'answered' : outcome === 'refused' ? 'refused' : outcome === 'no-route' ? 'no-route' : outcome === 'host-unreachable' ? 'unreachable' : dropped ? 'dropped' : 'timeout';
  tracer.lastByKernel.set(t.kernel, t);
}

/** A route lookup in `ns` for `dst` (output and input paths). */
export function traceRoute(ns: Netns, dst: number, kind: 'local' | 'unicast' | 'unreachable'): void {
  const r = current(ns);
  if (!r) return;
  if (kind === 'local') {
    push(r, { kind: 'route', ns, message: say('trace.routeLocal', { address: formatIp(dst) }) });
    return;
  }
  const route = kind === 'unicast' ? matchedRoute(ns, dst) : undefined;
  push(r, { kind: 'route', ns, message: route ? say('trace.route', { route: routeText(route) }) : say('trace.noRoute', { address: formatIp(dst) }), ...(route ? { links: [route.dev] } : {}) });
}

/** An observer for netfilter's traverse(): each matching rule that has a target, in order. */
export function ruleObserver(ns: Netns, table: 'filter' | 'nat'): ((chain: string, rule: Rule) => void) | undefined {
  const r = current(ns);
  if (!r) return undefined;
  return (chain, rule) => {
    const t = rule.target;
    if (!t) return;
    const spec = formatRuleSpec(rule);
    const verdict = t.kind === 'jump' ? `jump to ${t.chain}` : t.kind;
    push(r, { kind: 'rule', ns, table, chain, rule: `-A ${chain}${spec ? ` ${spec}` : ''}`, verdict, message: say('trace.rule', { table, chain, verdict }) });
  };
}

/** The end of one hook's chain walk: records the policy when no rule decided. */
export function traceChain(ns: Netns, table: 'filter' | 'nat', chain: string, verdict: { verdict: string; rule?: Rule; nat?: unknown }): void {
  const r = current(ns);
  if (!r || verdict.rule) return;
  const c = findChain(ns.netfilter[table], chain);
  // Chains nobody filled in (a container's own tables) say nothing worth reading.
  if (!c || (c.rules.length === 0 && c.policy !== 'DROP')) return;
  push(r, { kind: 'policy', ns, table, chain, verdict: verdict.verdict, message: say('trace.policy', { table, chain, policy: c.policy ?? 'ACCEPT' }) });
}

/** A NAT translation applied by a rule (DNAT, SNAT, MASQUERADE). */
export function traceNat(ns: Netns, kind: string, before: Packet, after: Packet, dev?: Link): void {
  const r = current(ns);
  if (!r) return;
  const message =
    kind === 'DNAT'
      ? say('trace.dnat', { before: endpoint(before.dst, before.dport, before.proto), after: endpoint(after.dst, after.dport, after.proto) })
      : dev
        ? say('trace.snatDevice', { nat: kind, before: formatIp(before.src), after: formatIp(after.src), device: dev.name })
        : say('trace.snat', { nat: kind, before: formatIp(before.src), after: formatIp(after.src) });
  push(r, { kind: 'nat', ns, message, ...(dev ? { links: [dev] } : {}) });
}

/** conntrack undoing NAT on a reply. */
export function traceUnNat(ns: Netns, before: Packet, after: Packet): void {
  const r = current(ns);
  if (!r) return;
  if (before.src === after.src && before.dst === after.dst && before.sport === after.sport && before.dport === after.dport) return;
  push(r, {
    kind: 'unnat',
    ns,
    message: say('trace.unnat', {
      before: `${endpoint(before.src, before.sport, before.proto)} → ${endpoint(before.dst, before.dport, before.proto)}`,
      after: `${endpoint(after.src, after.sport, after.proto)} → ${endpoint(after.dst, after.dport, after.proto)}`,
    }),
  });
}

/** A frame leaving `dev` (veth to its peer, the uplink, loopback). */
export function traceTransmit(dev: Link): void {
  const r = current(dev.ns);
  if (!r) return;
  if (dev.kind === 'veth' && dev.peer) {
    const message = dev.peer.master ? say('trace.vethToPort', { device: dev.name, peer: dev.peer.name, bridge: dev.peer.master.name }) : say('trace.veth', { device: dev.name, peer: dev.peer.name });
    push(r, { kind: 'link', ns: dev.ns, links: [dev, dev.peer], message });
  } else if (dev.kind === 'ether') {
    push(r, { kind: 'link', ns: dev.ns, links: [dev], message: dev.lan ? say('trace.outOnto', { device: dev.name, lan: dev.lan.name }) : say('trace.outOutside', { device: dev.name }) });
  } else if (dev.kind === 'bridge') {
    push(r, { kind: 'link', ns: dev.ns, links: [dev], message: say('trace.outBridge', { bridge: dev.name }) });
  } else if (dev.kind === 'loopback') {
    push(r, { kind: 'link', ns: dev.ns, links: [dev], message: say('trace.overLo') });
  }
}

/** A bridge forwarding a frame from `inPort` (or from the host) out of `outPort`. */
export function traceBridge(bridge: Link, inPort: Link | undefined, outPort: Link): void {
  const r = current(bridge.ns);
  if (!r) return;
  const far = outPort.kind === 'veth' && outPort.peer ? ` → veth pair → ${outPort.peer.name}` : '';
  const links = [bridge, ...(inPort ? [inPort] : []), outPort, ...(outPort.peer ? [outPort.peer] : [])];
  const out = `${outPort.name}${far}`;
  const message = inPort ? say('trace.bridgeFrom', { bridge: bridge.name, in: inPort.name, out }) : say('trace.bridge', { bridge: bridge.name, out });
  push(r, { kind: 'bridge', ns: bridge.ns, links, message });
}

/** A VXLAN encapsulation towards another node: the outer UDP endpoints and the VNI. */
export function traceVxlan(dev: Link, outer: { from: string; to: string; vni: number }): void {
  const r = current(dev.ns);
  if (!r) return;
  push(r, { kind: 'vxlan', ns: dev.ns, links: [dev], message: say('trace.vxlan', outer) });
}

/** Where a walk from `from` ended (delivery.ts's Arrival, structurally). */
export function traceArrival(from: Netns, a: { kind: string; ns?: Netns; pkt?: Packet; trace?: string; from?: number; src?: number }): void {
  const r = current(from);
  if (!r) return;
  if (a.kind === 'arrived' && a.ns && a.pkt) {
    const { ns, pkt } = a;
    if (r.dir === 'reply') push(r, { kind: 'arrive', ns, message: say('trace.replyBack', { address: formatIp(pkt.src) }) });
    else if (!isLocalAddress(ns, pkt.dst)) push(r, { kind: 'deliver', ns, message: say('trace.leavesSandbox', { address: formatIp(pkt.dst) }) });
    else if (pkt.proto === 'icmp') {
      const ignore = ns.sysctl.get('net.ipv4.icmp_echo_ignore_all') === '1';
      push(r, { kind: ignore ? 'drop' : 'deliver', ns, message: say(ignore ? 'trace.pingIgnored' : 'trace.echoAnswered', { address: formatIp(pkt.dst) }) });
    } else {
      const sock = findListener(ns, pkt.proto === 'tcp' ? 'tcp' : 'udp', pkt.dst, pkt.dport ?? 0);
      if (!sock) push(r, { kind: 'drop', ns, message: say(pkt.proto === 'tcp' ? 'trace.nothingListensTcp' : 'trace.nothingListensUdp', { endpoint: endpoint(pkt.dst, pkt.dport, pkt.proto) }) });
      else {
        const bound = `${sock.addr === 0 ? '0.0.0.0' : formatIp(sock.addr)}:${sock.port}`;
        push(r, { kind: 'deliver', ns, message: say('trace.delivered', { process: sock.process, bound }) });
        if (sock.process === 'docker-proxy' && pkt.dst >>> 24 === 127) noteLoopbackDnat(r, ns, pkt);
      }
    }
  } else if (a.kind === 'dropped') {
    const last = r.trace.hops[r.trace.hops.length - 1];
    const byRule = last && (last.verdict === 'DROP' || last.verdict === 'REJECT') ? last : undefined;
    const reason = byRule
      ? say('trace.droppedByRule', { table: byRule.table ?? '', chain: byRule.chain ?? '', rule: byRule.rule ?? `policy ${byRule.verdict}` })
      : a.trace === 'ip_forward'
        ? say('trace.noForward')
        : a.trace === 'uplink'
          ? say('trace.nobodyOutside')
          : a.trace === 'no-route-back'
            ? say('trace.noRouteBack', { address: formatIp(a.src ?? 0) })
            : say('trace.dropped', { reason: a.trace ?? 'lost' });
    push(r, {
      kind: 'drop',
      ...(byRule?.ns ? { ns: byRule.ns } : {}),
      message: reason,
      ...(byRule?.rule ? { rule: byRule.rule, table: byRule.table, chain: byRule.chain, verdict: byRule.verdict } : {}),
    });
  } else if (a.kind === 'no-route') {
    push(r, { kind: 'drop', message: say('trace.dropNoRoute') });
  } else if (a.kind === 'host-unreachable') {
    push(r, { kind: 'drop', message: say('trace.dropNoArp') });
  }
  if (a.kind === 'arrived') r.dir = 'reply';
}

/** Why a connection to 127.0.0.1:<published port> went to docker-proxy and not through DNAT. */
function noteLoopbackDnat(r: Recorder, ns: Netns, pkt: Packet): void {
  const docker = findChain(ns.netfilter.nat, 'DOCKER');
  const dnat = docker?.rules.find((rule) => rule.target?.kind === 'DNAT' && rule.matches.some((m) => (m.kind === 'tcp' || m.kind === 'udp') && m.dport === pkt.dport));
  if (!dnat) return;
  const output = findChain(ns.netfilter.nat, 'OUTPUT')?.rules.find((rule) => rule.target?.kind === 'jump' && rule.target.chain === 'DOCKER');
  push(r, {
    kind: 'note',
    ns,
    table: 'nat',
    chain: 'DOCKER',
    rule: `-A DOCKER ${formatRuleSpec(dnat)}`,
    verdict: 'not applied',
    message: output
      ? say('trace.loopbackDnat', { address: formatIp(pkt.dst), output: formatRuleSpec(output), dnat: formatRuleSpec(dnat) })
      : say('trace.loopbackDnatBare', { address: formatIp(pkt.dst), dnat: formatRuleSpec(dnat) }),
  });
}

/** A DNS question answered (or not) by `server` for a process in `ns` (userland/resolve.ts). */
export function traceDns(ns: Netns, server: string, name: string, answer: number | undefined): void {
  const hop: TraceHop = {
    kind: 'dns',
    dir: 'request',
    depth: 0,
    ns,
    message: say(server === '127.0.0.11' ? 'trace.dnsEmbedded' : 'trace.dnsUpstream', { name, server, answer: answer !== undefined ? formatIp(answer) : 'NXDOMAIN' }),
  };
  const tracer = tracerOf(ns);
  const r = current(ns);
  if (r) {
    push(r, hop);
    return;
  }
  const trace: PacketTrace = { seq: ++tracer.seq, kernel: ns.kernel, from: ns, summary: name, summaryMessage: say('trace.dnsQuery', { name }), outcome: 'dns', hops: [hop] };
  tracer.lastByKernel.set(ns.kernel, trace);
  tracer.dnsByNs.set(ns, { hop, answer, trace });
}
