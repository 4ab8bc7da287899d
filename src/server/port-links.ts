/**
 * Links to published ports that carry no session id. A URL lands in the browser's history and
 * could travel in a Referer, and the session id opens the learner's terminal; so the Ports control
 * asks for a link (POST with the session id in the body, never in a URL) and gets an opaque token
 * for one node and port of that session, bound to a key in an HttpOnly cookie of that browser. The
 * token alone, a stolen URL, opens nothing: the request must also carry the key it was made for.
 * Links live as long as their session; each session keeps its few most recent ones.
 */
import { timingSafeEqual } from 'node:crypto';
import { isSessionIdShape, newSessionId } from '../sandbox/session-id.ts';

/** The cookie holding the browser's port key; sent only below the links' path. */
export const PORT_KEY_COOKIE = 'vl_port_key';

/** Links one session may hold; the oldest goes when another is made (one per port it opened). */
const MAX_LINKS_PER_SESSION = 32;

/** What a token opens. */
export interface PortLink {
  session: string;
  node: string;
  port: number;
  key: string;
}

/** The tokens handed out, and the keys they are bound to. */
export class PortLinks {
  readonly #links = new Map<string, PortLink>();
  readonly #isLive: (session: string) => boolean;

  /** `isLive` says whether a session still exists; links of ended sessions are forgotten. */
  constructor(isLive: (session: string) => boolean) {
    this.#isLive = isLive;
  }

  /**
   * A token for `node`:`port` of `session` in the browser holding `key` (the same token when it has
   * one already), and the key: `key` when it is one this server made, else a fresh one to set.
   */
  issue(session: string, node: string, port: number, key: string | undefined): { token: string; key: string } {
    const browserKey = key !== undefined && isSessionIdShape(key) ? key : newSessionId();
    const mine: string[] = [];
    for (const [token, link] of this.#links) {
      if (!this.#isLive(link.session)) this.#links.delete(token);
      else if (link.session === session) {
        if (link.node === node && link.port === port && link.key === browserKey) return { token, key: browserKey };
        mine.push(token);
      }
    }
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_LINKS_PER_SESSION + 1))) this.#links.delete(old);
    const token = newSessionId();
    this.#links.set(token, { session, node, port, key: browserKey });
    return { token, key: browserKey };
  }

  /** What `token` opens for a browser presenting `key`; undefined for an unknown token, another key or an ended session. */
  resolve(token: string, key: string | undefined): PortLink | undefined {
    const link = this.#links.get(token);
    if (!link || key === undefined || !sameKey(link.key, key)) return undefined;
    if (!this.#isLive(link.session)) {
      this.#links.delete(token);
      return undefined;
    }
    return link;
  }
}

function sameKey(expected: string, sent: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}
