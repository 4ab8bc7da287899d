/**
 * Server-verified completions: look the exercise up in the catalog (never trust the client's idea of
 * its checks), run its checks through `run`, remember the outcome for the dashboard (started, stuck
 * on which check) and, when every check passed, record the completion at the server's time.
 */
import type { Classroom } from './context.ts';
import { findExercise, type Catalog } from './catalog.ts';
import type { Verification } from './db/schema.ts';
import { runExerciseChecks, type CheckOutcome, type RunCommand } from './exercise-checks.ts';
import { recordCheckRun, recordVerified, type ProgressItem } from './progress.ts';

export type VerifyResult = { ok: true; outcome: CheckOutcome /** Server time of the verified completion; null while a check fails. */; doneAt: string | null } | { ok: false; error: string };

/** Run `item`'s checks through `run` and record what they said for `studentId`. */
export async function verifyExercise(cx: Classroom, catalog: Catalog, studentId: string, item: ProgressItem, via: Exclude<Verification, 'self-reported'>, run: RunCommand): Promise<VerifyResult> {
  const exercise = findExercise(catalog, item.lessonSlug, item.exerciseId);
  if (!exercise) return { ok: false, error: `lesson ${item.lessonSlug} has no exercise "${item.exerciseId}"` };
  const outcome = await runExerciseChecks(exercise, run);
  await recordCheckRun(cx, studentId, item, outcome.failing);
  const doneAt = outcome.failing === null ? await recordVerified(cx, studentId, item, via) : null;
  return { ok: true, outcome, doneAt };
}
