/**
 * How a SandboxClient reaches a sandbox: a message pipe carrying the protocol of
 * src/sandbox/protocol.ts (text frames = JSON control messages, binary frames = terminal bytes).
 * Two kinds exist: the server's WebSocket (this file) and the in-browser simulator in a Web Worker
 * (worker-transport.ts). The client above never knows which one it talks to.
 */

/** What a transport reports to the client. */
export interface TransportHandlers {
  /** The pipe is open: the client sends its hello. */
  open(): void;
  /** A frame: a string is a control message, bytes are terminal output. */
  message(data: string | Uint8Array): void;
  /** The pipe closed (WebSocket close codes; 1006 when it never opened). Called once. */
  close(code: number): void;
}

/** One connection to a sandbox; one per node terminal. */
export interface SandboxTransport {
  /** Whether frames can be sent now. */
  readonly isOpen: boolean;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** A way to reach sandboxes: names its session storage and opens connections. */
export interface TransportKind {
  /** 'websocket' (the server) or 'worker' (the in-browser simulator). */
  readonly name: 'websocket' | 'worker';
  /** localStorage key of the session id; each backend has its own sessions. */
  readonly sessionKey: string;
  connect(handlers: TransportHandlers): SandboxTransport;
}

/** The server's sandboxes over a WebSocket at `url`. */
export function webSocketTransport(url: string, sessionKey: string): TransportKind {
  return {
    name: 'websocket',
    sessionKey,
    connect(handlers) {
      const socket = new WebSocket(url);
      socket.binaryType = 'arraybuffer';
      socket.addEventListener('open', () => handlers.open());
      socket.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
        handlers.message(typeof event.data === 'string' ? event.data : new Uint8Array(event.data));
      });
      socket.addEventListener('close', (event) => handlers.close(event.code));
      return {
        get isOpen() {
          return socket.readyState === WebSocket.OPEN;
        },
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
      };
    },
  };
}
