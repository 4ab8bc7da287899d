/**
 * A DNS message as a UDP datagram carries it (RFC 1035), with the fields the model's resolvers
 * and tcpdump look at: one question, and on an answer its rcode and A records. The kernel only
 * moves it; userland asks, the embedded DNS server and the uplink's forwarder answer.
 */

/** The query types the model asks (IPv4 answers only; AAAA gets an empty answer; PTR for reverse lookups). */
export type DnsQtype = 'A' | 'AAAA' | 'PTR';

/** Response codes, spelt as tcpdump prints them. */
export type DnsRcode = 'NoError' | 'NXDomain' | 'ServFail';

/** One DNS message. */
export interface DnsMessage {
  id: number;
  /** The question's name, without the final dot. */
  qname: string;
  qtype: DnsQtype;
  /** Set on a response. */
  answer?: {
    rcode: DnsRcode;
    /** A records' addresses. */
    addrs: number[];
    /** PTR records' names, without the final dot. */
    names?: string[];
    /** Answer names as pointers to the question (most servers); Docker's resolver writes them out. */
    compressed: boolean;
  };
}

/** The name's wire length: a length byte per label, the labels, the root's zero byte. */
function nameLength(name: string): number {
  const labels = name.split('.').filter((l) => l !== '');
  return labels.reduce((n, l) => n + l.length + 1, 0) + 1;
}

/** The UDP payload's length: header, question, answer records. */
export function dnsLength(m: DnsMessage): number {
  const question = nameLength(m.qname) + 4;
  const a = m.answer;
  const owner = a?.compressed ? 2 : nameLength(m.qname);
  const records = a ? a.addrs.length * (owner + 10 + 4) + (a.names ?? []).reduce((n, name) => n + owner + 10 + nameLength(name), 0) : 0;
  return 12 + question + records;
}

/** The response a server gives to `query` (`names` for a PTR question). */
export function dnsResponse(query: DnsMessage, rcode: DnsRcode, addrs: number[], compressed: boolean, names?: string[]): DnsMessage {
  return { id: query.id, qname: query.qname, qtype: query.qtype, answer: { rcode, addrs, compressed, ...(names ? { names } : {}) } };
}

/** The in-addr.arpa name a reverse lookup of `addr` asks for (172.18.0.3 → 3.0.18.172.in-addr.arpa). */
export function reverseName(addr: number): string {
  return `${addr & 0xff}.${(addr >>> 8) & 0xff}.${(addr >>> 16) & 0xff}.${addr >>> 24}.in-addr.arpa`;
}

/** The address an in-addr.arpa name stands for; undefined for any other name. */
export function addrOfReverseName(name: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return undefined;
  const bytes = [m[4], m[3], m[2], m[1]].map(Number);
  if (bytes.some((b) => b > 255)) return undefined;
  return bytes.reduce((a, b) => ((a << 8) | b) >>> 0, 0);
}
