/**
 * Whether a check passed, from what its hidden command returned. Shared by <vl-exercise> in the
 * browser and by the lesson tests, so both judge a check the same way.
 */
import { CHECK_PATTERN_FLAGS } from '../../schemas/check-pattern.ts';
import type { ExerciseCheck } from '../../schemas/lesson.ts';

/** What a hidden command produced (the terminal's `exec`, the simulator's `Sandbox.exec`). */
export interface CheckRun {
  exit: number;
  output: string;
}

/** The part of a check that judges a run; `exit` defaults to 0 as in the schema. */
export type CheckRule = Pick<ExerciseCheck, 'match' | 'notMatch'> & { exit?: number | undefined };

/** Why a check failed, for test messages; undefined when it passed. */
export function checkFailure(check: CheckRule, run: CheckRun): string | undefined {
  const exit = check.exit ?? 0;
  if (run.exit !== exit) return `exit status ${run.exit}, expected ${exit}`;
  if (check.match !== undefined && !new RegExp(check.match, CHECK_PATTERN_FLAGS).test(run.output)) {
    return `output does not match /${check.match}/`;
  }
  if (check.notMatch !== undefined && new RegExp(check.notMatch, CHECK_PATTERN_FLAGS).test(run.output)) {
    return `output matches /${check.notMatch}/`;
  }
  return undefined;
}

/** Whether `run` satisfies `check`. */
export function checkPasses(check: CheckRule, run: CheckRun): boolean {
  return checkFailure(check, run) === undefined;
}
