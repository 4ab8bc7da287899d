/**
 * What the server knows about one student's work on one lesson, for the instructor's dashboard:
 * which exercises it verified (and when, by its own clock), which the browser only claims, whether
 * the student started, and which check is failing for a student who is stuck.
 *
 * Only verified completions count as done. `server`: the server ran the exercise's checks from the
 * lesson catalog in the student's own sandbox (simulator or Docker, over the terminal's socket).
 * `replay`: the in-browser simulator's journal was replayed in the server's simulator and the checks
 * passed there. A `self-reported` completion (a static site without a classroom server, or an old
 * report) is shown as such, never as done.
 */
import type { Classroom } from './context.ts';
import type { CatalogLesson } from './catalog.ts';
import type { Verification } from './db/schema.ts';

export type { Verification } from './db/schema.ts';

/** An exercise the server saw done. */
export interface VerifiedExercise {
  exerciseId: string;
  /** The server's time when the checks passed. */
  doneAt: string;
  via: Exclude<Verification, 'self-reported'>;
}

/** An exercise only the learner's browser says is done. */
export interface SelfReportedExercise {
  exerciseId: string;
  /** The browser's time (clamped to the server's); not trusted. */
  doneAt: string;
}

/** The check that failed the last time the server ran an exercise's checks for this student. */
export interface FailingCheck {
  exerciseId: string;
  /** Index in the exercise's `checks`. */
  index: number;
  /** The hidden command (from the catalog). */
  run: string;
  /** What is wrong, in the catalog's locale. */
  hint: string;
  /** Server time of that check. */
  checkedAt: string;
}

/** One student × one lesson. */
export interface LessonProgress {
  lessonSlug: string;
  /**
   * Server time the lesson became complete: every exercise the lesson contains verified (or, when its
   * exercises are not known, any one); null when not complete.
   */
  completedAt: string | null;
  /** First server-seen activity on the lesson (a check run, or any completion); null: not started. */
  startedAt: string | null;
  /** Last server-seen activity (check run or completion). */
  lastActivityAt: string | null;
  verified: VerifiedExercise[];
  /** Claimed by the browser and not verified (exercises also verified are not listed here). */
  selfReported: SelfReportedExercise[];
  /** For a lesson started and not complete: the first failing check of its first unfinished exercise. */
  failing: FailingCheck | null;
}

/** Students by id → lessons by slug; a student or lesson with no activity at all is absent. */
export type ClassProgress = Map<string, Map<string, LessonProgress>>;

/** Read the progress of every student enrolled in `classId` on `lessons`, in two queries. */
export async function readClassProgress(cx: Classroom, classId: string, lessons: readonly CatalogLesson[]): Promise<ClassProgress> {
  const result: ClassProgress = new Map();
  if (lessons.length === 0) return result;
  const slugs = lessons.map((lesson) => lesson.slug);
  const [completions, checks] = await Promise.all([
    cx.db
      .selectFrom('progress')
      .innerJoin('enrolments', 'enrolments.student_id', 'progress.student_id')
      .select(['progress.student_id', 'progress.lesson_slug', 'progress.exercise_id', 'progress.done_at', 'progress.verification'])
      .where('enrolments.class_id', '=', classId)
      .where('progress.lesson_slug', 'in', slugs)
      .orderBy('progress.done_at')
      .execute(),
    cx.db
      .selectFrom('exercise_checks')
      .innerJoin('enrolments', 'enrolments.student_id', 'exercise_checks.student_id')
      .select([
        'exercise_checks.student_id',
        'exercise_checks.lesson_slug',
        'exercise_checks.exercise_id',
        'exercise_checks.failing_check',
        'exercise_checks.first_checked_at',
        'exercise_checks.checked_at',
      ])
      .where('enrolments.class_id', '=', classId)
      .where('exercise_checks.lesson_slug', 'in', slugs)
      .execute(),
  ]);
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  const raw = new Map<string, RawLesson>();
  const rawOf = (studentId: string, slug: string): RawLesson => {
    const key = `${studentId}\u0000${slug}`;
    let entry = raw.get(key);
    if (!entry) {
      entry = { studentId, slug, verified: [], selfReported: [], checks: [] };
      raw.set(key, entry);
    }
    return entry;
  };
  for (const row of completions) {
    const entry = rawOf(row.student_id, row.lesson_slug);
    if (row.verification === 'self-reported') entry.selfReported.push({ exerciseId: row.exercise_id, doneAt: row.done_at });
    else entry.verified.push({ exerciseId: row.exercise_id, doneAt: row.done_at, via: row.verification });
  }
  for (const row of checks) {
    rawOf(row.student_id, row.lesson_slug).checks.push({
      exerciseId: row.exercise_id,
      failing: row.failing_check,
      firstAt: row.first_checked_at,
      at: row.checked_at,
    });
  }
  for (const entry of raw.values()) {
    const lesson = bySlug.get(entry.slug);
    if (!lesson) continue;
    let lessons = result.get(entry.studentId);
    if (!lessons) {
      lessons = new Map();
      result.set(entry.studentId, lessons);
    }
    lessons.set(entry.slug, lessonProgress(lesson, entry));
  }
  return result;
}

interface RawLesson {
  studentId: string;
  slug: string;
  verified: VerifiedExercise[];
  selfReported: SelfReportedExercise[];
  checks: Array<{ exerciseId: string; failing: number | null; firstAt: string; at: string }>;
}

/** Fold one student's rows on one lesson into its progress (pure; exported for tests). */
export function lessonProgress(lesson: CatalogLesson, raw: Omit<RawLesson, 'studentId' | 'slug'>): LessonProgress {
  const verifiedIds = new Set(raw.verified.map((v) => v.exerciseId));
  const counted = lesson.exercises.length > 0 ? raw.verified.filter((v) => lesson.exercises.includes(v.exerciseId)) : raw.verified;
  const complete = lesson.exercises.length > 0 ? counted.length >= lesson.exercises.length : counted.length > 0;
  const times = [...raw.verified.map((v) => v.doneAt), ...raw.checks.flatMap((c) => [c.firstAt, c.at])].sort();
  let failing: FailingCheck | null = null;
  if (!complete) {
    const order = lesson.exercises.length > 0 ? lesson.exercises : raw.checks.map((c) => c.exerciseId);
    for (const exerciseId of order) {
      if (verifiedIds.has(exerciseId)) continue;
      const check = raw.checks.find((c) => c.exerciseId === exerciseId && c.failing !== null);
      const definition = lesson.definitions?.find((d) => d.id === exerciseId)?.checks[check?.failing ?? -1];
      if (check && check.failing !== null && definition) {
        failing = { exerciseId, index: check.failing, run: definition.run, hint: definition.hint, checkedAt: check.at };
        break;
      }
    }
  }
  return {
    lessonSlug: lesson.slug,
    completedAt: complete
      ? (counted
          .map((v) => v.doneAt)
          .sort()
          .at(-1) ?? null)
      : null,
    startedAt: times[0] ?? null,
    lastActivityAt: times.at(-1) ?? null,
    verified: raw.verified,
    selfReported: raw.selfReported.filter((s) => !verifiedIds.has(s.exerciseId)),
    failing,
  };
}
