/**
 * A loopback TCP relay in front of a server, for benches that watch the bytes a browser exchanges with
 * it (page-weight.ts counts them, wire-relay.ts stamps the terminal socket's): each browser connection
 * gets its own upstream connection, and `watch` sees both sockets before any byte passes.
 */
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LoopbackRelay {
  /** Where the browser goes instead of the server. */
  url: string;
  close(): Promise<void>;
}

/** Relay 127.0.0.1:<free port> to `target` (an http:// URL's host and port). */
export async function loopbackRelay(target: URL, watch: (client: Socket, upstream: Socket) => void): Promise<LoopbackRelay> {
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    watch(client, upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
