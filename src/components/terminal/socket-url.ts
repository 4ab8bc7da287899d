/** The sandbox WebSocket URL for the page's own origin: ws: beside http:, wss: beside https:. */
export function sandboxSocketUrl(location: Pick<Location, 'protocol' | 'host'>, path = '/ws/sandbox'): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** localStorage key of this browser's route key. */
export const ROUTE_KEY = 'vethlab.route';

/**
 * A random key per browser, sent as `?route=` on the terminal socket so that a load balancer in
 * front of several replicas (nginx `hash $arg_route consistent`, docs/deploy.md) keeps all of this
 * browser's terminals, and so its sandbox session, on one replica. Not a secret, unlike the session
 * id (which the hello carries, never the URL, so it stays out of proxy logs); and it exists before
 * the first session does, so new learners spread over the replicas from their first connection.
 */
export function routeKey(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = safeLocalStorage()): string {
  try {
    const stored = storage?.getItem(ROUTE_KEY);
    if (stored && /^[0-9a-f]{16}$/.test(stored)) return stored;
  } catch {
    // Storage disabled: a key for this page only.
  }
  const key = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    storage?.setItem(ROUTE_KEY, key);
  } catch {
    // Private mode or storage full: this page keeps its key, a reload gets another.
  }
  return key;
}

/** The terminal socket's URL with this browser's route key. */
export function terminalSocketUrl(location: Pick<Location, 'protocol' | 'host'>, key = routeKey()): string {
  return `${sandboxSocketUrl(location)}?route=${key}`;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
