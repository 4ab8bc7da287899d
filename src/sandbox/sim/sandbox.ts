/**
 * The simulator's Sandbox: one Simulation, one terminal (line discipline + login shell) per node,
 * hidden `sh -c` checks on a fast virtual clock, and replays of typed lines.
 *
 * A node's login shell starts when its terminal is first subscribed to or written to, so the
 * first prompt reaches whoever listens (the server keeps scrollback from there on). When the
 * login shell exits (`exit`, Ctrl-D), a new one starts, as a terminal emulator would reopen it,
 * unless `onLoginShellExit` is given (the local CLI then ends the process).
 */
import type { ExecOptions, ExecResult, Sandbox, TerminalStream } from '../driver.ts';
import { VirtualClock, type Clock } from './clock.ts';
import { BudgetClock, type Budget } from './shell/budget-clock.ts';
import { CapturedOutput } from './shell/captured-output.ts';
import { ScriptedTerminal, type TimedKey, type TypedLineRecord } from './shell/scripted-terminal.ts';
import { Shell } from './shell/shell.ts';
import type { LineResult, ShellTerminal } from './shell/terminal.ts';
import { LineDiscipline } from './tty/line-discipline.ts';
import type { Simulation } from './userland/program.ts';
import type { World } from './userland/machine.ts';
import type { SandboxState } from '../topology/state.ts';
import { simulationState } from './topology.ts';
import { requestPortWithCurl } from '../published-port-curl.ts';
import type { PortRequest, PortResult } from '../published-port.ts';
import { parseTerminalName } from '../terminal-name.ts';
import { isSandboxLocale, SANDBOX_FALLBACK_LOCALE, sandboxTranslator } from '../../i18n/sandbox-catalog.ts';

/** How to build a SimSandbox. */
export interface SimSandboxOptions {
  simulation: Simulation;
  /** Clock of the interactive terminals and replays; the simulation's by default. */
  clock?: Clock;
  /** Called when a node's login shell exits; without it a new login shell starts. */
  onLoginShellExit?: (node: string, status: number) => void;
}

/** Hidden checks that say nothing about time give up after this long. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
/** Per replayed line: an hour of simulated time, ten seconds of real time. */
export const REPLAY_BUDGET: Budget = { clockMs: 3_600_000, realMs: 10_000 };
/** After a timeout, how long an exec waits for the command to wind down before answering anyway. */
const EXEC_WIND_DOWN_MS = 500;

/** A simulated sandbox: the machines of one Simulation and their terminals. */
export class SimSandbox implements Sandbox {
  readonly nodes: readonly string[];
  private readonly simulation: Simulation;
  private readonly clock: Clock;
  private readonly onLoginShellExit: ((node: string, status: number) => void) | undefined;
  private readonly terminals = new Map<string, NodeTerminal>();
  private readonly execs = new Set<AbortController>();
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;
  /** The language of the learner's page: `explain`, `help` and the path in `state` speak it. */
  private locale = SANDBOX_FALLBACK_LOCALE;

  constructor(options: SimSandboxOptions) {
    this.simulation = options.simulation;
    this.nodes = options.simulation.nodes;
    this.clock = options.clock ?? options.simulation.clock;
    this.onLoginShellExit = options.onLoginShellExit;
  }

