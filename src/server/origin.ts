/**
 * Cross-site WebSocket hijacking defence: browsers send `Origin` on every WebSocket handshake, and
 * ws does not check it, so the upgrade handler must. An origin is scheme, host and port: a page
 * served over https and one over http on the same host are different sites.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { forwardedProto, nodeHeaders } from '../http/forwarded.ts';

export interface OriginOptions {
  /** TRUST_PROXY=1: the scheme the browser used is our proxy's X-Forwarded-Proto. */
  trustProxy?: boolean;
}

/** Whether the handshake comes from the page's own origin (same scheme and host) or an allow-listed one. */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: readonly string[], options: OriginOptions = {}): boolean {
  const origin = request.headers.origin;
  // Non-browser clients (curl, tests) send no Origin and cannot carry a victim's cookies or storage.
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const host = request.headers.host;
  return host !== undefined && parsed.host.toLowerCase() === host.toLowerCase() && parsed.protocol === `${requestScheme(request, options)}:`;
}

/** The scheme the browser used to reach us: https over TLS, or as our trusted proxy says. */
function requestScheme(request: IncomingMessage, options: OriginOptions): 'http' | 'https' {
  const forwarded = forwardedProto(nodeHeaders(request.headers), options.trustProxy ?? false)?.toLowerCase();
  if (forwarded === 'https' || forwarded === 'http') return forwarded;
  return (request.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
}
