/**
 * The transport a SandboxConnection speaks over: a WebSocket on the server (src/server/ws-socket.ts),
 * the worker's message port in the browser (src/sandbox/worker/port-socket.ts). Text frames carry
 * control messages, binary frames carry terminal bytes, as in src/sandbox/protocol.ts.
 */

/** What the transport reports; the connection registers these once. */
export interface ConnectionSocketEvents {
  /** One whole frame from the client. */
  message(bytes: Uint8Array, isBinary: boolean): void;
  /** The transport is gone, whoever closed it. */
  close(): void;
  /** A transport-level fault (a protocol violation, a reset); the transport closes itself after it. */
  error(error: Error): void;
}

export interface ConnectionSocket {
  /** Whether frames sent now still go anywhere. */
  readonly isOpen: boolean;
  /** Bytes accepted but not yet written out (backpressure); 0 for a transport without a queue. */
  readonly bufferedAmount: number;
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  /** Close with a WebSocket close code and reason. */
  close(code: number, reason: string): void;
  /** Drop the transport without a closing handshake (a client that stopped reading). */
  terminate(): void;
  listen(events: ConnectionSocketEvents): void;
}
