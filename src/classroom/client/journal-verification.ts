/**
 * Verifying an exercise done in the in-browser simulator (no server sandbox saw it): send the
 * sandbox's journal, as the worker saved it in IndexedDB, to POST /api/classroom/progress/verify,
 * where the server replays it and runs the exercise's checks itself. Only for a student of a class;
 * elsewhere (a static site) there is nobody to verify and the completion stays self-reported.
 */
import { encodeJournal } from '../../sandbox/worker/journal-wire.ts';
import { IdbStore, SAVE_DELAY_MS } from '../../sandbox/worker/store.ts';
import { api } from './api.ts';
import { isInClass } from './me.ts';

/** The server's answer. */
export interface JournalVerdict {
  verified: boolean;
  doneAt: string | null;
  verdicts: boolean[];
}

/** Send `profile`'s saved sandbox to be verified for the exercise; undefined when not in a class or it could not be sent. */
export async function verifyWithJournal(lessonSlug: string, exerciseId: string, profile: string): Promise<JournalVerdict | undefined> {
  if (!(await isInClass())) return undefined;
  // The worker saves a moment after each change: wait for the save that holds the last command.
  await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS * 2));
  let saved: Awaited<ReturnType<IdbStore['load']>>;
  try {
    saved = await new IdbStore().load(profile);
  } catch {
    return undefined;
  }
  if (!saved) return undefined;
  const result = await api<JournalVerdict>('POST', '/progress/verify', { lessonSlug, exerciseId, journal: encodeJournal(saved) });
  return result.ok ? result.data : undefined;
}
