/**
 * The envelope between the page (worker-transport.ts) and the sandbox worker: several terminal
 * connections share one worker, each numbered by the page. Inside, `text` and `bin` carry exactly
 * the WebSocket frames of src/sandbox/protocol.ts.
 */

/** Page → worker. */
export type PageMessage = { c: number; op: 'open' } | { c: number; op: 'text'; data: string } | { c: number; op: 'bin'; data: Uint8Array } | { c: number; op: 'close'; code: number };

/** Worker → page. `code` follows WebSocket close codes. */
export type WorkerMessage = { c: number; op: 'open' } | { c: number; op: 'text'; data: string } | { c: number; op: 'bin'; data: Uint8Array } | { c: number; op: 'close'; code: number; reason: string };
