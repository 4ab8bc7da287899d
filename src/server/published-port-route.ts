/**
 * `/sandbox/port/<token>/<path>`: the page a published port of the learner's sandbox serves, for
 * the terminal's Ports control. The URL carries no session id (it would land in history and
 * Referers): the control asks `POST /sandbox/port-links` with its session id in the body for a
 * token bound to one node and port of that session and to a key cookie of this browser
 * (port-links.ts), so a stolen URL opens nothing. Only the session's sandbox is asked, and only for
 * ports a container publishes (sessions.ts checks the sandbox's state). Only GET and HEAD go
 * through, with the driver's size and time limits; the body passes as bytes, a few response headers
 * pass (published-port.ts), cookies do not, redirects are never followed and stay under the port's
 * path. The page runs in a CSP sandbox: an opaque origin, so its scripts cannot read the course's
 * storage, where the session ids live; on plain HTTP off loopback, the course's origin and no scripts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies } from '../classroom/http/cookies.ts';
import { forwardedProto, nodeHeaders } from '../http/forwarded.ts';
import { forwardedHeaders, isPortNumber, type PortFailureReason, type PortMethod } from '../sandbox/published-port.ts';
import type { Session, SessionRegistry } from '../sandbox/sessions.ts';
import { isSessionIdShape } from '../sandbox/session-id.ts';
import { PORT_KEY_COOKIE, PortLinks } from './port-links.ts';

/** Where published ports are served. */
export const PORT_ROUTE_PREFIX = '/sandbox/';
/** Where the Ports control asks for a port's link (POST, JSON `{ session, node, port }`, answered `{ url }`). */
export const PORT_LINKS_PATH = '/sandbox/port-links';
/** The path below which port pages (and their key cookie) live. */
const PORT_PAGES_PATH = '/sandbox/port/';
/** A link request's body is a few dozen bytes. */
const MAX_LINK_REQUEST_BYTES = 1024;

/** Requests one session may have in flight; more get 429 (each one asks the sandbox for its state). */
const MAX_IN_FLIGHT_PER_SESSION = 4;

/** The directives both of a port page's policies share: its scripts and styles from the port itself, framed by the course only. */
const PORT_PAGE_DIRECTIVES = [
  "default-src 'self' data: blob:",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
];

/**
 * The sandbox page's own policy where its key cookie can be `SameSite=None` (TLS, loopback): an
 * opaque origin (no `allow-same-origin`) with scripts, shown in a tab or in a frame of the course
 * page, never anywhere else.
 */
export const PORT_CONTENT_SECURITY_POLICY = ['sandbox allow-scripts allow-popups', ...PORT_PAGE_DIRECTIVES].join('; ');

/**
 * The policy on plain HTTP off loopback, where the key cookie can only be `SameSite=Lax`: an opaque
 * origin's requests for its own images and styles count as cross-site and go without the key (404),
 * so the page keeps the course's origin, which makes them same-site, and gets no scripts at all, so
 * nothing on it can read the course's storage or call its APIs. Forms stay off (no `allow-forms`).
 */
export const PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS = ['sandbox allow-popups allow-same-origin', ...PORT_PAGE_DIRECTIVES].join('; ');

/** What the path names. */
export interface PortTarget {
  node: string;
  port: number;
  /** Path and query below the port, starting with '/'. */
  path: string;
  /** The prefix `/sandbox/port/<token>`, for redirects. */
  base: string;
}

const ROUTE = /^\/sandbox\/port\/([A-Za-z0-9_-]{24})(\/.*|\?.*)?$/;

/**
 * The token and path of `url`, or undefined when it is not a port page. `path` is undefined for
 * `…/<token>` without its slash; `query` is then what followed the token (`?lang=en`, or '').
 */
export function parsePortUrl(url: string): { token: string; path: string | undefined; query: string; base: string } | undefined {
  const [, token, rest = ''] = ROUTE.exec(url) ?? [];
  if (token === undefined) return undefined;
  const slashed = rest.startsWith('/');
  return { token, path: slashed ? rest : undefined, query: slashed ? '' : rest, base: `${PORT_PAGES_PATH}${token}` };
}

