/**
 * What a request says about the browser behind our reverse proxy: the only reader of X-Forwarded-For,
 * -Proto and -Host. They are believed only with TRUST_PROXY (settings.http.trustProxy); otherwise
 * anyone could claim any address or scheme. With several proxies each appends its value, so the last
 * one is the one our own proxy wrote.
 */

/** A request's header by lower-case name, from Node's IncomingMessage or a Fetch Request alike. */
export type HeaderLookup = (name: string) => string | readonly string[] | null | undefined;

/** Headers of a Node request (IncomingMessage.headers). */
export function nodeHeaders(headers: Readonly<Record<string, string | readonly string[] | undefined>>): HeaderLookup {
  return (name) => headers[name];
}

/** Headers of a Fetch Request. */
export function fetchHeaders(headers: Headers): HeaderLookup {
  return (name) => headers.get(name);
}

/** The value our own proxy wrote: the last of a repeated or comma-joined header. */
function lastForwarded(headers: HeaderLookup, name: string): string | undefined {
  const raw = headers(name);
  const last = (typeof raw === 'string' ? raw : raw?.at(-1))?.split(',').at(-1)?.trim();
  return last ? last : undefined;
}

/** The client's address: the proxy's X-Forwarded-For when trusted and present, else the socket's. */
export function clientAddress(headers: HeaderLookup, socketAddress: string | undefined, trustProxy: boolean): string {
  return (trustProxy ? lastForwarded(headers, 'x-forwarded-for') : undefined) ?? socketAddress ?? 'unknown';
}

/** The scheme the browser used (`https`, `http`) per the trusted proxy; undefined when it does not say. */
export function forwardedProto(headers: HeaderLookup, trustProxy: boolean): string | undefined {
  return trustProxy ? lastForwarded(headers, 'x-forwarded-proto')?.toLowerCase() : undefined;
}

/** The host the browser asked for per the trusted proxy; undefined when it does not say. */
export function forwardedHost(headers: HeaderLookup, trustProxy: boolean): string | undefined {
  return trustProxy ? lastForwarded(headers, 'x-forwarded-host') : undefined;
}
