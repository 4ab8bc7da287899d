/**
 * Entry point of the sandbox Web Worker (bundled by Vite through worker-transport.ts, fetched only
 * when a terminal first connects in browser mode): the simulator, the session layer and the saved
 * sandboxes, answering the same protocol the server's WebSocket speaks.
 */
import { createBrowserDriver } from './browser-driver.ts';
import { WorkerHost } from './host.ts';
import type { PageMessage, WorkerMessage } from './messages.ts';
import { IdbStore, MemoryStore, type SandboxStore } from './store.ts';

const scope = globalThis as unknown as {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageMessage>) => void): void;
};

const store: SandboxStore = typeof indexedDB === 'undefined' ? new MemoryStore() : new IdbStore();
const host = new WorkerHost({
  driver: createBrowserDriver({ store }),
  post: (message) => {
    // Output bytes are copied into a fresh buffer and handed over without a second copy.
    if (message.op === 'bin') {
      const data = message.data.slice();
      scope.postMessage({ ...message, data }, [data.buffer]);
    } else {
      scope.postMessage(message);
    }
  },
});

scope.addEventListener('message', (event) => host.receive(event.data));