  terminal(name?: string): TerminalStream {
    const key = name ?? this.nodes[0] ?? 'node1';
    let terminal = this.terminals.get(key);
    if (!terminal) {
      // node/N: another terminal on the same node, its own line discipline and login shell.
      const { node } = parseTerminalName(key);
      terminal = new NodeTerminal(node, this.nodes.includes(node), (tty) => this.runLoginShells(node, tty));
      this.terminals.set(key, terminal);
      if (this.closed) terminal.close();
    }
    return terminal.stream;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const node = options.node ?? this.nodes[0] ?? 'node1';
    if (this.closed) return { exit: 1, output: 'sandbox is closed\n' };
    if (!this.nodes.includes(node)) return { exit: 1, output: `no node named "${node}" in this sandbox\n` };
    const timeoutMs = Math.max(1, options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
    const output = new CapturedOutput();
    const controller = new AbortController();
    let timedOut = false;
    const giveUp = () => {
      timedOut = true;
      controller.abort();
    };
    // Checks run on their own virtual clock: `ping -c 3` answers at once, with plausible times.
    const clock = new BudgetClock(new VirtualClock(this.clock.now()), { clockMs: timeoutMs, realMs: timeoutMs }, giveUp);
    const shell = new Shell({
      simulation: this.simulation,
      terminal: new CaptureTerminal(output),
      target: { node },
      clock,
      interactive: false,
      locale: () => this.locale,
    });
    this.execs.add(controller);
    // Real time only as a last resort: the check's own clock (above) ends anything that waits or
    // loops first, so this fires only for a model that hangs without ever touching its clock.
    const timer = setTimeout(giveUp, timeoutMs);
    let windDown: ReturnType<typeof setTimeout> | undefined;
    const stopped = new Promise<undefined>((resolve) => {
      controller.signal.addEventListener('abort', () => {
        windDown = setTimeout(() => resolve(undefined), EXEC_WIND_DOWN_MS);
      });
    });
    try {
      const status = await Promise.race([shell.runScript(command, controller.signal), stopped]);
      if (timedOut || status === undefined) return { exit: 124, output: output.text() };
      return { exit: status, output: output.text() };
    } catch (e) {
      return { exit: 1, output: `${output.text()}simulator error: ${e instanceof Error ? e.message : String(e)}\n` };
    } finally {
      clearTimeout(timer);
      if (windDown !== undefined) clearTimeout(windDown);
      this.execs.delete(controller);
    }
  }

  /**
   * Type `lines` one by one at the prompt of a fresh login shell on `node`, into whatever shell is
   * in front, and report what each showed. Resolves when all lines ran.
   */
  async replay(
    lines: readonly string[],
    onRecord: (record: TypedLineRecord) => void,
    options: { node?: string; budget?: Budget; keys?: ReadonlyMap<number, readonly TimedKey[]> } = {},
  ): Promise<void> {
    const node = options.node ?? this.nodes[0] ?? 'node1';
    const budget = options.budget ?? REPLAY_BUDGET;
    let interrupt = (): void => undefined;
    const clock = new BudgetClock(this.clock, budget, () => interrupt());
    // Loops spend clock time (the interpreter's loop slices), so the budget clock ends them; real
    // time is the last resort for a model that hangs without touching its clock: past the
    // budget, Ctrl-C is pressed again and again until the line gives up.
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let repeat: ReturnType<typeof setInterval> | undefined;
    const disarm = () => {
      clearTimeout(deadline);
      clearInterval(repeat);
    };
    const onLine = () => {
      clock.restart();
      disarm();
      deadline = setTimeout(() => {
        interrupt();
        repeat = setInterval(interrupt, 100);
      }, budget.realMs);
    };
    const terminal = new ScriptedTerminal(lines, { onRecord, onLine, ...(options.keys ? { keys: { clock, byLine: options.keys } } : {}) });
    interrupt = () => terminal.interrupt();
    let status = 0;
    try {
      while (terminal.remaining() > 0 && !this.closed) {
        const shell = new Shell({ simulation: this.simulation, terminal, target: { node }, clock, interactive: true, status, locale: () => this.locale });
        status = await shell.interact();
      }
      terminal.flush(status);
    } finally {
      disarm();
    }
  }

  /** The model's topology and the last packet's path (Sandbox.state, for the topology panel). */
  async state(): Promise<SandboxState | undefined> {
    const world = (this.simulation as Simulation & { world?: World }).world;
    return world && !this.closed ? simulationState(world, sandboxTranslator(this.locale)) : undefined;
  }

  /** One HTTP request to a published port: curl on the node, through the model (published-port-curl.ts). */
  requestPort(request: PortRequest): Promise<PortResult> {
    return requestPortWithCurl(this, request);
  }

  /** Speak `locale` from now on, in every shell of this sandbox (one it does not know: English). */
  setLocale(locale: string): void {
    this.locale = isSandboxLocale(locale) ? locale : SANDBOX_FALLBACK_LOCALE;
  }

  /** Run `listener` once when the sandbox closes. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const terminal of this.terminals.values()) terminal.close();
    for (const controller of this.execs) controller.abort();
    for (const listener of this.closeListeners.splice(0)) {
      try {
        listener();
      } catch {
        // Closing goes on for the others.
      }
    }
  }

  private async runLoginShells(node: string, tty: LineDiscipline): Promise<void> {
    let status = 0;
    while (!this.closed) {
      const shell = new Shell({ simulation: this.simulation, terminal: tty, target: { node }, clock: this.clock, interactive: true, status, locale: () => this.locale });
      status = await shell.interact();
      if (this.closed) return;
      if (this.onLoginShellExit) {
        this.onLoginShellExit(node, status);
        return;
      }
    }
  }
}

/** A node's terminal: the line discipline, started lazily, behind the TerminalStream contract. */
class NodeTerminal {
  readonly stream: TerminalStream;
  private readonly tty = new LineDiscipline();
  private started = false;
  private readonly start: () => void;

  constructor(node: string, exists: boolean, run: (tty: LineDiscipline) => Promise<void>) {
    this.start = () => {
      if (this.started) return;
      this.started = true;
      if (!exists) {
        this.tty.print(`vethlab: there is no node named "${node}" in this sandbox\n`);
        return;
      }
      run(this.tty).catch((e: unknown) => {
        this.tty.print(`\nvethlab: the simulated shell stopped: ${e instanceof Error ? e.message : String(e)}\n`);
      });
    };
    this.stream = {
      write: (bytes) => {
        this.start();
        this.tty.input(bytes);
      },
      onData: (listener) => {
        const unsubscribe = this.tty.onOutput(listener);
        this.start();
        return unsubscribe;
      },
      resize: (cols, rows) => this.tty.resize(cols, rows),
    };
  }

  close(): void {
    this.tty.close();
  }
}

/** The terminal of a hidden check: output is captured, nothing is ever read. */
class CaptureTerminal implements ShellTerminal {
  private readonly output: CapturedOutput;

  constructor(output: CapturedOutput) {
    this.output = output;
  }

  readLine(): Promise<LineResult> {
    return Promise.resolve({ kind: 'closed' });
  }

  print(text: string): void {
    this.output.append(text);
  }

  columns(): number {
    return 80;
  }

  foreground(): () => void {
    return () => undefined;
  }
}
