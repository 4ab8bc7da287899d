/** Astro integration that serves /ws/sandbox on the dev server's http.Server (filled in by the server work). */
import type { AstroIntegration } from 'astro';

export function sandboxWebSocket(): AstroIntegration {
  return { name: 'vethlab:sandbox-websocket', hooks: {} };
}
