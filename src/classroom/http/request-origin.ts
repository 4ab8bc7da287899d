/**
 * Where a request comes from and goes to: the site's own origin (behind a proxy if trusted), whether it
 * arrived over TLS (for Secure cookies), the client's address (for rate limits), and the same-origin
 * check that every state-changing request must pass (OWASP CSRF: Origin or Sec-Fetch-Site).
 */
import { clientAddress as forwardedClientAddress, fetchHeaders, forwardedHost, forwardedProto } from '../../http/forwarded.ts';
import { ClassroomError } from '../errors.ts';
import type { HttpConfig } from './config.ts';

/** The origin the browser sees for this request, e.g. "https://vethlab.example". */
export function siteOrigin(request: Request, config: HttpConfig): string {
  const url = new URL(request.url);
  if (!config.trustProxy) return url.origin;
  const headers = fetchHeaders(request.headers);
  const proto = forwardedProto(headers, true) ?? url.protocol.replace(':', '');
  const host = forwardedHost(headers, true) ?? url.host;
  return `${proto}://${host}`;
}

/** Whether the browser reached us over https (then cookies get Secure). */
export function isSecure(request: Request, config: HttpConfig): boolean {
  return siteOrigin(request, config).startsWith('https:');
}

/** The client's address: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(request: Request, socketAddress: string | undefined, config: HttpConfig): string {
  return forwardedClientAddress(fetchHeaders(request.headers), socketAddress, config.trustProxy);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuse cross-site state changes: the request must say it is same-origin (Sec-Fetch-Site) or carry an
 * Origin equal to ours, and carry JSON (a cross-site HTML form can send neither a JSON type nor a custom
 * Origin; fetch from another site needs a CORS preflight that we never grant).
 */
export function checkSameOrigin(request: Request, config: HttpConfig): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (site !== null && site !== 'same-origin') {
    throw new ClassroomError('forbidden', `cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  if (origin !== null) {
    if (origin !== siteOrigin(request, config) && !config.allowedOrigins.includes(origin)) {
      throw new ClassroomError('forbidden', 'cross-origin request refused');
    }
  } else if (site === null) {
    throw new ClassroomError('forbidden', 'request without Origin or Sec-Fetch-Site refused');
  }
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ClassroomError('unsupported-media-type', 'send Content-Type: application/json');
  }
}
