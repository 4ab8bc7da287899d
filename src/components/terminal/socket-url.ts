/** The sandbox WebSocket URL for the page's own origin: ws: beside http:, wss: beside https:. */
export function sandboxSocketUrl(location: Pick<Location, 'protocol' | 'host'>, path = '/ws/sandbox'): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}
