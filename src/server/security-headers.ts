/**
 * Security headers on every response of the production server (main.ts puts them on before Astro's
 * handler runs), and, without the CSP, on the dev server (Vite injects inline scripts there).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedProto, nodeHeaders } from '../http/forwarded.ts';

/**
 * The Content-Security-Policy. Scripts are strict: every script is a bundled file under /_astro/ or
 * public/theme-init.js, none is inline (tests/browser/csp.test.ts checks the built pages); the one
 * exception, 'wasm-unsafe-eval', lets Pagefind compile its WebAssembly search index and allows no
 * JavaScript eval. Styles need 'unsafe-inline': xterm's DOM renderer writes <style> elements at run
 * time and Expressive Code emits style attributes, neither of which a hash or nonce can cover. `connect-src 'self'` covers the
 * same-origin ws:/wss: socket (CSP Level 3); workers come from the same origin as bundled files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers that do not depend on the request. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The terminal's "Copy all" writes the clipboard; nothing needs the rest.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)',
};

/**
 * Headers that only a document (or a worker, for the CSP) reads: a script or stylesheet the page
 * loads ignores them. Left off responses the browser says it fetched as a script or a stylesheet
 * (`Sec-Fetch-Dest`), they save ~0.5 KB on each of a lesson page's ~20 assets, over HTTP/1.1 a
 * tenth of what the page transfers. A worker's script is fetched as `worker`, never trimmed.
 */
const DOCUMENT_ONLY_HEADERS: ReadonlySet<string> = new Set(['Content-Security-Policy', 'X-Frame-Options', 'Cross-Origin-Opener-Policy', 'Permissions-Policy']);
const SUBRESOURCE_DESTINATIONS: ReadonlySet<string> = new Set(['script', 'style']);

/** HSTS for two years, sent only on responses that reached the browser over https. */
const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

export interface SecurityHeaderOptions {
  /** Omit the CSP (the dev server, whose HMR client is inline). */
  csp?: boolean;
  /** TRUST_PROXY=1: believe X-Forwarded-Proto when deciding whether the request came over https. */
  trustProxy?: boolean;
}

/** Set the security headers on `response` before the page handler writes it. */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, options: SecurityHeaderOptions = {}): void {
  const subresource = SUBRESOURCE_DESTINATIONS.has(String(request.headers['sec-fetch-dest']));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name === 'Content-Security-Policy' && options.csp === false) continue;
    if (subresource && DOCUMENT_ONLY_HEADERS.has(name)) continue;
    response.setHeader(name, value);
  }
  if (isHttps(request, options.trustProxy ?? false)) response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
}

function isHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted === true) return true;
  return forwardedProto(nodeHeaders(request.headers), trustProxy) === 'https';
}
