/**
 * A subset of pcap-filter(7) compiled to a predicate over decoded frames: `host`, `net`, `port`
 * with `src`/`dst`, `ether host`, the protocols `ip arp icmp tcp udp` (and `ip6`, which matches
 * nothing here), `and or not && || !` and parentheses. As in libpcap, `and` and `or` have equal
 * precedence and group to the left, and a bare value reuses the previous qualifiers
 * (`host 10.0.0.1 or 10.0.0.2`). Errors are libpcap's messages.
 */
import { inPrefix, parseIp } from '../../kernel/ipv4.ts';
import { sameHwAddr, type HwAddr } from '../../kernel/hwaddr.ts';
import type { WireFrame } from './wire.ts';

/** A compiled filter. */
export type FramePredicate = (f: WireFrame) => boolean;

const SYNTAX = "can't parse filter expression: syntax error";
const PROTOCOLS = new Set(['ip', 'ip6', 'arp', 'icmp', 'tcp', 'udp', 'ether']);
const DIRECTIONS = new Set(['src', 'dst']);
const TYPES = new Set(['host', 'net', 'port']);
const KEYWORDS = new Set([...PROTOCOLS, ...DIRECTIONS, ...TYPES, 'and', 'or', 'not']);
/** Service names tcpdump's libpcap finds in /etc/services for `port NAME`. */
const SERVICES: ReadonlyMap<string, number> = new Map([
  ['http', 80],
  ['https', 443],
  ['domain', 53],
  ['ssh', 22],
  ['ftp', 21],
  ['telnet', 23],
  ['smtp', 25],
  ['ntp', 123],
  ['http-alt', 8080],
]);

class FilterError extends Error {}

interface Qualifiers {
  proto?: string;
  dir?: 'src' | 'dst';
  type?: 'host' | 'net' | 'port';
}

/** Compile `expression` (words joined by spaces); an empty one matches every frame. */
export function compileFilter(expression: string): FramePredicate | { error: string } {
  const tokens = tokenize(expression);
  if (tokens.length === 0) return () => true;
  try {
    const parser = new Parser(tokens);
    const predicate = parser.expression();
    if (!parser.done()) throw new FilterError(SYNTAX);
    return predicate;
  } catch (e) {
    if (e instanceof FilterError) return { error: e.message };
    throw e;
  }
}

function tokenize(text: string): string[] {
  return text.match(/&&|\|\||[()!]|[^\s()!&|]+/g) ?? [];
}

class Parser {
  private i = 0;
  private last: Qualifiers | undefined;
  private readonly tokens: readonly string[];

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private next(): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new FilterError(SYNTAX);
    return t;
  }

  /** and/or, same precedence, left to right. */
  expression(): FramePredicate {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      if (op === 'and' || op === '&&') {
        this.i++;
        const a = left;
        const b = this.unary();
        left = (f) => a(f) && b(f);
      } else if (op === 'or' || op === '||') {
        this.i++;
        const a = left;
        const b = this.unary();
        left = (f) => a(f) || b(f);
      } else {
        return left;
      }
    }
  }

  private unary(): FramePredicate {
    const t = this.peek();
    if (t === 'not' || t === '!') {
      this.i++;
      const inner = this.unary();
      return (f) => !inner(f);
    }
    if (t === '(') {
      this.i++;
      const inner = this.expression();
      if (this.next() !== ')') throw new FilterError(SYNTAX);
      return inner;
    }
    return this.primitive();
  }

  private primitive(): FramePredicate {
    const q: Qualifiers = {};
    let t = this.next();
    if (PROTOCOLS.has(t)) {
      const after = this.peek();
      if (after === undefined || !(DIRECTIONS.has(after) || TYPES.has(after))) return protocol(t);
      q.proto = t;
      t = this.next();
    }
    if (DIRECTIONS.has(t)) {
      q.dir = t as 'src' | 'dst';
      t = this.next();
    }
    if (TYPES.has(t)) {
      q.type = t as 'host' | 'net' | 'port';
      t = this.next();
    }
    const qualified = q.proto !== undefined || q.dir !== undefined || q.type !== undefined;
    if (KEYWORDS.has(t) || t === '(' || t === ')' || t === '!' || t === '&&' || t === '||') throw new FilterError(SYNTAX);
    const quals = qualified ? q : this.last;
    if (!quals) throw new FilterError(SYNTAX);
    this.last = quals;
    return value(quals, t);
  }
}

