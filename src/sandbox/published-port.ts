/**
 * Opening a published port from the learner's page: one HTTP GET or HEAD to a TCP port a container
 * of the learner's sandbox publishes on one of its nodes (`docker run -p 8080:80 nginx`). The
 * session (sessions.ts) lets only published ports through; drivers carry the request to the port
 * (the simulator through its model: DNAT, the container's server and its log; the Docker driver over
 * the sandbox host's address) and the server or the in-browser worker shows the answer.
 * Browser-safe: no Node imports.
 */
import type { SandboxState } from './topology/state.ts';

/** The only methods forwarded: reading a page never changes the sandbox. */
export type PortMethod = 'GET' | 'HEAD';

/** A request for a published port of one node. */
export interface PortRequest {
  node: string;
  /** The published host port. */
  port: number;
  method: PortMethod;
  /** Path and query, starting with '/'. */
  path: string;
}

/** What the port answered. Headers are the ones worth passing on (see FORWARDED_HEADERS). */
export interface PortResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/** Why a port gave no answer; the page says so instead of showing a broken page. */
export type PortFailureReason = 'not-published' | 'refused' | 'timeout' | 'unreachable' | 'too-large' | 'bad-response' | 'unsupported' | 'closed';

export type PortResult = { ok: true; response: PortResponse } | { ok: false; reason: PortFailureReason; message: string };

/** Answers bigger than this are cut off (the page is for looking at, not for downloads). */
export const MAX_PORT_RESPONSE_BYTES = 2 * 1024 * 1024;
/** A port that has not answered after this long has timed out. */
export const PORT_REQUEST_TIMEOUT_MS = 10_000;
/** Longest path (with query) passed on. */
export const MAX_PORT_PATH_CHARS = 2048;

/** Response headers passed on to the browser (lower case); everything else, cookies included, stays behind. */
export const FORWARDED_HEADERS: ReadonlySet<string> = new Set(['content-type', 'content-language', 'last-modified', 'etag', 'cache-control', 'expires', 'location', 'server', 'date']);

/** The User-Agent of forwarded requests: the container's access log shows who asked. */
export const PORT_USER_AGENT = 'Mozilla/5.0 (Vethlab port viewer)';

/** Whether `port` is a TCP port number. */
export function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Whether `path` may be sent: absolute, printable ASCII, not too long (no CR/LF to split the request). */
export function isForwardablePath(path: string): boolean {
  return path.startsWith('/') && path.length <= MAX_PORT_PATH_CHARS && /^[\x21-\x7e]*$/.test(path);
}

/** A published TCP port of one node, as the Ports control lists it. */
export interface PublishedPort {
  node: string;
  hostIp: string;
  hostPort: number;
  containerName: string;
  containerPort: number;
}

/**
 * The sandbox's published TCP ports, node by node, each host port once (a binding to all addresses
 * appears once even when Docker lists it for IPv4 and IPv6).
 */
export function publishedPorts(state: SandboxState): PublishedPort[] {
  const ports: PublishedPort[] = [];
  for (const host of state.hosts) {
    const seen = new Set<number>();
    for (const port of host.ports) {
      if (port.proto !== 'tcp' || seen.has(port.hostPort)) continue;
      seen.add(port.hostPort);
      ports.push({ node: host.id, hostIp: port.hostIp, hostPort: port.hostPort, containerName: port.containerName, containerPort: port.containerPort });
    }
  }
  return ports.sort((a, b) => (a.node === b.node ? a.hostPort - b.hostPort : a.node < b.node ? -1 : 1));
}

/** Split a raw HTTP/1.x response into status, headers (read as Latin-1, as HTTP defines them) and the body's bytes. */
export function parseHttpResponse(raw: Uint8Array | string): PortResult {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const split = headEnd(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, split < 0 ? bytes.length : split));
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine)?.[1];
  if (status === undefined) return { ok: false, reason: 'bad-response', message: 'the port did not answer with HTTP' };
  const headers = lines.flatMap((line): [string, string][] => {
    const colon = line.indexOf(':');
    if (colon <= 0) return [];
    return [[line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]];
  });
  const body = split < 0 ? new Uint8Array(0) : bytes.slice(split + 4);
  return { ok: true, response: { status: Number(status), headers, body } };
}

/** Where the first CR LF CR LF (the end of the head) starts in `bytes`, or -1. */
function headEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

/** The headers of `headers` worth passing on (FORWARDED_HEADERS), in order. */
export function forwardedHeaders(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].filter(([name]) => FORWARDED_HEADERS.has(name.toLowerCase())).map(([name, value]) => [name.toLowerCase(), value]);
}
