/**
 * The broken labs' setups for the server's session registry, read from the lesson files on disk
 * once, on the first lab asked for (src/sandbox/profiles/lab-profile.ts says how a lab is asked for).
 */
import { labSetupsOf } from '../classroom/lesson-catalog.ts';
import { readLessonEntries } from '../classroom/lesson-files.ts';
import type { LabSetups } from '../sandbox/sessions.ts';

/** Setups by lesson slug from the lessons in `dir` (src/content/lessons by default). */
export function labSetupsFromFiles(dir?: string): LabSetups {
  let setups: ReturnType<typeof load> | undefined;
  const load = () => readLessonEntries(dir).then(labSetupsOf);
  return async (slug) => {
    setups ??= load();
    // A failed read is tried again on the next lab, not remembered.
    setups.catch(() => {
      setups = undefined;
    });
    return (await setups).get(slug);
  };
}
