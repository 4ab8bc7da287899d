/**
 * Entry point of the sandbox Web Worker (bundled by Vite through worker-transport.ts, fetched only
 * when a terminal first connects in browser mode): the simulator, the session layer and the saved
 * sandboxes, answering the same protocol the server's WebSocket speaks. The programs' code comes in
 * a second chunk, fetched once the first prompt is out (lazy-program-source.ts, input-hold.ts).
 */
import { createBrowserDriver } from './browser-driver.ts';
import { WorkerHost } from './host.ts';
import { InputHold } from './input-hold.ts';
import type { PageMessage, WorkerMessage } from './messages.ts';
import { IdbStore, MemoryStore, type SandboxStore } from './store.ts';
import { loadPrograms, programsLoaded } from '../sim/userland/program-source.ts';

const scope = globalThis as unknown as {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageMessage>) => void): void;
};

const store: SandboxStore = typeof indexedDB === 'undefined' ? new MemoryStore() : new IdbStore();
const reportLoadError = (error: unknown) => console.error('vethlab: the simulator programs did not load', error);
let programsRequested = false;
const host = new WorkerHost({
  driver: createBrowserDriver({ store }),
  post: (message) => {
    // Output bytes are copied into a fresh buffer and handed over without a second copy.
    if (message.op === 'bin') {
      const data = message.data.slice();
      scope.postMessage({ ...message, data }, [data.buffer]);
      // The first output (the first prompt) is out: now fetch the programs.
      if (!programsRequested) {
        programsRequested = true;
        loadPrograms().catch(reportLoadError);
      }
    } else {
      scope.postMessage(message);
    }
  },
});
const hold = new InputHold({ loaded: programsLoaded, load: loadPrograms, deliver: (message) => host.receive(message), onLoadError: reportLoadError });

scope.addEventListener('message', (event) => hold.receive(event.data));
