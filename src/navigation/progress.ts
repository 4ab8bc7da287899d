/**
 * Reading the learner's progress from localStorage key `vethlab.progress`:
 * JSON {"<lessonSlug>": {"done": true, ...}}. Exercises write it; navigation only reads it.
 */

/** localStorage key shared with the exercises that record completion. */
export const PROGRESS_KEY = 'vethlab.progress';

/** Event dispatched on document after a script changed the progress in this tab. */
export const PROGRESS_EVENT = 'vl:progress';

/** Slugs of the completed lessons; anything malformed counts as no progress rather than an error. */
export function completedSlugs(raw: string | null | undefined): Set<string> {
  const done = new Set<string>();
  if (!raw) return done;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return done;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return done;
  for (const [slug, entry] of Object.entries(parsed)) {
    if (typeof entry === 'object' && entry !== null && (entry as { done?: unknown }).done === true) {
      done.add(slug);
    }
  }
  return done;
}

/** The first lesson in reading order that is not done (where "Continue" should go). */
export function firstUnfinished(orderedSlugs: readonly string[], done: ReadonlySet<string>): string | undefined {
  return orderedSlugs.find((slug) => !done.has(slug));
}

/**
 * Whether a lesson's stored entry has every one of `exerciseIds` done (as progress-sync records
 * them: `{"exercises": {"<id>": {"doneAt": "…"}}}`). A lesson without exercises is never complete.
 */
export function allExercisesDone(entry: unknown, exerciseIds: readonly string[]): boolean {
  if (exerciseIds.length === 0 || typeof entry !== 'object' || entry === null) return false;
  const exercises = (entry as { exercises?: unknown }).exercises;
  if (typeof exercises !== 'object' || exercises === null) return false;
  return exerciseIds.every((id) => typeof (exercises as Record<string, { doneAt?: unknown } | undefined>)[id]?.doneAt === 'string');
}
