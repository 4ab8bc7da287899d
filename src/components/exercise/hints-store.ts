/**
 * How many hints of a lesson's <Hints> the learner has opened, kept in the lesson's entry of the
 * progress store (`vethlab.progress`: `{"<lessonSlug>": {"hints": [2], ...}}`, one count per <Hints>
 * on the page, in page order), so a reload shows them again instead of hiding what was read.
 */
import { readProgress } from '../../classroom/client/progress-sync.ts';
import { PROGRESS_KEY } from '../../navigation/progress.ts';

/** Hints opened in the `index`-th <Hints> of `lessonSlug` (0 when none or unreadable). */
export function shownHints(lessonSlug: string, index: number): number {
  const hints = readProgress()[lessonSlug]?.hints;
  const count = Array.isArray(hints) ? hints[index] : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

/** Remember that `shown` hints of the `index`-th <Hints> of `lessonSlug` are open. */
export function rememberHints(lessonSlug: string, index: number, shown: number): void {
  const store = readProgress();
  const entry = store[lessonSlug] ?? {};
  const hints = Array.isArray(entry.hints) ? [...(entry.hints as unknown[])] : [];
  for (let i = hints.length; i < index; i++) hints[i] = 0;
  hints[index] = shown;
  store[lessonSlug] = { ...entry, hints };
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(store));
  } catch {
    // Storage full or disabled: the hints stay open on this page view only.
  }
}
