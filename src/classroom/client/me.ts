/** Who this browser is to the classroom (GET /api/classroom/me), fetched once per page and shared. */
import { api } from './api.ts';
import { pageLocale } from './page-text.ts';

export interface MeClass {
  id: string;
  name: string;
  joinedAt: string;
  assignments: Array<{ kind: 'chapter' | 'lesson'; target: string; dueAt: string | null }>;
  lessons: Array<{ slug: string; chapter: number; section: string; title: string; dueAt: string | null }>;
}

export interface Me {
  instructor: { id: string; email: string; name: string } | null;
  student: { id: string; displayName: string; canSignIn: boolean } | null;
  classes: MeClass[];
}

let current: Promise<Me | null> | undefined;

/** The classroom's view of this browser; null when the API cannot be reached. `fresh` refetches. */
export function fetchMe(fresh = false): Promise<Me | null> {
  if (!current || fresh) {
    const lang = pageLocale();
    current = api<Me>('GET', `/me?lang=${lang}`).then((result) => (result.ok ? result.data : null));
  }
  return current;
}

/** Whether this browser reports progress to a class. */
export async function isInClass(): Promise<boolean> {
  const me = await fetchMe();
  return me?.student != null && me.classes.length > 0;
}
