/**
 * Where a request comes from and goes to: the site's own origin (behind a proxy if trusted), whether it
 * arrived over TLS (for Secure cookies), the client's address (for rate limits), and the same-origin
 * check that every state-changing request must pass (OWASP CSRF: Origin or Sec-Fetch-Site).
 */
import { ClassroomError } from '../errors.ts';
import type { HttpConfig } from './config.ts';

function forwarded(request: Request, name: string): string | undefined {
  // With several proxies each appends; the last value is the one our own proxy wrote.
  const value = request.headers.get(name)?.split(',').at(-1)?.trim();
  return value ? value : undefined;
}

/** The origin the browser sees for this request, e.g. "https://vethlab.example". */
export function siteOrigin(request: Request, config: HttpConfig): string {
  const url = new URL(request.url);
  if (!config.trustProxy) return url.origin;
  const proto = forwarded(request, 'x-forwarded-proto') ?? url.protocol.replace(':', '');
  const host = forwarded(request, 'x-forwarded-host') ?? url.host;
  return `${proto}://${host}`;
}

/** Whether the browser reached us over https (then cookies get Secure). */
export function isSecure(request: Request, config: HttpConfig): boolean {
  return siteOrigin(request, config).startsWith('https:');
}

/** The client's address: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(request: Request, socketAddress: string | undefined, config: HttpConfig): string {
  if (config.trustProxy) {
    const address = forwarded(request, 'x-forwarded-for');
    if (address) return address;
  }
  return socketAddress ?? 'unknown';
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
