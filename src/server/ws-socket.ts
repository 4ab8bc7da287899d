/** A `ws` WebSocket as the transport of a SandboxConnection. */
import type { WebSocket } from 'ws';
import type { ConnectionSocket, ConnectionSocketEvents } from '../sandbox/connection/connection-socket.ts';

/** Wrap an accepted ws socket; the connection sees frames as bytes and nothing of ws. */
export function wsConnectionSocket(socket: WebSocket): ConnectionSocket {
  return {
    get isOpen() {
      return socket.readyState === socket.OPEN;
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    sendText: (text) => socket.send(text),
    sendBinary: (bytes) => socket.send(bytes),
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
    listen(events: ConnectionSocketEvents) {
      socket.on('message', (data, isBinary) => events.message(asBytes(data), isBinary));
      socket.on('close', () => events.close());
      socket.on('error', (error) => events.error(error));
    },
  };
}

/** The payload of a ws message as bytes (ws delivers Buffer, ArrayBuffer or fragments as Buffer[]). */
function asBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Buffer.concat(data as Uint8Array[]);
  return new Uint8Array(0);
}
