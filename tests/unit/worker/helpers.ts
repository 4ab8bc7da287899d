/** A page's side of the sandbox worker, in process: connections to a WorkerHost over its envelope. */
import { PROTOCOL_VERSION, type ClientControl, type ServerControl } from '../../../src/sandbox/protocol.ts';
import { createBrowserDriver } from '../../../src/sandbox/worker/browser-driver.ts';
import { WorkerHost } from '../../../src/sandbox/worker/host.ts';
import type { PageMessage, WorkerMessage } from '../../../src/sandbox/worker/messages.ts';
import { InputHold } from '../../../src/sandbox/worker/input-hold.ts';
import { loadPrograms, programsLoaded } from '../../../src/sandbox/sim/userland/program-source.ts';
import type { SavedSandbox } from '../../../src/sandbox/worker/journal.ts';
import { MemoryStore, type SandboxStore } from '../../../src/sandbox/worker/store.ts';
import { until } from '../../support/until.ts';

export interface PageConnection {
  readonly c: number;
  text(): string;
  controls: ServerControl[];
  closed: number | undefined;
  send(message: ClientControl): void;
  type(keys: string): void;
  close(): void;
}

export interface TestPage {
  host: WorkerHost;
  driver: ReturnType<typeof createBrowserDriver>;
  connect(node?: string, session?: string, profile?: string): PageConnection;
}

/**
 * A "page load": a fresh worker (host + driver) over `store`. `hold`: the page's messages go through
 * the worker's InputHold, as in sandbox-worker.ts (which matters where program-source.ts is mocked
 * with the worker's lazy one).
 */
export function loadPage(store: SandboxStore, seed = 1234, { hold = false } = {}): TestPage {
  const connections = new Map<number, { onMessage(m: WorkerMessage): void }>();
  const driver = createBrowserDriver({ store, saveDelayMs: 10, newSeed: () => seed, onError: (e) => console.error(e) });
  const host = new WorkerHost({
    driver,
    post: (message) => queueMicrotask(() => connections.get(message.c)?.onMessage(structuredClone(message))),
  });
  const held = new InputHold({ loaded: programsLoaded, load: loadPrograms, deliver: (message) => host.receive(message) });
  const receive = (message: PageMessage) => (hold ? held.receive(message) : host.receive(message));
  let serial = 0;
  const decoder = new TextDecoder();
  return {
    host,
    driver,
    connect(node = 'node1', session, profile) {
      const c = ++serial;
      let output = '';
      const connection: PageConnection = {
        c,
        text: () => output,
        controls: [],
        closed: undefined,
        send: (message) => receive({ c, op: 'text', data: JSON.stringify(message) }),
        type: (keys) => receive({ c, op: 'bin', data: new TextEncoder().encode(keys) }),
        close: () => receive({ c, op: 'close', code: 1000 }),
      };
      connections.set(c, {
        onMessage(message) {
          if (message.op === 'open') {
            connection.send({ type: 'hello', version: PROTOCOL_VERSION, node, cols: 100, rows: 30, ...(session ? { session } : {}), ...(profile ? { profile } : {}) });
          } else if (message.op === 'text') {
            const control = JSON.parse(message.data) as ServerControl;
            if (control.type === 'ready') output = '';
            connection.controls.push(control);
          } else if (message.op === 'bin') {
            output += decoder.decode(message.data, { stream: true });
          } else {
            connection.closed = message.code;
          }
        },
      });
      receive({ c, op: 'open' });
      return connection;
    },
  };
}

/** Wait until `predicate` holds (real time). */
export { until };

/** The prompt is back after `count` prompts in total. */
export function prompts(text: string): number {
  return (text.match(/[#$] $/gm) ?? []).length;
}

/** Type a command line and wait until the prompt returns. */
export async function run(connection: PageConnection, line: string, timeoutMs = 5000): Promise<string> {
  const before = connection.text().length;
  connection.type(`${line}\r`);
  await until(() => /[#$] $/.test(connection.text().slice(before + line.length)), timeoutMs, `prompt after ${line}`);
  return connection.text().slice(before);
}

/** The `ready` messages a connection received. */
export function readies(connection: PageConnection): Extract<ServerControl, { type: 'ready' }>[] {
  return connection.controls.filter((m): m is Extract<ServerControl, { type: 'ready' }> => m.type === 'ready');
}

/** Type `lines` into a fresh in-browser sandbox (a worker, in process) and return what it saved. */
export async function journalOf(lines: readonly string[], seed = 77): Promise<SavedSandbox> {
  const store = new MemoryStore();
  const page = loadPage(store, seed);
  const terminal = page.connect();
  await until(() => terminal.controls.some((c) => c.type === 'ready'));
  for (const line of lines) await run(terminal, line);
  // Saves are debounced: wait for the one that holds every typed line (one input frame per line).
  await until(() => (store.records.get('')?.events.filter((event) => event.k === 'in').length ?? 0) >= lines.length);
  const saved = store.records.get('')!;
  await page.host.close();
  return saved;
}
