/**
 * tcpdump 4.99's one-line summaries: timestamp, the `-i any` device and direction (Linux cooked
 * v2), the `-e` Ethernet header, then ARP or IPv4 with ICMP echo, UDP (VXLAN with its inner
 * frame), or TCP with flags, sequence numbers (relative, as tcp_print tracks them), window,
 * options and the HTTP line; `-v` adds the IP header, `-q` shortens transport details.
 */
import { BROADCAST_HWADDR, formatHwAddr, sameHwAddr } from '../../kernel/hwaddr.ts';
import type { DnsMessage } from '../../kernel/dns-message.ts';
import { formatIp } from '../../kernel/ipv4.ts';
import type { ArpMessage } from '../../kernel/link.ts';
import type { TcpdumpOptions } from './options.ts';
import type { TcpSequenceTracker } from './tcp-sequence.ts';
import type { Ipv4, TcpSegment, WireFrame } from './wire.ts';

/** Names for addresses and ports (tcpdump without -n). */
export interface NameLookup {
  host(addr: number): string;
  port(port: number, proto: 'tcp' | 'udp'): string;
}

/** What a printer needs besides the frame. */
export interface PrintContext {
  options: TcpdumpOptions;
  names: NameLookup;
  /** `-i any`: print the device and the packet type. */
  cooked: boolean;
  tcp: TcpSequenceTracker;
}

/** The line(s) tcpdump prints for `f`, seen at `atUs` microseconds since the epoch. */
export function formatFrame(f: WireFrame, atUs: number, ctx: PrintContext): string {
  let line = ctx.options.noTimestamp ? '' : `${timestamp(atUs)} `;
  if (ctx.cooked) line += `${f.seen.device.padEnd(5)} ${packetType(f).padEnd(3)} `;
  return `${line}${frameBody(f, ctx)}\n`;
}

/** The frame after the timestamp: link header (with -e) and the protocol summary. */
function frameBody(f: WireFrame, ctx: PrintContext): string {
  const ether = ctx.options.linkHeader && !ctx.cooked;
  if (f.body.kind === 'arp') {
    const arp = arpSummary(f.body.arp, ctx.names);
    return ether ? `${etherHeader(f, 'ARP (0x0806)', 42)}${arp}` : `ARP, ${arp}`;
  }
  const ip = ipSummary(f.body.ip, ctx, f);
  return ether ? `${etherHeader(f, 'IPv4 (0x0800)', f.body.ip.length + 14)}${ip}` : `IP ${ip}`;
}

function etherHeader(f: WireFrame, ethertype: string, length: number): string {
  return `${formatHwAddr(f.l2.src)} > ${formatHwAddr(f.l2.dst)}, ethertype ${ethertype}, length ${length}: `;
}

/** PACKET_OUTGOING, _BROADCAST, _HOST or _OTHERHOST, as `-i any` labels them. */
function packetType(f: WireFrame): string {
  if (f.seen.dir === 'out') return 'Out';
  if (sameHwAddr(f.l2.dst, BROADCAST_HWADDR)) return 'B';
  if (((f.l2.dst[0] ?? 0) & 1) === 1) return 'M';
  return f.seen.loopback || sameHwAddr(f.l2.dst, f.seen.deviceMac) ? 'In' : 'P';
}

function arpSummary(a: ArpMessage, names: NameLookup): string {
  if (a.op === 'request') return `Request who-has ${names.host(a.targetIp)} tell ${names.host(a.senderIp)}, length 28`;
  return `Reply ${names.host(a.senderIp)} is-at ${formatHwAddr(a.senderMac)}, length 28`;
}

const PROTO_NUMBERS = { icmp: 'ICMP (1)', tcp: 'TCP (6)', udp: 'UDP (17)' } as const;