function protocol(name: string): FramePredicate {
  switch (name) {
    case 'ip':
      return (f) => f.body.kind === 'ipv4';
    case 'arp':
      return (f) => f.body.kind === 'arp';
    case 'icmp':
    case 'tcp':
    case 'udp':
      return (f) => f.body.kind === 'ipv4' && f.body.ip.l4.proto === name;
    case 'ip6':
      return () => false;
    default:
      // `ether` alone names no test.
      throw new FilterError(SYNTAX);
  }
}

function value(q: Qualifiers, text: string): FramePredicate {
  if (q.proto === 'ether') return etherHost(q.dir, parseMac(text));
  const type = q.type ?? 'host';
  if (type === 'port') return port(q, text);
  const prefix = type === 'net' ? parseNet(text) : parseHost(text);
  const ipOnly = q.proto === 'ip' || q.proto === 'tcp' || q.proto === 'udp' || q.proto === 'icmp';
  const arpOnly = q.proto === 'arp';
  return (f) => {
    let src: number;
    let dst: number;
    if (f.body.kind === 'ipv4') {
      if (arpOnly) return false;
      if (q.proto && q.proto !== 'ip' && f.body.ip.l4.proto !== q.proto) return false;
      src = f.body.ip.src;
      dst = f.body.ip.dst;
    } else {
      if (ipOnly) return false;
      src = f.body.arp.senderIp;
      dst = f.body.arp.targetIp;
    }
    if (q.dir === 'src') return inPrefix(src, prefix);
    if (q.dir === 'dst') return inPrefix(dst, prefix);
    return inPrefix(src, prefix) || inPrefix(dst, prefix);
  };
}

function port(q: Qualifiers, text: string): FramePredicate {
  const n = /^\d+$/.test(text) ? Number(text) : SERVICES.get(text);
  if (n === undefined) throw new FilterError(`unknown port '${text}'`);
  if (n > 65535) throw new FilterError(`illegal port number ${n} > 65535`);
  return (f) => {
    if (f.body.kind !== 'ipv4') return false;
    const l4 = f.body.ip.l4;
    if (l4.proto === 'icmp') return false;
    if (q.proto && q.proto !== 'ip' && l4.proto !== q.proto) return false;
    if (q.dir === 'src') return l4.sport === n;
    if (q.dir === 'dst') return l4.dport === n;
    return l4.sport === n || l4.dport === n;
  };
}

/** A host address; libpcap takes a dotted prefix ("10.1") as the network it names. */
function parseHost(text: string): { addr: number; len: number } {
  if (!/^\d+(\.\d+){0,3}$/.test(text)) throw new FilterError(`unknown host '${text}'`);
  return dottedPrefix(text);
}

function parseNet(text: string): { addr: number; len: number } {
  const [addr, len] = text.split('/', 2) as [string, string | undefined];
  if (!/^\d+(\.\d+){0,3}$/.test(addr)) throw new FilterError(`unknown network '${text}'`);
  const base = dottedPrefix(addr);
  if (len === undefined) return base;
  if (!/^\d+$/.test(len)) throw new FilterError(SYNTAX);
  if (Number(len) > 32) throw new FilterError('mask length must be <= 32');
  return { addr: base.addr, len: Number(len) };
}

function dottedPrefix(text: string): { addr: number; len: number } {
  const parts = text.split('.');
  const full = parseIp([...parts, ...Array<string>(4 - parts.length).fill('0')].join('.'));
  if (full === undefined) throw new FilterError(SYNTAX);
  return { addr: full, len: parts.length * 8 };
}

function parseMac(text: string): HwAddr {
  const parts = text.split(':');
  if (parts.length === 6 && parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return parts.map((p) => parseInt(p, 16));
  // libpcap's scanner stops before the last incomplete group.
  throw new FilterError(`bogus ethernet address ${text.slice(0, text.lastIndexOf(':') + 1) || text}`);
}

function etherHost(dir: 'src' | 'dst' | undefined, mac: HwAddr): FramePredicate {
  return (f) => {
    if (dir === 'src') return sameHwAddr(f.l2.src, mac);
    if (dir === 'dst') return sameHwAddr(f.l2.dst, mac);
    return sameHwAddr(f.l2.src, mac) || sameHwAddr(f.l2.dst, mac);
  };
}
