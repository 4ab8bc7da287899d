/**
 * Name resolution as a process's libc does it: a literal address, then /etc/hosts, then the
 * nameservers of /etc/resolv.conf, asked with UDP queries the packet walk moves (an A and an
 * AAAA question from one socket, both sent before either answer, as musl and glibc send them). The embedded DNS server
 * (127.0.0.11, daemon/dns-server.ts) answers container names on user-defined networks and
 * forwards the rest; the host's upstream resolver knows no names in the sandbox (NXDOMAIN).
 */
import { reverseName, type DnsMessage, type DnsQtype, type DnsRcode } from '../kernel/dns-message.ts';
import { exchangeAll } from '../kernel/delivery.ts';
import { parseIp } from '../kernel/ipv4.ts';
import { traceDns } from '../kernel/trace.ts';
import { nameservers } from '../daemon/resolvconf.ts';
import { readFile } from './filesystem.ts';
import type { Proc } from './proc.ts';

/** Where an answer came from, for nslookup. */
export interface Resolution {
  addr?: number;
  /** The nameserver asked (undefined when /etc/hosts or a literal answered). */
  server?: string;
}

/** What a nameserver said to one question; undefined rcode when it never answered. */
export interface DnsReply {
  rcode?: DnsRcode;
  addrs: number[];
  /** PTR answers' names. */
  names: string[];
}

/** A small deterministic hash (query ids and source ports must not draw from the model's randomness). */
function hash(text: string, salt: number): number {
  let h = salt;
  for (const ch of text) h = (Math.imul(h, 33) + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** One lookup's socket: its ephemeral source port, shared by its questions. */
export function lookupPort(p: Proc, name: string): number {
  return 32768 + (hash(`${name}@${p.kernel.clock.now()}`, 5381) % 28232);
}

/** Ask the DNS server `server` one question, from source port `sport`. */
export function askDns(p: Proc, server: string, name: string, qtype: DnsQtype, sport: number): DnsReply {
  const [reply] = askDnsAll(p, server, name, [qtype], sport);
  return reply ?? { addrs: [], names: [] };
}

/**
 * Ask the DNS server `server` several questions about `name` from one socket (source port
 * `sport`), as musl and glibc do: every question is sent before any answer is read, so a capture
 * shows the A and the AAAA question back to back, then the answers.
 */
export function askDnsAll(p: Proc, server: string, name: string, qtypes: readonly DnsQtype[], sport: number): DnsReply[] {
  const dst = parseIp(server);
  if (dst === undefined) return qtypes.map(() => ({ addrs: [], names: [] }));
  const flows = qtypes.map((qtype) => {
    const query: DnsMessage = { id: hash(`${name}/${qtype}@${p.kernel.clock.now()}`, 52711) & 0xffff, qname: name.replace(/\.$/, ''), qtype };
    return { proto: 'udp' as const, dst, dport: 53, sport, bytes: 0, dns: query };
  });
  return exchangeAll(p.netns, flows, p.daemon.uplink).map((out) => {
    const answer = out.kind === 'reply' ? out.dns?.answer : undefined;
    return answer ? { rcode: answer.rcode, addrs: answer.addrs, names: answer.names ?? [] } : { addrs: [], names: [] };
  });
}

/** Ask the DNS server `server` for `name`'s IPv4 address (A and AAAA together, as libc does). */
export function queryDns(p: Proc, server: string, name: string): number | undefined {
  const [a] = askDnsAll(p, server, name, ['A', 'AAAA'], lookupPort(p, name));
  // explain shows the lookup as one step before the packet it gave the address for.
  traceDns(p.netns, server, name, a?.addrs[0]);
  return a?.addrs[0];
}

/** The name of `addr` as getnameinfo finds it: /etc/hosts, then a PTR question to each nameserver. */
export function reverseLookup(p: Proc, addr: number): string | undefined {
  const hosts = readFile(p, '/etc/hosts');
  if (hosts.ok) {
    for (const line of hosts.text.split('\n')) {
      const [first, name] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (name !== undefined && parseIp(first ?? '') === addr) return name;
    }
  }
  const conf = readFile(p, '/etc/resolv.conf');
  const question = reverseName(addr);
  for (const server of conf.ok ? nameservers(conf.text) : []) {
    const reply = askDns(p, server, question, 'PTR', lookupPort(p, question));
    if (reply.names[0] !== undefined) return reply.names[0];
    if (reply.rcode !== undefined) return undefined;
  }
  return undefined;
}

/** Resolve `name` to an IPv4 address. */
export function resolveHost(p: Proc, name: string): Resolution {
  const literal = parseIp(name);
  if (literal !== undefined) return { addr: literal };
  const hosts = readFile(p, '/etc/hosts');
  if (hosts.ok) {
    for (const line of hosts.text.split('\n')) {
      const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
      const a = parseIp(addr ?? '');
      if (a !== undefined && names.includes(name)) return { addr: a };
    }
  }
  const conf = readFile(p, '/etc/resolv.conf');
  const servers = conf.ok ? nameservers(conf.text) : [];
  for (const server of servers) {
    const addr = queryDns(p, server, name);
    if (addr !== undefined) return { addr, server };
  }
  return servers[0] !== undefined ? { server: servers[0] } : {};
}