/** `path` with a port page's token hidden, for access logs. */
export function redactPortPath(path: string): string {
  return path.replace(/^\/sandbox\/port\/[^/]+/, '/sandbox/port/…');
}

/** Settings of the route. */
export interface PortRouteOptions {
  /** Believe X-Forwarded-Proto (the key cookie is Secure behind a TLS proxy). */
  trustProxy?: boolean;
}

/** Track requests in flight per session across calls of `servePublishedPort`. */
export interface PortRoute {
  /** Answer `request` when it is for a published port; false (nothing written) for other paths. */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
}

/** The route over `registry`. */
export function publishedPortRoute(registry: SessionRegistry, options: PortRouteOptions = {}): PortRoute {
  const inFlight = new Map<string, number>();
  const links = new PortLinks((id) => registry.get(id) !== undefined);
  return {
    serve(request, response) {
      const url = request.url ?? '/';
      if (!url.startsWith(PORT_ROUTE_PREFIX)) return false;
      if (url === PORT_LINKS_PATH) {
        void issueLink(request, response, registry, links, options);
        return true;
      }
      const parsed = parsePortUrl(url);
      if (!parsed) return false;
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('Referrer-Policy', 'no-referrer');
      const method = request.method === 'HEAD' ? 'HEAD' : request.method === 'GET' ? 'GET' : undefined;
      if (!method) {
        response.setHeader('Allow', 'GET, HEAD');
        plain(response, 405, 'Only GET and HEAD reach a published port.');
        return true;
      }
      // An unknown token, another browser's, another session's port and an unpublished one look the same.
      const link = links.resolve(parsed.token, parseCookies(request.headers.cookie ?? null).get(PORT_KEY_COOKIE));
      const session = link ? registry.get(link.session) : undefined;
      if (!link || !session?.hasNode(link.node)) {
        plain(response, 404, 'No such published port.');
        return true;
      }
      if (parsed.path === undefined) {
        // Relative links of the page resolve below the port only with the slash.
        response.setHeader('Location', `${parsed.base}/${parsed.query}`);
        plain(response, 308, '');
        return true;
      }
      const count = inFlight.get(session.id) ?? 0;
      if (count >= MAX_IN_FLIGHT_PER_SESSION) {
        response.setHeader('Retry-After', '1');
        plain(response, 429, 'Too many requests to this sandbox at once.');
        return true;
      }
      inFlight.set(session.id, count + 1);
      const target: PortTarget = { node: link.node, port: link.port, path: parsed.path, base: parsed.base };
      const policy = keyCrossesSites(request, options) ? PORT_CONTENT_SECURITY_POLICY : PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS;
      void forward(session, target, method, policy, response).finally(() => {
        const left = (inFlight.get(session.id) ?? 1) - 1;
        if (left > 0) inFlight.set(session.id, left);
        else inFlight.delete(session.id);
      });
      return true;
    },
  };
}

/**
 * `POST /sandbox/port-links`: a link to a port of the session named in the JSON body, for this
 * browser's key (set as a cookie when it has none). JSON only, so another site's form cannot post
 * here without a CORS preflight, which this server never grants.
 */
async function issueLink(request: IncomingMessage, response: ServerResponse, registry: SessionRegistry, links: PortLinks, options: PortRouteOptions): Promise<void> {
  response.setHeader('Cache-Control', 'no-store');
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    plain(response, 405, 'Ask for a link with POST.');
    return;
  }
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    plain(response, 415, 'Send JSON.');
    return;
  }
  const body = await readSmallBody(request);
  const asked = body === undefined ? undefined : parseLinkRequest(body);
  const session = asked && isSessionIdShape(asked.session) ? registry.get(asked.session) : undefined;
  if (!asked || !session?.hasNode(asked.node)) {
    plain(response, 404, 'No such sandbox.');
    return;
  }
  const sent = parseCookies(request.headers.cookie ?? null).get(PORT_KEY_COOKIE);
  const { token, key } = links.issue(session.id, asked.node, asked.port, sent);
  if (key !== sent) response.setHeader('Set-Cookie', keyCookie(key, request, options));
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify({ url: `${PORT_PAGES_PATH}${token}/` }));
}

