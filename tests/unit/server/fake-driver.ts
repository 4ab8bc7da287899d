/** A tiny Driver for server tests: each node's terminal echoes input and answers Enter with a prompt. */
import type { Driver, ExecOptions, ExecResult, Sandbox, SandboxOptions, TerminalStream } from '../../../src/sandbox/driver.ts';

const encoder = new TextEncoder();

/** A terminal that echoes what it gets and prints `$ ` after each Enter, like a shell at rest. */
export class FakeTerminal implements TerminalStream {
  readonly received: Uint8Array[] = [];
  size = { cols: 0, rows: 0 };
  private listeners = new Set<(bytes: Uint8Array) => void>();

  readonly node: string;

  constructor(node: string) {
    this.node = node;
  }

  write(bytes: Uint8Array): void {
    this.received.push(bytes.slice());
    const echo = bytes.filter((b) => b !== 0x0d);
    if (echo.length > 0) this.emit(echo);
    if (bytes.includes(0x0d)) this.emit(encoder.encode(`\r\n${this.node}$ `));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }

  /** Output produced by the "shell" on its own (a prompt, a ping line). */
  emit(bytes: Uint8Array | string): void {
    const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
    for (const listener of this.listeners) listener(data);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export class FakeSandbox implements Sandbox {
  readonly terminals = new Map<string, FakeTerminal>();
  closed = false;
  readonly execs: { command: string; options?: ExecOptions }[] = [];

  readonly nodes: readonly string[];
  readonly serial: number;
  readonly profile: string | undefined;

  constructor(nodes: readonly string[], serial: number, profile?: string) {
    this.nodes = nodes;
    this.serial = serial;
    this.profile = profile;
  }

  terminal(node = this.nodes[0]!): TerminalStream {
    if (!this.nodes.includes(node)) throw new Error(`no node ${node}`);
    let terminal = this.terminals.get(node);
    if (!terminal) {
      terminal = new FakeTerminal(node);
      this.terminals.set(node, terminal);
      const t = terminal;
      // Like a login shell: the first prompt comes right after the terminal opens.
      queueMicrotask(() => t.emit(`${node}$ `));
    }
    return terminal;
  }

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.execs.push({ command, ...(options ? { options } : {}) });
    if (command === 'fail') throw new Error('driver exploded');
    return { exit: command === 'false' ? 1 : 0, output: `sandbox ${this.serial} ran ${command} on ${options?.node}\n` };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Creates FakeSandboxes; `gate` lets a test hold creation open. */
export class FakeDriver implements Driver {
  readonly name = 'fake';
  readonly sandboxes: FakeSandbox[] = [];
  closed = false;
  failNext = false;
  gate: Promise<void> | undefined;

  readonly nodes: readonly string[];

  constructor(nodes: readonly string[] = ['node1']) {
    this.nodes = nodes;
  }

  async create(options: SandboxOptions = {}): Promise<Sandbox> {
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('no room at the inn');
    }
    const sandbox = new FakeSandbox(this.nodes, this.sandboxes.length + 1, options.profile);
    this.sandboxes.push(sandbox);
    return sandbox;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
