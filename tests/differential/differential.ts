/**
 * The differential harness: one replay file on the simulator and on the Docker driver, both
 * transcripts normalised (tests/fidelity/normalise.ts, plus normaliseSandboxHost for what differs
 * legitimately between the Docker driver's sandbox host and a learner's VM) and compared command by
 * command. Used by differential.test.ts (docker project) and the CLI in report.ts.
 */
import type { Driver, Sandbox } from '../../src/sandbox/driver.ts';
import { replaySegments } from '../../src/cli/arguments.ts';
import { replayOnTerminals } from '../../src/cli/driver-replay.ts';
import { REPLAY_SEED } from '../../src/cli/main.ts';
import { withSetup } from '../../src/sandbox/setup.ts';
import { createSimSandbox } from '../../src/sandbox/sim/driver.ts';
import { normaliseSandboxHost, normaliseScenario } from '../fidelity/normalise.ts';
import type { Recorded } from '../fidelity/scenario.ts';
import { recordedScenarios, recording } from '../fidelity/compare.ts';
import { attachBackgroundCaptures } from './background-captures.ts';
import type { DifferentialInput } from './inputs.ts';

/** Both drivers' transcripts of one input. */
export interface DriverRun {
  input: DifferentialInput;
  sim: Recorded[];
  docker: Recorded[];
  /** Why the Docker side did not finish (no sandbox, no prompt); its records stop there. */
  dockerError?: string;
  dockerMs: number;
}

/** One command whose normalised output or exit code differs between the drivers. */
export interface DriverDivergence {
  input: string;
  index: number;
  cmd: string;
  sim?: { output: string; exit: number };
  docker?: { output: string; exit: number };
  /** For a fidelity scenario: which driver prints what the real engine's recording has. */
  recording?: 'matches-docker' | 'matches-sim' | 'matches-neither';
}

/** The simulator's transcript of `input`: exactly `npm run -s sandbox -- replay FILE` (virtual clock, fixed seed). */
export async function replayOnSim(input: DifferentialInput): Promise<Recorded[]> {
  const sandbox = await withSetup(createSimSandbox({ clock: 'virtual', seed: REPLAY_SEED, ...(input.profile !== undefined ? { profile: input.profile } : {}) }), input.setup);
  const records: Recorded[] = [];
  try {
    for (const segment of replaySegments(input.text)) {
      await sandbox.replay(segment.lines, (r) => records.push({ cmd: r.cmd, output: r.output, exit: r.exit }), {
        ...(segment.node !== undefined ? { node: segment.node } : {}),
        ...(segment.keys ? { keys: segment.keys } : {}),
      });
    }
  } finally {
    await sandbox.close();
  }
  return records;
}

/** `input` typed into a fresh sandbox of `driver` (`replay --driver docker`). */
export async function replayOnDriver(driver: Driver, input: DifferentialInput): Promise<{ records: Recorded[]; error?: string }> {
  const records: Recorded[] = [];
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await driver.create({ ...(input.profile !== undefined ? { profile: input.profile } : {}), ...(input.setup !== undefined ? { setup: input.setup } : {}) });
    await replayOnTerminals(sandbox, replaySegments(input.text), (r) => records.push(r));
    return { records };
  } catch (error) {
    return { records, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await sandbox?.close();
  }
}

/** Run both drivers on `input`. */
export async function runBoth(driver: Driver, input: DifferentialInput): Promise<DriverRun> {
  const started = Date.now();
  const docker = await replayOnDriver(driver, input);
  const dockerMs = Date.now() - started;
  const sim = await replayOnSim(input);
  return { input, sim, docker: docker.records, dockerMs, ...(docker.error !== undefined ? { dockerError: docker.error } : {}) };
}

/** Run `inputs` with up to `jobs` Docker sandboxes at once; `onRun` hears of each as it finishes. */
export async function runAll(driver: Driver, inputs: readonly DifferentialInput[], jobs: number, onRun: (run: DriverRun) => void = () => undefined): Promise<DriverRun[]> {
  const runs: DriverRun[] = new Array<DriverRun>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      const run = await runBoth(driver, inputs[i]!);
      runs[i] = run;
      onRun(run);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return runs;
}

/** Both sides in the comparison's normal form (a background capture's lines with the line that started it). */
export function normaliseDriverRun(records: readonly Recorded[]): Recorded[] {
  return normaliseScenario(normaliseSandboxHost(attachBackgroundCaptures(records)));
}

/** The real engine's recording of a `fidelity/<scenario>` input, if it has one. */
function recordingOf(input: DifferentialInput): Recorded[] | undefined {
  const scenario = /^fidelity\/(.+)$/.exec(input.name)?.[1];
  return scenario !== undefined && recordedScenarios().includes(scenario) ? recording(scenario) : undefined;
}

/**
 * Every command of `run` whose normalised output or exit differs between the drivers; for a
 * fidelity scenario each says which side the real engine's recording agrees with.
 */
export function compareRun(run: DriverRun): DriverDivergence[] {
  const a = normaliseDriverRun(run.sim);
  const b = normaliseDriverRun(run.docker);
  const realRecords = recordingOf(run.input);
  const real = realRecords ? normaliseDriverRun(realRecords) : undefined;
  const same = (x: Recorded | undefined, y: Recorded | undefined) => x !== undefined && y !== undefined && x.output === y.output && x.exit === y.exit;
  const out: DriverDivergence[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && x.output === y.output && x.exit === y.exit && x.cmd === y.cmd) continue;
    out.push({
      input: run.input.name,
      index: i,
      cmd: x?.cmd ?? y?.cmd ?? '',
      ...(x !== undefined ? { sim: { output: x.output, exit: x.exit } } : {}),
      ...(y !== undefined ? { docker: { output: y.output, exit: y.exit } } : {}),
      ...(real ? { recording: same(real[i], y) ? 'matches-docker' : same(real[i], x) ? 'matches-sim' : 'matches-neither' } : {}),
    });
  }
  return out;
}

/** A readable account of one divergence: the exit codes and a line diff, `-` simulator, `+` Docker driver. */
export function describeDriverDivergence(d: DriverDivergence): string {
  if (d.sim === undefined || d.docker === undefined) {
    const ran = d.sim ?? d.docker!;
    return `[${d.input} #${d.index}] $ ${d.cmd}\n  only the ${d.sim ? 'simulator' : 'Docker driver'} ran it (exit ${ran.exit})\n`;
  }
  const real =
    d.recording === undefined
      ? ''
      : `  the real engine's recording ${{ 'matches-docker': 'agrees with the Docker driver', 'matches-sim': 'agrees with the simulator', 'matches-neither': 'agrees with neither' }[d.recording]}\n`;
  const exits = d.sim.exit === d.docker.exit ? `exit ${d.sim.exit} on both` : `exit ${d.sim.exit} (simulator) vs ${d.docker.exit} (Docker driver)`;
  return `[${d.input} #${d.index}] $ ${d.cmd}\n${real}  ${exits}\n${lineDiff(d.sim.output, d.docker.output)
    .map((l) => `    ${l}\n`)
    .join('')}`;
}

/** The lines of `a` and `b` with `-` (only in a), `+` (only in b) or ` ` (both), by longest common subsequence. */
export function lineDiff(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const table = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      table[i]![j] = x[i] === y[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push(`  ${x[i++]}`);
      j++;
    } else if (j < y.length && (i >= x.length || table[i]![j + 1]! >= table[i + 1]![j]!)) out.push(`+ ${y[j++]}`);
    else out.push(`- ${x[i++]}`);
  }
  return out;
}