/**
 * The key cookie. A port page at an opaque origin (PORT_CONTENT_SECURITY_POLICY) makes requests for
 * its images and styles that the browser counts as cross-site: only SameSite=None (which needs
 * Secure: TLS, or loopback, which browsers treat as secure) sends the key with them. Plain HTTP
 * elsewhere gets Lax, and its pages the course's origin without scripts (PORT_CONTENT_SECURITY_POLICY_NO_SCRIPTS).
 */
function keyCookie(key: string, request: IncomingMessage, options: PortRouteOptions): string {
  const sameSite = keyCrossesSites(request, options) ? 'SameSite=None; Secure' : 'SameSite=Lax';
  return `${PORT_KEY_COOKIE}=${key}; Path=${PORT_PAGES_PATH}; HttpOnly; ${sameSite}`;
}

/** Whether this browser holds the key in a `SameSite=None; Secure` cookie: over TLS, or on loopback. */
function keyCrossesSites(request: IncomingMessage, options: PortRouteOptions): boolean {
  const tls = 'encrypted' in request.socket || forwardedProto(nodeHeaders(request.headers), options.trustProxy ?? false) === 'https';
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(request.headers.host ?? '');
  return tls || loopback;
}

function parseLinkRequest(text: string): { session: string; node: string; port: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { session, node, port } = value as Record<string, unknown>;
  if (typeof session !== 'string' || typeof node !== 'string' || typeof port !== 'number' || !isPortNumber(port)) return undefined;
  return { session, node, port };
}

/** The request's body as text, or undefined when it is larger than a link request can be. */
async function readSmallBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_LINK_REQUEST_BYTES) return undefined;
      chunks.push(buffer);
    }
  } catch {
    // The client went away mid-body: nothing to answer.
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(session: Session, target: PortTarget, method: PortMethod, policy: string, response: ServerResponse): Promise<void> {
  const result = await session.requestPort({ node: target.node, port: target.port, method, path: target.path });
  if (response.destroyed) return;
  if (!result.ok) {
    plain(response, FAILURE_STATUS[result.reason], result.reason === 'not-published' ? 'No such published port.' : `The port gave no page: ${result.message}.`);
    return;
  }
  const { status, body } = result.response;
  const headers = forwardedHeaders(result.response.headers).flatMap(([name, value]): [string, string][] => {
    if (name !== 'location') return [[name, value]];
    const kept = keptLocation(value, target.base);
    return kept === undefined ? [] : [[name, kept]];
  });
  response.statusCode = status >= 200 && status <= 599 ? status : 502;
  for (const [name, value] of headers) response.setHeader(name, value);
  response.setHeader('Content-Security-Policy', policy);
  // Shown in the course's own pane: the global DENY would forbid even that.
  response.setHeader('X-Frame-Options', 'SAMEORIGIN');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (!response.hasHeader('content-type')) response.setHeader('Content-Type', 'application/octet-stream');
  response.setHeader('Content-Length', String(body.length));
  response.end(method === 'HEAD' ? undefined : body);
}

/**
 * A redirect's target, kept under the port's path: a path on the same server is rebased there,
 * anything else (another host, a scheme) is dropped, so no redirect leads the browser away.
 */
export function keptLocation(location: string, base: string): string | undefined {
  if (/^\/(?!\/)/.test(location)) return `${base}${location}`;
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^\\/i.test(location)) return undefined;
  return location;
}

const FAILURE_STATUS: Record<PortFailureReason, number> = {
  'not-published': 404,
  closed: 404,
  unsupported: 501,
  refused: 502,
  unreachable: 502,
  'bad-response': 502,
  'too-large': 502,
  timeout: 504,
};

function plain(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
  response.end(text === '' ? undefined : `${text}\n`);
}
