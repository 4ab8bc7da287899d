/**
 * The in-browser simulator as a transport: the sandbox runs in a Web Worker
 * (src/sandbox/worker/sandbox-worker.ts) that speaks the WebSocket's protocol over postMessage. One
 * worker per page, created by the first connection (so the simulator bundle is fetched only when a
 * terminal loads), shared by every node terminal, so they all see one simulated world.
 */
import type { PageMessage, WorkerMessage } from '../../sandbox/worker/messages.ts';
import type { SandboxTransport, TransportHandlers, TransportKind } from './transport.ts';
import type { SetupStep } from '../../sandbox/setup.ts';

/** localStorage key of the in-browser session id (the server's sessions use another key). */
export const BROWSER_SESSION_KEY = 'vethlab.browser-session';

/** Abnormal closure, as a WebSocket reports a connection that died. */
const ABNORMAL = 1006;

let worker: Worker | undefined;
let serial = 0;
/** Broken labs' setups this page knows (its lesson's), told to every worker it starts. */
const labs = new Map<string, SetupStep[]>();
const connections = new Map<number, TransportHandlers>();

/** When the worker was created (performance.now()), for the time-to-first-prompt measurement. */
export let workerStartedAt: number | undefined;

function sandboxWorker(): Worker {
  if (worker) return worker;
  workerStartedAt = performance.now();
  const created = new Worker(new URL('../../sandbox/worker/sandbox-worker.ts', import.meta.url), { type: 'module', name: 'vethlab-sandbox' });
  created.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    const handlers = connections.get(message.c);
    if (!handlers) return;
    switch (message.op) {
      case 'open':
        handlers.open();
        return;
      case 'text':
        handlers.message(message.data);
        return;
      case 'bin':
        handlers.message(message.data);
        return;
      case 'close':
        connections.delete(message.c);
        handlers.close(message.code);
        return;
    }
  });
  // The worker failed to load or crashed: every connection dies; clients reconnect with a new worker.
  created.addEventListener('error', (event) => {
    event.preventDefault();
    console.error('vethlab: the sandbox worker failed', event.message);
    if (worker === created) worker = undefined;
    created.terminate();
    const all = [...connections.values()];
    connections.clear();
    for (const handlers of all) handlers.close(ABNORMAL);
  });
  worker = created;
  for (const [slug, setup] of labs) created.postMessage({ op: 'lab', slug, setup } satisfies PageMessage);
  return created;
}

/**
 * The lesson on this page is broken lab `slug` with this setup: the in-browser simulator runs it on the
 * lab's fresh sandbox. Does not start the worker (the first connection does).
 */
export function registerLab(slug: string, setup: SetupStep[]): void {
  labs.set(slug, setup);
  worker?.postMessage({ op: 'lab', slug, setup } satisfies PageMessage);
}

/** Create the page's worker now (it is otherwise created by the first connection). */
export function startSandboxWorker(): void {
  sandboxWorker();
}

function post(message: PageMessage, transfer: Transferable[] = []): void {
  sandboxWorker().postMessage(message, transfer);
}

/** The in-browser simulator; see the module comment. */
export const workerTransport: TransportKind = {
  name: 'worker',
  sessionKey: BROWSER_SESSION_KEY,
  connect(handlers): SandboxTransport {
    const c = ++serial;
    let open = false;
    connections.set(c, {
      open: () => {
        open = true;
        handlers.open();
      },
      message: (data) => handlers.message(data),
      close: (code) => {
        open = false;
        handlers.close(code);
      },
    });
    post({ c, op: 'open' });
    return {
      get isOpen() {
        return open && connections.has(c);
      },
      send(data) {
        if (!open) return;
        if (typeof data === 'string') {
          post({ c, op: 'text', data });
        } else {
          const copy = data.slice();
          post({ c, op: 'bin', data: copy }, [copy.buffer]);
        }
      },
      close(code = 1000) {
        if (!connections.delete(c)) return;
        open = false;
        post({ c, op: 'close', code });
      },
    };
  },
};
