/**
 * Running lesson commands in the simulator for the lesson tests: typed at a prompt like the replay
 * CLI (`npm run -s sandbox -- replay FILE`), and checks run hidden like the terminal's `exec`.
 */
import { createSimSandbox } from '../../src/sandbox/sim/driver.ts';
import type { SimSandbox } from '../../src/sandbox/sim/sandbox.ts';
import { withSetup, type SetupStep } from '../../src/sandbox/setup.ts';
import { checkFailure } from '../../src/components/exercise/verdict.ts';
import type { Exercise, ExerciseCheck } from '../../src/schemas/lesson.ts';

/** What one typed line showed. */
export interface TypedLine {
  cmd: string;
  node: string;
  output: string;
  exit: number;
}

/**
 * Output that means a command is unknown or failed where the lesson does not expect it: shells
 * (`bash: x: command not found`, busybox `sh: x: not found`), the docker CLI and the daemon.
 */
export const ERROR_PATTERNS: readonly RegExp[] = [
  /command not found/,
  /(^|\n)[^\n]*: not found/,
  /unknown flag/,
  /unknown shorthand flag/,
  /is not a docker command/,
  /Error response from daemon/,
  /No such/,
  /simulator error/,
  /the simulated shell stopped/,
];

/** The first error pattern `output` shows, or undefined. */
export function unexpectedError(output: string): string | undefined {
  return ERROR_PATTERNS.find((pattern) => pattern.test(output))?.source;
}

/**
 * A fresh simulated sandbox of the lesson's profile on a virtual clock (ping and sleep answer at
 * once), with a broken lab's setup already run (it throws when a setup step fails): the lesson and
 * its exercises start where the learner starts.
 */
export async function freshSandbox(spec: { profile?: string | undefined; setup?: readonly SetupStep[] | undefined }): Promise<SimSandbox> {
  return withSetup(createSimSandbox({ clock: 'virtual', ...(spec.profile !== undefined ? { profile: spec.profile } : {}) }), spec.setup);
}

/**
 * Type `lines` at the prompt in order. Consecutive lines for one node go through one login shell,
 * so `docker run -it busybox sh` followed by `ip addr` runs `ip addr` in the container.
 */
export async function typeLines(sandbox: SimSandbox, lines: readonly { cmd: string; node: string }[]): Promise<TypedLine[]> {
  const records: TypedLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const node = lines[i]!.node;
    let end = i;
    while (end < lines.length && lines[end]!.node === node) end++;
    await sandbox.replay(
      lines.slice(i, end).map((line) => line.cmd),
      (record) => records.push({ cmd: record.cmd, node, output: record.output, exit: record.exit }),
      { node },
    );
    i = end;
  }
  return records;
}

/** A check's outcome on a sandbox. */
export interface CheckOutcome {
  check: ExerciseCheck;
  exit: number;
  output: string;
  /** Why it failed; undefined when it passed. */
  failure: string | undefined;
}

/** Run every check of `exercise` hidden on its node (as `sh -c` on the host). */
export async function runChecks(sandbox: SimSandbox, exercise: Exercise, defaultNode: string): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of exercise.checks) {
    const run = await sandbox.exec(check.run, { node: exercise.node ?? defaultNode });
    outcomes.push({ check, ...run, failure: checkFailure(check, run) });
  }
  return outcomes;
}

/** A readable block for a failure message: the command, its status and its output. */
export function describeRun(run: { cmd: string; exit: number; output: string }): string {
  const output = run.output.trimEnd();
  return `$ ${run.cmd}\n[exit ${run.exit}]\n${output === '' ? '(no output)' : output}`;
}
