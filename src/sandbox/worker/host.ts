/**
 * The browser's session layer, hosted in the sandbox worker: the server's own SessionRegistry and
 * SandboxConnection (the protocol state machine of /ws/sandbox) over the in-browser driver, with
 * each page connection behind a PortSocket. So the worker answers hello/ready/resize/
 * reset/exec/exit/error exactly as the server does, scrollback replay included.
 */
import { SandboxConnection } from '../connection/sandbox-connection.ts';
import type { Driver } from '../driver.ts';
import type { Logger } from '../logger.ts';
import { SessionRegistry } from '../sessions.ts';
import type { PageMessage, WorkerMessage } from './messages.ts';
import { PortSocket } from './port-socket.ts';
import type { SetupStep } from '../setup.ts';

/** One learner, one browser: sandboxes never expire on their own (Reset ends them). */
const YEAR_MS = 365 * 24 * 60 * 60_000;
/** Profiles open at once in one page is small; this only bounds a runaway page. */
const MAX_SESSIONS = 16;

const encoder = new TextEncoder();

export interface WorkerHostOptions {
  driver: Driver;
  post(message: WorkerMessage): void;
  log?: Logger;
}

/** The worker's connections and sessions. */
export class WorkerHost {
  readonly registry: SessionRegistry;
  private readonly sockets = new Map<number, PortSocket>();
  private readonly post: (message: WorkerMessage) => void;
  private readonly log: Logger;
  /** Broken labs' setups the page told us about, by lesson slug. */
  private readonly labs = new Map<string, SetupStep[]>();

  constructor(options: WorkerHostOptions) {
    this.post = options.post;
    this.log = options.log ?? consoleLog;
    this.registry = new SessionRegistry({
      driver: options.driver,
      ttlMs: YEAR_MS,
      idleMs: YEAR_MS,
      maxSessions: MAX_SESSIONS,
      labSetups: (slug) => this.labs.get(slug),
      onError: (error, context) => this.log.error(`${context}: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** One message from the page. */
  receive(message: PageMessage): void {
    switch (message.op) {
      case 'lab':
        this.labs.set(message.slug, message.setup);
        return;
      case 'open': {
        if (this.sockets.has(message.c)) return;
        const socket = new PortSocket(message.c, this.post, () => this.sockets.delete(message.c));
        this.sockets.set(message.c, socket);
        new SandboxConnection(socket, this.registry, this.log);
        this.post({ c: message.c, op: 'open' });
        return;
      }
      case 'text':
        this.sockets.get(message.c)?.receive(encoder.encode(message.data), false);
        return;
      case 'bin':
        this.sockets.get(message.c)?.receive(message.data, true);
        return;
      case 'close':
        this.sockets.get(message.c)?.closedByPage();
        return;
    }
  }

  /** Connections open now (tests). */
  get connections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    await this.registry.close('closed');
  }
}

const consoleLog: Logger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (message) => console.warn(`vethlab worker: ${message}`),
  error: (message) => console.error(`vethlab worker: ${message}`),
};
