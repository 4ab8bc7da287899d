/**
 * Entry point of the sandbox Web Worker (bundled by Vite through worker-transport.ts, fetched only
 * when a terminal first connects in browser mode): the simulator, the session layer and the saved
 * sandboxes, answering the same protocol the server's WebSocket speaks. The programs' code, dockerd's
 * start and the shell's parser and interpreter come in later chunks, fetched right after the first
 * prompt: a fresh sandbox's journal asks for them to start its daemons (journal.ts), the timer below
 * otherwise (lazy-program-source.ts, lazy-language-source.ts, input-hold.ts).
 */
import { createBrowserDriver } from './browser-driver.ts';
import { WorkerHost } from './host.ts';
import { InputHold } from './input-hold.ts';
import { mark, marksSinceHello, type MarksReply, type MarksRequest } from './boot-marks.ts';
import type { PageMessage, WorkerMessage } from './messages.ts';
import { IdbStore, MemoryStore, type SandboxStore } from './store.ts';
import { loadPrograms, programsLoaded } from '../sim/userland/program-source.ts';

const scope = globalThis as unknown as {
  postMessage(message: WorkerMessage | MarksReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageMessage | MarksRequest>) => void): void;
};

let helloMarked = false;
const store: SandboxStore = typeof indexedDB === 'undefined' ? new MemoryStore() : new IdbStore();
/**
 * How long after the first prompt the programs' code is fetched unless input asks for it sooner:
 * the page's own work (the terminal drawing its first screen, the topology) goes first.
 */
const PROGRAMS_AFTER_PROMPT_MS = 1000;
const reportLoadError = (error: unknown) => console.error('vethlab: the simulator programs did not load', error);
let programsRequested = false;
const host = new WorkerHost({
  driver: createBrowserDriver({ store }),
  post: (message) => {
    // Output bytes are copied into a fresh buffer and handed over without a second copy.
    if (message.op === 'bin') {
      if (!programsRequested) mark('prompt posted');
      const data = message.data.slice();
      scope.postMessage({ ...message, data }, [data.buffer]);
      // The first output (the first prompt) is out: fetch the programs soon (input held for them fetches them at once).
      if (!programsRequested) {
        programsRequested = true;
        setTimeout(() => loadPrograms().catch(reportLoadError), PROGRAMS_AFTER_PROMPT_MS);
      }
    } else {
      scope.postMessage(message);
    }
  },
});
const hold = new InputHold({ loaded: programsLoaded, load: loadPrograms, deliver: (message) => host.receive(message), onLoadError: reportLoadError });

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.op === 'marks') {
    scope.postMessage({ op: 'marks', marks: marksSinceHello() });
    return;
  }
  if (message.op === 'text' && !helloMarked) {
    helloMarked = true;
    mark('hello');
  }
  hold.receive(message);
});
