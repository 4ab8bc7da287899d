/**
 * The process's one classroom service, opened from DATABASE_URL. Kept on globalThis so that the server
 * entry (src/server/main.ts, outside the Astro bundle) and the bundled API routes share one database
 * connection: main.ts calls `startClassroom()` at start (migrations run before the first request) and
 * `closeClassroom()` on shutdown.
 */
import { processSettings } from '../settings/settings.ts';
import { openClassroom, type Classroom } from './context.ts';

const KEY = Symbol.for('vethlab.classroom');
type Slot = { [KEY]?: Promise<Classroom> };
const slot = globalThis as Slot;

/** The shared service, opened (and migrated) on first use; a failed open is retried next time. */
export function sharedClassroom(): Promise<Classroom> {
  const existing = slot[KEY];
  if (existing) return existing;
  const opening = openClassroom({ url: processSettings().databaseUrl }).catch((error: unknown) => {
    delete slot[KEY];
    throw error;
  });
  slot[KEY] = opening;
  return opening;
}

/** Open and migrate now; returns a line for the start-up log ("classroom: sqlite:data/vethlab.sqlite"). */
export async function startClassroom(): Promise<string> {
  const cx = await sharedClassroom();
  return `classroom: ${cx.description}`;
}

/** Close the shared database (graceful shutdown). */
export async function closeClassroom(): Promise<void> {
  const existing = slot[KEY];
  delete slot[KEY];
  if (existing) await (await existing).close();
}
