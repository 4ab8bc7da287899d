/**
 * tcpdump's relative TCP sequence numbers (print-tcp.c): the first segment with ACK set of a
 * conversation records both sides' bases and is printed absolute; later ones print offsets from
 * them. So a capture that missed the handshake still starts with one absolute segment.
 */
import type { Ipv4, TcpSegment } from './wire.ts';

interface Bases {
  seq: number;
  ack: number;
}

/** The most conversations one capture remembers (tcpdump's hash table, bounded here). */
const MAX_CONVERSATIONS = 64;

/** Per-capture conversation state. */
export class TcpSequenceTracker {
  private readonly conversations = new Map<string, Bases>();

  /** Sequence and acknowledgement numbers as tcpdump prints `t` (which has ACK set). */
  relative(ip: Ipv4, t: TcpSegment): { seq: number; ack: number | undefined } {
    const rev = t.sport > t.dport || (t.sport === t.dport && ip.src > ip.dst);
    const key = rev ? `${ip.dst}:${t.dport}-${ip.src}:${t.sport}` : `${ip.src}:${t.sport}-${ip.dst}:${t.dport}`;
    const ack = t.ack ?? 0;
    const known = this.conversations.get(key);
    if (!known || t.flags.includes('S')) {
      if (this.conversations.size >= MAX_CONVERSATIONS) this.conversations.delete(this.conversations.keys().next().value as string);
      this.conversations.set(key, rev ? { ack: t.seq, seq: (ack - 1) >>> 0 } : { seq: t.seq, ack: (ack - 1) >>> 0 });
      return { seq: t.seq, ack: t.ack };
    }
    if (rev) return { seq: (t.seq - known.ack) >>> 0, ack: (ack - known.seq) >>> 0 };
    return { seq: (t.seq - known.seq) >>> 0, ack: (ack - known.ack) >>> 0 };
  }
}
