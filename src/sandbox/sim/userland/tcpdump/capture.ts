/**
 * One running capture: decodes the frames a packet socket delivers (a TCP exchange becomes its
 * segments, on the device where both of its packets pass), applies the filter, prints up to the
 * `-c` limit and keeps tcpdump's two counters. Its state is bounded: a few pending connections
 * and conversations, nothing per packet.
 */
import type { CapturedFrame, Link } from '../../kernel/link.ts';
import type { Packet } from '../../kernel/packet.ts';
import type { FramePredicate } from './filter.ts';
import { formatFrame, type PrintContext } from './format.ts';
import { answerSegments, synSegment, type Connection, type ConnectionSegment } from './tcp-conversation.ts';
import type { Ipv4, Seen, WireFrame } from './wire.ts';

/** A TCP request seen on a device, waiting for its answer there. */
interface PendingConnection {
  conn: Connection;
  seen: Seen;
  l2: WireFrame['l2'];
  ttl: number;
}

const MAX_PENDING = 32;

/** Counters tcpdump prints when it stops. */
export interface CaptureCounts {
  captured: number;
  receivedByFilter: number;
}

/** A capture: feed it frames; it prints and calls `onLimit` once `-c` packets were printed. */
export class Capture {
  readonly counts: CaptureCounts = { captured: 0, receivedByFilter: 0 };
  private readonly pending = new Map<string, PendingConnection>();
  private limitReached = false;
  private lastUs = 0;
  private ipId: number;
  private readonly filter: FramePredicate;
  private readonly print: PrintContext;
  private readonly out: (text: string) => void;
  private readonly now: () => number;
  private readonly onLimit: () => void;

  constructor(filter: FramePredicate, print: PrintContext, out: (text: string) => void, now: () => number, onLimit: () => void) {
    this.filter = filter;
    this.print = print;
    this.out = out;
    this.now = now;
    this.onLimit = onLimit;
    this.ipId = (now() * 7) & 0xffff;
  }

  /** A frame from the packet socket, seen on `link`. */
  deliver(frame: CapturedFrame, link: Link): void {
    const seen: Seen = { device: link.name, deviceMac: link.mac, dir: frame.dir, loopback: link.kind === 'loopback' };
    if ('arp' in frame) return this.offer({ seen, l2: frame.arp.l2, body: { kind: 'arp', arp: frame.arp } });
    const pkt = frame.pkt;
    const l2 = pkt.l2 ?? { src: link.mac, dst: link.mac };
    if (pkt.proto === 'tcp') return this.tcp(pkt, seen, l2, link);
    this.offer({ seen, l2, body: { kind: 'ipv4', ip: this.ipOf(pkt) } });
  }

  private ipOf(pkt: Packet): Ipv4 {
    const common = { src: pkt.src, dst: pkt.dst, ttl: pkt.ttl ?? 64, length: pkt.bytes, id: this.nextId() };
    if (pkt.proto === 'icmp') {
      const reply = pkt.role === 'reply';
      return { ...common, df: !reply, l4: { proto: 'icmp', type: reply ? 'echo reply' : 'echo request', id: pkt.sport ?? 0, seq: pkt.seq ?? 0 } };
    }
    const ip: Ipv4 = { ...common, df: false, l4: { proto: 'udp', sport: pkt.sport ?? 0, dport: pkt.dport ?? 0, ...(pkt.dns ? { dns: pkt.dns } : {}) } };
    const inner = pkt.inner;
    if (inner && ip.l4.proto === 'udp') {
      const innerPkt = inner.pkt;
      const innerL2 = innerPkt.l2 ?? { src: [0, 0, 0, 0, 0, 0], dst: [0, 0, 0, 0, 0, 0] };
      ip.l4.vxlan = { vni: inner.vni, inner: { seen: { device: '', deviceMac: innerL2.dst, dir: 'in', loopback: false }, l2: innerL2, body: { kind: 'ipv4', ip: this.ipOf(innerPkt) } } };
    }
    return ip;
  }

  /** The model's TCP request becomes a SYN; its answer, on the same device, the rest of the connection. */
  private tcp(pkt: Packet, seen: Seen, l2: WireFrame['l2'], link: Link): void {
    const ttl = pkt.ttl ?? 64;
    if (pkt.role === undefined) {
      const conn: Connection = { client: { port: pkt.sport ?? 0 }, server: { port: pkt.dport ?? 0 }, mss: pkt.mss ?? 1460, request: pkt.payload ?? '', seed: seedOf(pkt) };
      const key = `${link.ifindex}/${pkt.src}:${pkt.sport}>${pkt.dst}:${pkt.dport}`;
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
      this.pending.set(key, { conn, seen, l2, ttl });
      this.emit(synSegment(conn), pkt.src, pkt.dst, { seen, l2, ttl }, { seen, l2, ttl });
      return;
    }
    const key = `${link.ifindex}/${pkt.dst}:${pkt.dport}>${pkt.src}:${pkt.sport}`;
    const open = this.pending.get(key);
    if (!open) return;
    this.pending.delete(key);
    const conn: Connection = { ...open.conn };
    if (pkt.role === 'reply') conn.response = pkt.payload ?? '';
    for (const s of answerSegments(conn)) this.emit(s, pkt.dst, pkt.src, open, { seen, l2, ttl });
  }

  private emit(s: ConnectionSegment, client: number, server: number, clientSide: Omit<PendingConnection, 'conn'>, serverSide: Omit<PendingConnection, 'conn'>): void {
    const side = s.fromClient ? clientSide : serverSide;
    const ip: Ipv4 = { src: s.fromClient ? client : server, dst: s.fromClient ? server : client, ttl: side.ttl, length: s.ipLength, id: this.nextId(), df: true, l4: s.tcp };
    this.offer({ seen: side.seen, l2: side.l2, body: { kind: 'ipv4', ip } });
  }

  private offer(f: WireFrame): void {
    if (!this.filter(f)) return;
    this.counts.receivedByFilter++;
    // libpcap drops lo's outgoing copy: the same packet comes back in.
    if (this.limitReached || (f.seen.loopback && f.seen.dir === 'out')) return;
    this.out(formatFrame(f, this.stamp(), this.print));
    this.counts.captured++;
    const limit = this.print.options.count;
    if (limit !== undefined && this.counts.captured >= limit) {
      this.limitReached = true;
      this.onLimit();
    }
  }

  /** Microseconds, strictly increasing within one millisecond of the clock. */
  private stamp(): number {
    const us = this.now() * 1000;
    this.lastUs = us > this.lastUs ? us : this.lastUs + 17;
    return this.lastUs;
  }

  private nextId(): number {
    this.ipId = (this.ipId * 1103 + 12345) & 0xffff;
    return this.ipId;
  }
}

/** A connection's seed: its client's address and port. */
function seedOf(pkt: Packet): number {
  return (Math.imul(pkt.src, 31) ^ ((pkt.sport ?? 0) << 7) ^ pkt.dst) >>> 0;
}
