/**
 * What a student is doing in a lesson, beside their completions: when they started it, when they were
 * last active in it, and which exercise check fails for them now. The dashboard reads it to say who is
 * stuck and on what. Written by whoever runs the checks (the server-side verification; tests seed it).
 */
import { nowIso, type Classroom } from './context.ts';

export interface LessonActivity {
  studentId: string;
  lessonSlug: string;
  startedAt: string;
  lastActivityAt: string;
  /** The check that failed last, as the instructor should read it; null once it passes. */
  failingCheck: string | null;
}

/** Longest failing-check text kept (a check's name plus its hint's first line). */
const MAX_CHECK_TEXT = 200;

/**
 * Note activity in a lesson now: the first call starts it; each call moves "last activity"; a failing
 * check is remembered until a call with `failingCheck: null` (the check passed).
 */
export async function recordActivity(
  cx: Classroom,
  studentId: string,
  lessonSlug: string,
  failingCheck: string | null | undefined,
): Promise<void> {
  const now = nowIso(cx);
  const check = failingCheck === undefined || failingCheck === null ? failingCheck : failingCheck.slice(0, MAX_CHECK_TEXT);
  await cx.db.transaction().execute((trx) =>
    trx
      .insertInto('lesson_activity')
      .values({ student_id: studentId, lesson_slug: lessonSlug, started_at: now, last_activity_at: now, failing_check: check ?? null })
      .onConflict((oc) =>
        oc.columns(['student_id', 'lesson_slug']).doUpdateSet(
          check === undefined ? { last_activity_at: now } : { last_activity_at: now, failing_check: check },
        ),
      )
      .execute(),
  );
}

/** Activity of a class's students in the given lessons. */
export async function classActivity(cx: Classroom, classId: string, lessonSlugs: readonly string[]): Promise<LessonActivity[]> {
  if (lessonSlugs.length === 0) return [];
  const rows = await cx.db
    .selectFrom('lesson_activity')
    .innerJoin('enrolments', 'enrolments.student_id', 'lesson_activity.student_id')
    .select([
      'lesson_activity.student_id',
      'lesson_activity.lesson_slug',
      'lesson_activity.started_at',
      'lesson_activity.last_activity_at',
      'lesson_activity.failing_check',
    ])
    .where('enrolments.class_id', '=', classId)
    .where('lesson_activity.lesson_slug', 'in', lessonSlugs)
    .execute();
  return rows.map((row) => ({
    studentId: row.student_id,
    lessonSlug: row.lesson_slug,
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    failingCheck: row.failing_check,
  }));
}
