/**
 * The segments of one TCP exchange as they cross a device. The model moves a TCP request and its
 * answer as one packet each way (kernel/delivery.ts); on the wire that is a connection: the
 * three-way handshake, the request, the answer in segments of at most one MSS (headers, then the
 * body, each acknowledged), and the server's close, as a Linux client and server (wget, nginx)
 * exchange them. Sizes, flags and windows follow from the model's payloads and route; initial
 * sequence numbers and timestamps come from a hash of the connection, so replays repeat.
 */
import type { TcpSegment } from './wire.ts';

/** One segment of the connection, and which side sent it. */
export interface ConnectionSegment {
  fromClient: boolean;
  tcp: TcpSegment;
  /** IP total length. */
  ipLength: number;
}

/** The connection's endpoints and what each side sent. */
export interface Connection {
  client: { port: number };
  server: { port: number };
  /** The client's MSS (its route's MTU less 40; 65495 over lo). */
  mss: number;
  request: string;
  /** Undefined when the server answered with a reset. */
  response?: string;
  /** Seeds ISNs and timestamps. */
  seed: number;
}

const WSCALE = 10;
const SERVER_MSS = 1460;
const SERVER_SYN_WINDOW = 65160;

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A 32-bit mix of `seed` (xorshift-multiply), for ISNs and timestamp clocks. */
function mix(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The client's opening SYN. */
export function synSegment(c: Connection): ConnectionSegment {
  const isn = mix(c.seed, 1);
  const tsc = mix(c.seed, 3);
  // Linux opens with 44 segments of window, capped by the 16-bit field (the MSS itself over lo).
  const win = c.mss * 44 <= 65535 ? c.mss * 44 : c.mss;
  return {
    fromClient: true,
    ipLength: 60,
    tcp: { proto: 'tcp', sport: c.client.port, dport: c.server.port, flags: 'S', seq: isn, win, options: `mss ${c.mss},sackOK,TS val ${tsc} ecr 0,nop,wscale ${WSCALE}`, length: 0 },
  };
}

/** The rest of the connection once the server answered: handshake, data, close (or a reset). */
export function answerSegments(c: Connection): ConnectionSegment[] {
  const ic = mix(c.seed, 1);
  const is = mix(c.seed, 2);
  const tsc = mix(c.seed, 3);
  const tss = mix(c.seed, 4);
  const cp = c.client.port;
  const sp = c.server.port;
  if (c.response === undefined) {
    return [{ fromClient: false, ipLength: 40, tcp: { proto: 'tcp', sport: sp, dport: cp, flags: 'R.', seq: 0, ack: add(ic, 1), win: 0, length: 0 } }];
  }
  const clientWin = Math.round((c.mss === SERVER_MSS ? 64256 : 65536) / (1 << WSCALE));
  const serverWin = Math.round(65280 / (1 << WSCALE));
  const opts = (mine: number, theirs: number) => `nop,nop,TS val ${mine} ecr ${theirs}`;
  const client = (flags: string, seq: number, ack: number, data?: string): ConnectionSegment => segment(true, cp, sp, flags, seq, ack, clientWin, opts(tsc, tss), data);
  const server = (flags: string, seq: number, ack: number, data?: string): ConnectionSegment => segment(false, sp, cp, flags, seq, ack, serverWin, opts(tss, tsc), data);
  const reqLen = byteLength(c.request);
  const out: ConnectionSegment[] = [
    {
      fromClient: false,
      ipLength: 60,
      tcp: {
        proto: 'tcp',
        sport: sp,
        dport: cp,
        flags: 'S.',
        seq: is,
        ack: add(ic, 1),
        win: SERVER_SYN_WINDOW,
        options: `mss ${SERVER_MSS},sackOK,TS val ${tss} ecr ${tsc},nop,wscale ${WSCALE}`,
        length: 0,
      },
    },
    client('.', add(ic, 1), add(is, 1)),
    client('P.', add(ic, 1), add(is, 1), c.request),
    server('.', add(is, 1), add(ic, 1 + reqLen)),
  ];
  let sent = 0;
  for (const chunk of responseChunks(c.response, Math.min(c.mss, SERVER_MSS))) {
    out.push(server('P.', add(is, 1 + sent), add(ic, 1 + reqLen), chunk));
    sent += byteLength(chunk);
    out.push(client('.', add(ic, 1 + reqLen), add(is, 1 + sent)));
  }
  out.push(server('F.', add(is, 1 + sent), add(ic, 1 + reqLen)));
  out.push(client('F.', add(ic, 1 + reqLen), add(is, 2 + sent)));
  out.push(server('.', add(is, 2 + sent), add(ic, 2 + reqLen)));
  return out;
}

function segment(fromClient: boolean, sport: number, dport: number, flags: string, seq: number, ack: number, win: number, options: string, data?: string): ConnectionSegment {
  const length = data === undefined ? 0 : byteLength(data);
  const tcp: TcpSegment = { proto: 'tcp', sport, dport, flags, seq, ack, win, options, length };
  if (data !== undefined) tcp.data = data;
  return { fromClient, tcp, ipLength: 52 + length };
}

/** nginx writes the header block, then the body; each is cut at the MSS. */
function responseChunks(response: string, mss: number): string[] {
  const split = response.indexOf('\r\n\r\n');
  const parts = split < 0 || split + 4 === response.length ? [response] : [response.slice(0, split + 4), response.slice(split + 4)];
  const chunks: string[] = [];
  for (const part of parts) {
    const bytes = new TextEncoder().encode(part);
    for (let at = 0; at < bytes.length; at += mss) chunks.push(new TextDecoder().decode(bytes.slice(at, at + mss)));
  }
  return chunks;
}

function add(a: number, b: number): number {
  return (a + b) >>> 0;
}
