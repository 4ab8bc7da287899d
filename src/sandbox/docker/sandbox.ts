/** A learner's sandbox on the Docker driver: a group of sandbox hosts behind the Sandbox interface. */
import type { ExecOptions, ExecResult, Sandbox, TerminalStream } from '../driver.ts';
import type { HostGroup } from './host-group.ts';
import type { SandboxHost } from './sandbox-host.ts';
import { ExecTerminal } from './terminal.ts';
import { parseTerminalName, terminalName } from '../terminal-name.ts';
import type { SandboxState } from '../topology/state.ts';
import { dockerSandboxState } from './topology.ts';
import { requestPortWithCurl } from '../published-port-curl.ts';
import type { PortRequest, PortResult } from '../published-port.ts';

/** A check without its own timeout gets this long. */
const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

export class DockerSandbox implements Sandbox {
  readonly nodes: readonly string[];
  readonly group: HostGroup;
  /** Hard deadline, ms since the epoch. */
  readonly expiresAt: number;
  /** The session it serves, once known (a sandbox adopted at start-up learns it when its learner comes back). */
  sessionId: string | undefined;
  private readonly terminals = new Map<string, ExecTerminal>();
  private readonly onClose: (sandbox: DockerSandbox) => void;
  private lastActivityAt = Date.now();
  private closing: Promise<void> | undefined;

  /** Whether its hosts outlive this process (the driver keeps claims, keeper.ts); otherwise suspending closes it. */
  private readonly kept: boolean;

  constructor(group: HostGroup, expiresAt: number, onClose: (sandbox: DockerSandbox) => void, keep: { kept: boolean; sessionId?: string } = { kept: false }) {
    this.group = group;
    this.kept = keep.kept;
    this.sessionId = keep.sessionId;
    this.nodes = group.hosts.map((host) => host.node);
    this.expiresAt = expiresAt;
    this.onClose = onClose;
  }

  /** When a terminal last saw input or output, or a check ran. */
  get lastActivity(): number {
    return this.lastActivityAt;
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** A node's terminal; `node/N` (terminal-name.ts) is another login shell exec'd in the same sandbox host. */
  terminal(name?: string): TerminalStream {
    const parsed = parseTerminalName(name ?? this.nodes[0] ?? 'node1');
    const { name: node, host } = this.node(parsed.node);
    const key = terminalName(node, parsed.shell);
    let terminal = this.terminals.get(key);
    if (!terminal) {
      terminal = new ExecTerminal(host, () => this.touch());
      if (this.closing) terminal.close();
      this.terminals.set(key, terminal);
    }
    return terminal;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closing) return { exit: 255, output: 'sandbox is closed\n' };
    this.touch();
    const { host } = this.node(options.node);
    return host.exec(command, options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
  }

  /** The topology panel's state, from the engine's inspect data and `ip -j` (see topology.ts). */
  async state(): Promise<SandboxState | undefined> {
    if (this.closing) return undefined;
    return dockerSandboxState(this);
  }

  /**
   * A published port's page: curl in the node's sandbox host to its own published port
   * (published-port-curl.ts); the private network has no address on the machine, so the request
   * never leaves the sandbox host. The exec channel carries the answer as the bytes curl wrote.
   */
  requestPort(request: PortRequest): Promise<PortResult> {
    if (this.closing) return Promise.resolve({ ok: false, reason: 'closed', message: 'the sandbox is closed' });
    return requestPortWithCurl(this, request, async (command, options) => {
      this.touch();
      return this.node(options.node).host.execBytes(command, options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
    });
  }

  /** Whether `containerId` is one of this sandbox's hosts. */
  hasHost(containerId: string): boolean {
    return this.group.hosts.some((host) => host.id === containerId);
  }

  /** End the sandbox after one of its hosts stopped on its own; the terminals say so first. */
  hostDied(): Promise<void> {
    if (this.closing) return this.closing;
    for (const terminal of this.terminals.values()) {
      terminal.notice('the sandbox stopped (out of memory, or its main process ended); reset it to start a fresh one');
    }
    return this.close();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const terminal of this.terminals.values()) terminal.close();
      try {
        await this.group.remove();
      } finally {
        this.onClose(this);
      }
    })();
    return this.closing;
  }

  /**
   * Stop serving the sandbox here and keep its hosts running: the next process, or the replica its
   * learner reconnects to, adopts them (adoption.ts). Its shells end; what they started stays. A
   * sandbox that is not kept has nobody to adopt it, and is closed.
   */
  suspend(): Promise<void> {
    if (!this.kept) return this.close();
    this.closing ??= (async () => {
      for (const terminal of this.terminals.values()) terminal.close();
      this.onClose(this);
    })();
    return this.closing;
  }

  private touch(): void {
    this.lastActivityAt = Date.now();
  }

  /** The named node (the first when unnamed) and its sandbox host. */
  private node(node: string | undefined): { name: string; host: SandboxHost } {
    const name = node ?? this.nodes[0];
    const host = name !== undefined && this.nodes.includes(name) ? this.group.host(name) : undefined;
    if (name === undefined || !host) throw new Error(`no node "${name}" in this sandbox (nodes: ${this.nodes.join(', ')})`);
    return { name, host };
  }
}
