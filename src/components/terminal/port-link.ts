/**
 * A published port's page URL from the course server (src/server/published-port-route.ts): asked
 * for with the session id in a POST body, answered with an opaque link bound to this browser's key
 * cookie, so the URL in history and in the address bar opens nothing elsewhere.
 */

/** Where the server hands out links. */
const PORT_LINKS_PATH = '/sandbox/port-links';

/** The link to `node`:`port` of `session`, or undefined when the server gives none (session gone, offline). */
export async function requestPortLink(session: string, node: string, port: number): Promise<string | undefined> {
  try {
    const response = await fetch(PORT_LINKS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, node, port }),
      credentials: 'same-origin',
    });
    if (!response.ok) return undefined;
    const answer: unknown = await response.json();
    const url = typeof answer === 'object' && answer !== null ? (answer as { url?: unknown }).url : undefined;
    return typeof url === 'string' && url.startsWith('/sandbox/port/') ? url : undefined;
  } catch {
    return undefined;
  }
}
