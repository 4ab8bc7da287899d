/**
 * `/sandbox/<session>/port/<node>/<port>/<path>`: the page a published port of the learner's sandbox
 * serves, for the terminal's Ports control. The session id in the path is the credential, as it is
 * in the terminal socket's hello: only that session's sandbox is asked, and only for ports a
 * container publishes (sessions.ts checks the sandbox's state). Only GET and HEAD go through, with
 * the driver's size and time limits; a few response headers pass (published-port.ts), cookies do
 * not, redirects are never followed and stay under the port's path. The page runs in a CSP sandbox
 * (an opaque origin), so its scripts cannot read the course's storage, where the session ids live.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedHeaders, type PortFailureReason, type PortMethod } from '../sandbox/published-port.ts';
import type { Session, SessionRegistry } from '../sandbox/sessions.ts';
import { isSessionIdShape } from '../sandbox/session-id.ts';

/** Where published ports are served; the terminal builds its links with `publishedPortUrl`. */
export const PORT_ROUTE_PREFIX = '/sandbox/';

/** Requests one session may have in flight; more get 429 (each one asks the sandbox for its state). */
const MAX_IN_FLIGHT_PER_SESSION = 4;

/**
 * The sandbox page's own policy: an opaque origin (no `allow-same-origin`), its scripts and styles
 * from the port itself, shown in a tab or in a frame of the course page, never anywhere else.
 */
export const PORT_CONTENT_SECURITY_POLICY = [
  'sandbox allow-scripts allow-popups',
  "default-src 'self' data: blob:",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** What the path names. */
export interface PortTarget {
  session: string;
  node: string;
  port: number;
  /** Path and query below the port, starting with '/'. */
  path: string;
  /** The prefix `/sandbox/<session>/port/<node>/<port>`, for redirects. */
  base: string;
}

const ROUTE = /^\/sandbox\/([^/]+)\/port\/([a-z][a-z0-9-]{0,63})\/(\d{1,5})(\/.*)?$/;

/** The target of `url`, or undefined when it is not a port path. `path` is undefined for `…/<port>` without its slash. */
export function parsePortUrl(url: string): (Omit<PortTarget, 'path'> & { path: string | undefined }) | undefined {
  const match = ROUTE.exec(url);
  const [, session, node, port, path] = match ?? [];
  if (session === undefined || node === undefined || port === undefined) return undefined;
  return { session, node, port: Number(port), path, base: `/sandbox/${session}/port/${node}/${port}` };
}

/** `path` with the session id of a port path hidden, for access logs (the id is a credential). */
export function redactPortPath(path: string): string {
  return path.replace(/^\/sandbox\/[^/]+\/port\//, '/sandbox/…/port/');
}

/** Track requests in flight per session across calls of `servePublishedPort`. */
export interface PortRoute {
  /** Answer `request` when it is for a published port; false (nothing written) for other paths. */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
}

/** The route over `registry`. */
export function publishedPortRoute(registry: SessionRegistry): PortRoute {
  const inFlight = new Map<string, number>();
  return {
    serve(request, response) {
      const url = request.url ?? '/';
      if (!url.startsWith(PORT_ROUTE_PREFIX)) return false;
      const target = parsePortUrl(url);
      if (!target) return false;
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('Referrer-Policy', 'no-referrer');
      const method = request.method === 'HEAD' ? 'HEAD' : request.method === 'GET' ? 'GET' : undefined;
      if (!method) {
        response.setHeader('Allow', 'GET, HEAD');
        plain(response, 405, 'Only GET and HEAD reach a published port.');
        return true;
      }
      // Another session's port and an unpublished one look the same: nothing tells them apart.
      const session = isSessionIdShape(target.session) ? registry.get(target.session) : undefined;
      if (!session?.hasNode(target.node)) {
        plain(response, 404, 'No such published port.');
        return true;
      }
      if (target.path === undefined) {
        // Relative links of the page resolve below the port only with the slash.
        response.setHeader('Location', `${target.base}/`);
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
      void forward(session, { ...target, path: target.path }, method, response).finally(() => {
        const left = (inFlight.get(session.id) ?? 1) - 1;
        if (left > 0) inFlight.set(session.id, left);
        else inFlight.delete(session.id);
      });
      return true;
    },
  };
}

async function forward(session: Session, target: PortTarget, method: PortMethod, response: ServerResponse): Promise<void> {
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
  response.setHeader('Content-Security-Policy', PORT_CONTENT_SECURITY_POLICY);
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
