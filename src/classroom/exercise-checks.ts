/**
 * Running an exercise's checks on the server: every check of the catalog's definition, in order, on
 * the exercise's node, judged the way the lesson page judges them (components/exercise/verdict.ts).
 * The sandbox is whatever `run` reaches: a learner's live sandbox or a replayed journal.
 */
import type { CatalogExercise } from './catalog.ts';
import { checkPasses, type CheckRun } from '../components/exercise/verdict.ts';

/** Runs one hidden command as `sh -c` on a node of the sandbox. */
export type RunCommand = (command: string, node: string) => Promise<CheckRun>;

/** What the checks said: one verdict per check, and the first that failed (null: all passed). */
export interface CheckOutcome {
  verdicts: boolean[];
  failing: number | null;
}

/** Run every check of `exercise` (all of them, so the page can show each verdict). */
export async function runExerciseChecks(exercise: CatalogExercise, run: RunCommand): Promise<CheckOutcome> {
  const verdicts: boolean[] = [];
  for (const check of exercise.checks) verdicts.push(checkPasses(check, await run(check.run, exercise.node)));
  const failing = verdicts.indexOf(false);
  return { verdicts, failing: failing < 0 ? null : failing };
}
