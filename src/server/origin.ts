/**
 * Cross-site WebSocket hijacking defence: browsers send `Origin` on every WebSocket handshake, and
 * ws does not check it, so the upgrade handler must.
 */
import type { IncomingMessage } from 'node:http';

/** Whether the handshake comes from the page's own origin (same host) or from an allow-listed one. */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  // Non-browser clients (curl, tests) send no Origin and cannot carry a victim's cookies or storage.
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = request.headers.host;
  return host !== undefined && originHost.toLowerCase() === host.toLowerCase();
}
