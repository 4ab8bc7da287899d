/**
 * The envelope between the page (worker-transport.ts) and the sandbox worker: several terminal
 * connections share one worker, each numbered by the page. Inside, `text` and `bin` carry exactly
 * the WebSocket frames of src/sandbox/protocol.ts.
 */
import type { SetupStep } from '../setup.ts';

/**
 * Page → worker. `lab` tells the worker a broken lab's setup (the page has it from the lesson's
 * frontmatter; the server reads its own from the lesson files), before any terminal asks for the lab.
 */
export type PageMessage =
  | { op: 'lab'; slug: string; setup: SetupStep[] }
  | { c: number; op: 'open' }
  | { c: number; op: 'text'; data: string }
  | { c: number; op: 'bin'; data: Uint8Array }
  | { c: number; op: 'close'; code: number };

/** Worker → page. `code` follows WebSocket close codes. */
export type WorkerMessage = { c: number; op: 'open' } | { c: number; op: 'text'; data: string } | { c: number; op: 'bin'; data: Uint8Array } | { c: number; op: 'close'; code: number; reason: string };
