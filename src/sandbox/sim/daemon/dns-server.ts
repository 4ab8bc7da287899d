/**
 * The embedded DNS server's sockets in a container's namespace (libnetwork resolver.go and
 * resolver_unix.go's setupIPTable): dockerd listens on 127.0.0.11 at two ephemeral ports (UDP and
 * TCP) inside the sandbox and DNATs port 53 to them in the container's own nat table
 * (DOCKER_OUTPUT; DOCKER_POSTROUTING SNATs the answers' source port back to 53), so a lookup is a
 * UDP query to 127.0.0.11:53 that tcpdump and conntrack see. Names it does not know are forwarded,
 * from the container's namespace, to the host's nameservers (or --dns); with no answer from
 * upstream, dockerd 20.10 answers nothing and the asker times out.
 */
import { addrOfReverseName, dnsResponse, type DnsMessage } from '../kernel/dns-message.ts';
import { exchange } from '../kernel/delivery.ts';
import { formatIp, isLoopbackIp, parseIp } from '../kernel/ipv4.ts';
import { iptables } from '../kernel/netfilter/xtables.ts';
import { listen, type Socket } from '../kernel/socket.ts';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import { EMBEDDED_DNS, nameservers } from './resolvconf.ts';
import { resolveContainerName, reverseResolveContainer } from './resolver.ts';
import { InvariantError } from '../../../errors/invariant.ts';

const RESOLVER_ADDR = parseIp(EMBEDDED_DNS) ?? 0;

/** Ephemeral ports (net.ipv4.ip_local_port_range 32768-60999), picked without the model's randomness. */
function ephemeralPort(seed: string, salt: number): number {
  let h = salt;
  for (const ch of seed) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/** The servers the embedded DNS forwards to: --dns, else the host's non-loopback nameservers. */
function upstreams(d: Daemon, c: Container): number[] {
  const names = c.config.dns ?? nameservers(d.hostResolvConf);
  return names.flatMap((n) => {
    const a = parseIp(n);
    return a !== undefined && !isLoopbackIp(a) ? [a] : [];
  });
}

/** Ask the upstream servers in turn, from the container's namespace; the first answer is relayed. */
function forward(d: Daemon, c: Container, query: DnsMessage): DnsMessage | undefined {
  const ns = c.netns;
  if (!ns) return undefined;
  for (const server of upstreams(d, c)) {
    const sport = ephemeralPort(`${query.qname}/${query.id}/${formatIp(server)}`, 7);
    const out = exchange(ns, { proto: 'udp', dst: server, dport: 53, sport, bytes: 28, dns: query }, d.uplink);
    if (out.kind === 'reply' && out.dns) return out.dns;
  }
  return undefined;
}

/** The embedded server's answer to `query` from container `c`. */
function answer(d: Daemon, c: Container, query: DnsMessage): DnsMessage | undefined {
  if (query.qtype === 'PTR') {
    // libnetwork's ResolveIP: a peer's address answers NAME.NETWORK; other addresses go upstream.
    const addr = addrOfReverseName(query.qname);
    const name = addr === undefined ? undefined : reverseResolveContainer(c, addr);
    return name !== undefined ? dnsResponse(query, 'NoError', [], false, [name]) : forward(d, c, query);
  }
  const addr = resolveContainerName(c, query.qname);
  // A container's name has no IPv6 address here: an empty answer, as recorded (0/0/0).
  if (addr !== undefined) return dnsResponse(query, 'NoError', query.qtype === 'A' ? [addr] : [], false);
  return forward(d, c, query);
}

function run(c: Container, argv: string[]): void {
  const ns = c.netns;
  if (!ns) return;
  const r = iptables(ns.netfilter, argv);
  if (!r.ok) throw new InvariantError(`dockerd iptables ${argv.join(' ')} in ${c.name}'s namespace: ${r.error}`);
}

/** Start the sandbox's embedded DNS server (once per sandbox: it stays after a disconnect). */
export function startDnsServer(d: Daemon, c: Container): void {
  const ns = c.netns;
  if (!ns || c.dnsServer) return;
  const udpPort = ephemeralPort(c.id, 17);
  const tcpPort = ephemeralPort(c.id, 6);
  const udp: Socket = { proto: 'udp', addr: RESOLVER_ADDR, port: udpPort, process: 'dockerd', respond: () => undefined, answerDns: (q) => answer(d, c, q) };
  const tcp: Socket = { proto: 'tcp', addr: RESOLVER_ADDR, port: tcpPort, process: 'dockerd', respond: () => undefined };
  listen(ns, udp);
  listen(ns, tcp);
  c.dnsServer = { udpPort, tcpPort };
  run(c, ['-t', 'nat', '-N', 'DOCKER_OUTPUT']);
  run(c, ['-t', 'nat', '-N', 'DOCKER_POSTROUTING']);
  run(c, ['-t', 'nat', '-A', 'OUTPUT', '-d', `${EMBEDDED_DNS}/32`, '-j', 'DOCKER_OUTPUT']);
  run(c, ['-t', 'nat', '-A', 'POSTROUTING', '-d', `${EMBEDDED_DNS}/32`, '-j', 'DOCKER_POSTROUTING']);
  for (const [proto, port] of [
    ['tcp', tcpPort],
    ['udp', udpPort],
  ] as const) {
    run(c, ['-t', 'nat', '-A', 'DOCKER_OUTPUT', '-d', `${EMBEDDED_DNS}/32`, '-p', proto, '-m', proto, '--dport', '53', '-j', 'DNAT', '--to-destination', `${EMBEDDED_DNS}:${port}`]);
  }
  for (const [proto, port] of [
    ['tcp', tcpPort],
    ['udp', udpPort],
  ] as const) {
    run(c, ['-t', 'nat', '-A', 'DOCKER_POSTROUTING', '-s', `${EMBEDDED_DNS}/32`, '-p', proto, '-m', proto, '--sport', String(port), '-j', 'SNAT', '--to-source', ':53']);
  }
}
