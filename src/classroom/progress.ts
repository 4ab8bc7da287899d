/**
 * Completed exercises, reported by the learner's browser as they happen and, on joining, everything
 * done before (carry-over). Reports are idempotent: the key is (student, lesson, exercise), and a
 * repeated report keeps the earliest completion time.
 */
import { sql } from 'kysely';
import { nowIso, type Classroom } from './context.ts';
import type { Catalog } from './catalog.ts';
import { ClassroomError } from './errors.ts';
import * as input from './input.ts';

export interface ProgressItem {
  lessonSlug: string;
  exerciseId: string;
  doneAt: string;
}

/** Items per request (a full carry-over of the course fits). */
export const MAX_ITEMS_PER_REPORT = 500;
/** Rows per student: far above the course's exercises, low enough that nobody can fill the disk. */
export const MAX_ITEMS_PER_STUDENT = 5_000;

/** Validate reported items: lessons from the catalog, well-formed exercise ids and times. */
export function parseProgressItems(value: unknown, catalog: Catalog): ProgressItem[] {
  if (!Array.isArray(value) || value.length > MAX_ITEMS_PER_REPORT) {
    throw new ClassroomError('bad-request', `items must be a list of at most ${MAX_ITEMS_PER_REPORT}`, { field: 'items' });
  }
  return value.map((item, index) => {
    const fields = input.record(item);
    const field = `items[${index}]`;
    if (typeof fields.lessonSlug !== 'string' || !catalog.bySlug.has(fields.lessonSlug)) {
      throw new ClassroomError('bad-request', `${field}: no such lesson`, { field });
    }
    return {
      lessonSlug: fields.lessonSlug,
      exerciseId: input.identifier(fields.exerciseId, `${field}.exerciseId`, 64),
      doneAt: input.time(fields.doneAt, `${field}.doneAt`),
    };
  });
}

/** Store reported completions; times in the future (a fast browser clock) become the server's now. */
export async function recordProgress(cx: Classroom, studentId: string, items: readonly ProgressItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const now = nowIso(cx);
  const rows = new Map<string, { student_id: string; lesson_slug: string; exercise_id: string; done_at: string; recorded_at: string }>();
  for (const item of items) {
    const key = `${item.lessonSlug}\u0000${item.exerciseId}`;
    const doneAt = item.doneAt > now ? now : item.doneAt;
    const earlier = rows.get(key);
    if (earlier && earlier.done_at <= doneAt) continue;
    rows.set(key, { student_id: studentId, lesson_slug: item.lessonSlug, exercise_id: item.exerciseId, done_at: doneAt, recorded_at: now });
  }
  await cx.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('progress')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('student_id', '=', studentId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) + rows.size > MAX_ITEMS_PER_STUDENT) {
      throw new ClassroomError('bad-request', 'too many progress items for one student');
    }
    await trx
      .insertInto('progress')
      .values([...rows.values()])
      .onConflict((oc) =>
        oc.columns(['student_id', 'lesson_slug', 'exercise_id']).doUpdateSet({
          done_at: sql<string>`CASE WHEN excluded.done_at < progress.done_at THEN excluded.done_at ELSE progress.done_at END`,
        }),
      )
      .execute();
  });
  return rows.size;
}

/** Everything a student has completed (to restore it on another device). */
export async function listProgress(cx: Classroom, studentId: string): Promise<ProgressItem[]> {
  const rows = await cx.db
    .selectFrom('progress')
    .select(['lesson_slug', 'exercise_id', 'done_at'])
    .where('student_id', '=', studentId)
    .orderBy('done_at')
    .execute();
  return rows.map((row) => ({ lessonSlug: row.lesson_slug, exerciseId: row.exercise_id, doneAt: row.done_at }));
}
