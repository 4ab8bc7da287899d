/**
 * Completed exercises. A completion counts (progress-model.ts) only when the server verified it:
 * it ran the exercise's checks from the catalog in the student's sandbox (`server`), or replayed the
 * in-browser simulator's journal and ran them there (`replay`). What a browser merely reports
 * (`POST /progress`: live, or the carry-over of work done before joining) is stored as
 * `self-reported`, at the server's time, for the exercises the catalog knows, and never counts as
 * done; a later verification of the same exercise upgrades it. Every time is the server's.
 */
import { sql } from 'kysely';
import { nowIso, type Classroom } from './context.ts';
import type { Catalog, CatalogLesson } from './catalog.ts';
import type { Verification } from './db/schema.ts';
import { ClassroomError } from './errors.ts';
import * as input from './input.ts';

export interface ProgressItem {
  lessonSlug: string;
  exerciseId: string;
}

/** A stored completion as the student's browser gets it back (restore on another device). */
export interface StoredProgress extends ProgressItem {
  /** Server time. */
  doneAt: string;
  verification: Verification;
}

/** Items per request (a full carry-over of the course fits). */
export const MAX_ITEMS_PER_REPORT = 500;
/** Rows per student: far above the course's exercises, low enough that nobody can fill the disk. */
export const MAX_ITEMS_PER_STUDENT = 5_000;

/**
 * Validate reported items against the catalog: a known lesson, and an exercise the lesson has (when
 * the catalog knows its exercises). A `doneAt` the browser sends is accepted and ignored.
 */
export function parseProgressItems(value: unknown, catalog: Catalog): ProgressItem[] {
  if (!Array.isArray(value) || value.length > MAX_ITEMS_PER_REPORT) {
    throw new ClassroomError('bad-request', `items must be a list of at most ${MAX_ITEMS_PER_REPORT}`, { field: 'items' });
  }
  return value.map((item, index) => {
    const fields = input.record(item);
    const field = `items[${index}]`;
    const lesson = typeof fields.lessonSlug === 'string' ? catalog.bySlug.get(fields.lessonSlug) : undefined;
    if (!lesson) throw new ClassroomError('bad-request', `${field}: no such lesson`, { field });
    const exerciseId = input.identifier(fields.exerciseId, `${field}.exerciseId`, 64);
    if (!lessonHasExercise(lesson, exerciseId)) {
      throw new ClassroomError('bad-request', `${field}: lesson ${lesson.slug} has no exercise "${exerciseId}"`, { field: `${field}.exerciseId` });
    }
    return { lessonSlug: lesson.slug, exerciseId };
  });
}

/** Whether `exerciseId` is one of the lesson's exercises; any id when the catalog does not know them. */
export function lessonHasExercise(lesson: CatalogLesson, exerciseId: string): boolean {
  if (lesson.exercises.includes(exerciseId)) return true;
  if (lesson.definitions !== undefined) return lesson.definitions.some((exercise) => exercise.id === exerciseId);
  return lesson.exercises.length === 0;
}

/** Store browser-reported completions as self-reported (an existing row, verified or not, is kept). */
export async function recordProgress(cx: Classroom, studentId: string, items: readonly ProgressItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const now = nowIso(cx);
  const rows = new Map<string, { student_id: string; lesson_slug: string; exercise_id: string; done_at: string; recorded_at: string; verification: Verification }>();
  for (const item of items) {
    rows.set(`${item.lessonSlug}\u0000${item.exerciseId}`, {
      student_id: studentId,
      lesson_slug: item.lessonSlug,
      exercise_id: item.exerciseId,
      done_at: now,
      recorded_at: now,
      verification: 'self-reported',
    });
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
      .onConflict((oc) => oc.columns(['student_id', 'lesson_slug', 'exercise_id']).doNothing())
      .execute();
  });
  return rows.size;
}

/**
 * Record that the server saw every check of the exercise pass, now. A self-reported row becomes
 * verified at this time; an already verified one keeps its first time. Returns that time.
 */
export async function recordVerified(cx: Classroom, studentId: string, item: ProgressItem, via: Exclude<Verification, 'self-reported'>): Promise<string> {
  const now = nowIso(cx);
  return cx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('progress')
      .values({ student_id: studentId, lesson_slug: item.lessonSlug, exercise_id: item.exerciseId, done_at: now, recorded_at: now, verification: via })
      .onConflict((oc) =>
        oc.columns(['student_id', 'lesson_slug', 'exercise_id']).doUpdateSet({
          done_at: sql<string>`CASE WHEN progress.verification = 'self-reported' THEN excluded.done_at ELSE progress.done_at END`,
          verification: sql<Verification>`CASE WHEN progress.verification = 'self-reported' THEN excluded.verification ELSE progress.verification END`,
        }),
      )
      .execute();
    const row = await trx
      .selectFrom('progress')
      .select('done_at')
      .where('student_id', '=', studentId)
      .where('lesson_slug', '=', item.lessonSlug)
      .where('exercise_id', '=', item.exerciseId)
      .executeTakeFirstOrThrow();
    return row.done_at;
  });
}

/**
 * Remember the outcome of the server running an exercise's checks for a student: the index of the
 * first failing check, or null when all passed. The dashboard reads "started" and "stuck on" from it.
 */
export async function recordCheckRun(cx: Classroom, studentId: string, item: ProgressItem, failingCheck: number | null): Promise<void> {
  const now = nowIso(cx);
  await cx.db.transaction().execute((trx) =>
    trx
      .insertInto('exercise_checks')
      .values({
        student_id: studentId,
        lesson_slug: item.lessonSlug,
        exercise_id: item.exerciseId,
        failing_check: failingCheck,
        first_checked_at: now,
        checked_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['student_id', 'lesson_slug', 'exercise_id']).doUpdateSet({
          failing_check: (eb) => eb.ref('excluded.failing_check'),
          checked_at: (eb) => eb.ref('excluded.checked_at'),
        }),
      )
      .execute(),
  );
}

/** Everything a student has completed (to restore it on another device). */
export async function listProgress(cx: Classroom, studentId: string): Promise<StoredProgress[]> {
  const rows = await cx.db
    .selectFrom('progress')
    .select(['lesson_slug', 'exercise_id', 'done_at', 'verification'])
    .where('student_id', '=', studentId)
    .orderBy('done_at')
    .orderBy('lesson_slug')
    .orderBy('exercise_id')
    .execute();
  return rows.map((row) => ({ lessonSlug: row.lesson_slug, exerciseId: row.exercise_id, doneAt: row.done_at, verification: row.verification }));
}
