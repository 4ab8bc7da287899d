/**
 * Listening sockets: a service bound to an address and port in a namespace (nginx on :80,
 * docker-proxy on :1234, busybox httpd). A connection is one request and one response, which is
 * all wget, curl and nc need from the model.
 */
import type { DnsMessage } from './dns-message.ts';
import type { Netns } from './netns.ts';

/** Who connected, as the service sees it (after NAT). */
export interface Peer {
  addr: number;
  port: number;
}

/** A listening socket. */
export interface Socket {
  proto: 'tcp' | 'udp';
  /** Bound address; 0 is INADDR_ANY. */
  addr: number;
  port: number;
  /** The process name, as `ss -p`/`netstat -p` would show it. */
  process: string;
  /** Bound as an IPv6 socket accepting IPv4 too (netstat shows :::port). */
  v6?: boolean;
  /** Answer one request; undefined means the service closed the connection without an answer. */
  respond(request: string, peer: Peer): string | undefined;
  /** A DNS server's UDP socket: the answer to a query, or undefined when it sends none. */
  answerDns?(query: DnsMessage, peer: Peer): DnsMessage | undefined;
}

/** The socket that would accept a connection to addr:port in `ns`. */
export function findListener(ns: Netns, proto: 'tcp' | 'udp', addr: number, port: number): Socket | undefined {
  const match = (s: Socket) => s.proto === proto && s.port === port && (s.addr === 0 || s.addr === addr);
  // An IPv4 connection goes to the IPv4 socket when both families listen (docker-proxy binds both).
  return ns.sockets.find((s) => match(s) && !s.v6) ?? ns.sockets.find(match);
}

/** Bind a listening socket; false when the port is taken (EADDRINUSE). */
export function listen(ns: Netns, socket: Socket): boolean {
  const sameFamily = (s: Socket) => (s.v6 ?? false) === (socket.v6 ?? false);
  if (ns.sockets.some((s) => sameFamily(s) && s.proto === socket.proto && s.port === socket.port && (s.addr === 0 || socket.addr === 0 || s.addr === socket.addr))) {
    return false;
  }
  ns.sockets.push(socket);
  return true;
}

/** Close a listening socket. */
export function unlisten(ns: Netns, socket: Socket): void {
  ns.sockets = ns.sockets.filter((s) => s !== socket);
}
