/**
 * Test helper: run one command line against a Simulation through `lookup`, with a tiny fake
 * ProgramContext, and collect stdout, stderr and the exit status.
 */
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation, type SimulationHandle } from '../../../src/sandbox/sim/simulation.ts';
import { NotATerminalError, type ExecTarget, type ProgramContext } from '../../../src/sandbox/sim/userland/program.ts';

/** What a command produced. */
export interface RunResult {
  out: string;
  err: string;
  code: number;
}

/** Options for one run. */
export interface RunOptions {
  target?: ExecTarget;
  stdin?: string;
  interactive?: boolean;
  /** What `docker run -it` / `docker exec -it` see as the nested shell's exit status. */
  enterShell?: (target: ExecTarget, shellPath: string) => Promise<number>;
  signal?: AbortSignal;
}

/** A fresh deterministic simulation on a virtual clock. */
export function newSim(seed = 42): SimulationHandle {
  return createSimulation({ clock: new VirtualClock(), random: seededRandom(seed) });
}

/** A fresh deterministic sandbox whose exec runs whole shell lines (pipes, `;`, `$(...)`). */
export function newSandbox(seed = 42): SimSandbox {
  return new SimSandbox({ simulation: newSim(seed) });
}

/** Split a command line into words (single and double quotes, no expansion). */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Run `line` (a string or argv) on `opts.target` (node1's host by default). */
export async function run(sim: SimulationHandle, line: string | string[], opts: RunOptions = {}): Promise<RunResult> {
  const argv = typeof line === 'string' ? words(line) : line;
  const target = opts.target ?? { node: 'node1' };
  const program = sim.lookup(target, argv[0] ?? '');
  if (!program) return { out: '', err: `${argv[0]}: command not found\n`, code: 127 };
  let out = '';
  let err = '';
  const ctx: ProgramContext = {
    argv,
    io: { stdin: opts.stdin ?? '', stdout: (t) => void (out += t), stderr: (t) => void (err += t) },
    target,
    signal: opts.signal ?? new AbortController().signal,
    clock: sim.clock,
    interactive: opts.interactive ?? false,
    env: {},
    session: {
      enterShell: opts.enterShell ?? (() => Promise.reject(new NotATerminalError('not interactive'))),
      history: () => [],
      columns: () => 80,
      locale: () => 'en',
    },
  };
  const code = await program(ctx);
  return { out, err, code };
}

/** The target of a container by name or id. */
export function inContainer(sim: SimulationHandle, ref: string): ExecTarget {
  const node = sim.world.nodes.get('node1')!;
  const c = node.daemon.containers.find((x) => x.name === ref || x.id.startsWith(ref));
  if (!c) throw new Error(`no container ${ref}`);
  return { node: 'node1', container: c.id };
}
