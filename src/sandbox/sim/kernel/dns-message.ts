/**
 * A DNS message as a UDP datagram carries it (RFC 1035), with the fields the model's resolvers
 * and tcpdump look at: one question, and on an answer its rcode and A records. The kernel only
 * moves it; userland asks, the embedded DNS server and the uplink's forwarder answer.
 */

/** The query types the model asks (IPv4 answers only; AAAA gets an empty answer). */
export type DnsQtype = 'A' | 'AAAA';

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
  const records = a ? a.addrs.length * ((a.compressed ? 2 : nameLength(m.qname)) + 10 + 4) : 0;
  return 12 + question + records;
}

/** The response a server gives to `query`. */
export function dnsResponse(query: DnsMessage, rcode: DnsRcode, addrs: number[], compressed: boolean): DnsMessage {
  return { id: query.id, qname: query.qname, qtype: query.qtype, answer: { rcode, addrs, compressed } };
}
