/**
 * A request id for every HTTP request, so a learner's error and the server's log line can be matched.
 * An X-Request-Id from our own reverse proxy (TRUST_PROXY) is kept, so the id spans both logs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Ids a proxy sends (UUIDs, nginx's $request_id hex); anything else could forge or bloat log lines. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the trusted proxy's X-Request-Id when acceptable, else a new UUID. */
export function requestIdOf(request: IncomingMessage, trustProxy: boolean): string {
  const sent = request.headers['x-request-id'];
  if (trustProxy && typeof sent === 'string' && ACCEPTABLE_ID.test(sent)) return sent;
  return randomUUID();
}