function ipSummary(ip: Ipv4, ctx: PrintContext, f: WireFrame): string {
  const { names, options } = ctx;
  const l4 = ip.l4;
  const endpoint = (addr: number, port: number | undefined) => (port === undefined || l4.proto === 'icmp' ? names.host(addr) : `${names.host(addr)}.${names.port(port, l4.proto)}`);
  const sport = l4.proto === 'icmp' ? undefined : l4.sport;
  const dport = l4.proto === 'icmp' ? undefined : l4.dport;
  const head = options.verbose > 0 ? `(tos 0x0, ttl ${ip.ttl}, id ${ip.id}, offset 0, flags [${ip.df ? 'DF' : 'none'}], proto ${PROTO_NUMBERS[l4.proto]}, length ${ip.length})\n    ` : '';
  const addrs = `${endpoint(ip.src, sport)} > ${endpoint(ip.dst, dport)}: `;
  switch (l4.proto) {
    case 'icmp':
      return `${head}${addrs}ICMP ${l4.type}, id ${l4.id}, seq ${l4.seq}, length ${ip.length - 20}`;
    case 'udp':
      if (l4.vxlan) return `${head}${addrs}VXLAN, flags [I] (0x08), vni ${l4.vxlan.vni}\n${frameBody(l4.vxlan.inner, { ...ctx, cooked: false })}`;
      if (l4.dns && (l4.sport === 53 || l4.dport === 53) && !options.quick) return `${head}${addrs}${dnsSummary(l4.dns, ip.length - 28)}`;
      return `${head}${addrs}${options.quick ? `udp ${ip.length - 28}` : `UDP, length ${ip.length - 28}`}`;
    case 'tcp':
      if (options.quick) return `${head}${addrs}tcp ${l4.length}`;
      return `${head}${addrs}${tcpSummary(ip, l4, ctx, f)}`;
  }
}

/** tcpdump's DNS printer (ns_nprint) without -v: `ID+ A? NAME. (LEN)`, `ID 1/0/0 A ADDR (LEN)`. */
function dnsSummary(m: DnsMessage, length: number): string {
  const a = m.answer;
  // A question asks for recursion (+); a response names a failure's rcode and counts its records.
  if (!a) return `${m.id}+ ${m.qtype}? ${m.qname}. (${length})`;
  const rcode = a.rcode === 'NoError' ? '' : ` ${a.rcode}`;
  const names = a.names ?? [];
  const records = [...a.addrs.map((x) => ` A ${formatIp(x)}`), ...names.map((name) => ` PTR ${name}.`)].join(',');
  return `${m.id}${rcode} ${a.addrs.length + names.length}/0/0${records} (${length})`;
}

function tcpSummary(ip: Ipv4, t: TcpSegment, ctx: PrintContext, _f: WireFrame): string {
  const hasAck = t.ack !== undefined && t.flags !== 'S';
  const { seq, ack } = ctx.options.absoluteSeq || !hasAck ? { seq: t.seq, ack: t.ack } : ctx.tcp.relative(ip, t);
  let s = `Flags [${t.flags}]`;
  if (t.length > 0 || /[SFR]/.test(t.flags)) s += t.length > 0 ? `, seq ${seq}:${((seq ?? 0) + t.length) >>> 0}` : `, seq ${seq}`;
  if (hasAck) s += `, ack ${ack}`;
  s += `, win ${t.win}`;
  if (t.options !== undefined) s += `, options [${t.options}]`;
  s += `, length ${t.length}`;
  if (t.length > 0 && (t.sport === 80 || t.dport === 80 || t.sport === 8080 || t.dport === 8080)) s += httpLine(t.data ?? '');
  return s;
}

/** tcpdump's HTTP printer: the first line when it is a request or status line. */
function httpLine(data: string): string {
  const first = data.split('\r\n', 1)[0] ?? '';
  if (/^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP\/1\.[01]$/.test(first) || /^HTTP\/1\.[01] \d{3}/.test(first)) return `: HTTP: ${first}`;
  return ': HTTP';
}

/** HH:MM:SS.uuuuuu in the machine's time zone (UTC). */
function timestamp(atUs: number): string {
  const ms = Math.floor(atUs / 1000);
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(((atUs % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
}

/** Numeric or named addresses, as tcpdump prints them. */
export function numericNames(): NameLookup {
  return { host: formatIp, port: String };
}
