/**
 * Recording a finished exercise: progress-sync stores it (and reports it to the learner's class),
 * then, when every exercise of the lesson is done, the lesson entry gets `done: true`, which the
 * sidebar and the course outline show (navigation/progress.ts).
 */
import { readProgress, recordExerciseDone } from '../../classroom/client/progress-sync.ts';
import { PROGRESS_EVENT, PROGRESS_KEY, allExercisesDone } from '../../navigation/progress.ts';

/** Whether this browser has `exerciseId` of `lessonSlug` recorded as done. */
export function isExerciseDone(lessonSlug: string, exerciseId: string): boolean {
  return allExercisesDone(readProgress()[lessonSlug], [exerciseId]);
}

/** Record the exercise, and the lesson when it was the last one; resolves when the report was tried. */
export async function completeExercise(lessonSlug: string, exerciseId: string, lessonExerciseIds: readonly string[]): Promise<void> {
  // The local write happens before recordExerciseDone first awaits; sending to the class follows.
  const reporting = recordExerciseDone(lessonSlug, exerciseId);
  markLessonDoneIfComplete(lessonSlug, lessonExerciseIds);
  await reporting;
}

/** Set `done: true` on the lesson when all its exercises are done; tells the page with `vl:progress`. */
export function markLessonDoneIfComplete(lessonSlug: string, lessonExerciseIds: readonly string[]): void {
  const store = readProgress();
  const entry = store[lessonSlug];
  if (!allExercisesDone(entry, lessonExerciseIds) || entry?.done === true) return;
  store[lessonSlug] = { ...entry, done: true };
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(store));
  } catch {
    return; // Storage disabled: nothing to show either.
  }
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { lessonSlug, done: true } }));
}
