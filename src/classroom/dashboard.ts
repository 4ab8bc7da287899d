/**
 * The instructor's dashboard: students × assigned lessons, each cell the exercises the server verified
 * and when (its own clock), with overdue marks. One read of students, assignments and progress; no per-cell queries.
 */
import type { Classroom } from './context.ts';
import { assignedLessons, listAssignments } from './assignments.ts';
import type { Catalog } from './catalog.ts';
import type { ClassRow } from './db/schema.ts';
import { listStudents, type EnrolledStudent } from './enrolments.ts';

export type CellStatus = 'complete' | 'late' | 'overdue' | 'in-progress' | 'not-started';

export interface DashboardColumn {
  slug: string;
  chapter: number;
  section: string;
  title: string;
  dueAt: string | null;
  /** Exercises in the lesson, when the catalog knows them. */
  total: number | null;
}

export interface DashboardCell {
  done: number;
  exercises: Array<{ id: string; doneAt: string }>;
  lastDoneAt: string | null;
  status: CellStatus;
}

export interface DashboardRow {
  student: EnrolledStudent;
  cells: DashboardCell[];
}

export interface Dashboard {
  class: { id: string; name: string; archivedAt: string | null };
  columns: DashboardColumn[];
  rows: DashboardRow[];
  generatedAt: string;
}

/** Build the dashboard of a class (authorization is the caller's: see authorization.ts). */
export async function buildDashboard(cx: Classroom, classRow: ClassRow, catalog: Catalog): Promise<Dashboard> {
  const [assignments, students] = await Promise.all([listAssignments(cx, classRow.id), listStudents(cx, classRow.id)]);
  const lessons = assignedLessons(assignments, catalog);
  const columns: DashboardColumn[] = lessons.map((lesson) => ({
    slug: lesson.slug,
    chapter: lesson.chapter,
    section: lesson.section,
    title: lesson.title,
    dueAt: lesson.dueAt,
    total: lesson.exercises.length > 0 ? lesson.exercises.length : null,
  }));

  const done = new Map<string, Array<{ id: string; doneAt: string }>>();
  if (lessons.length > 0 && students.length > 0) {
    const rows = await cx.db
      .selectFrom('progress')
      .innerJoin('enrolments', 'enrolments.student_id', 'progress.student_id')
      .select(['progress.student_id', 'progress.lesson_slug', 'progress.exercise_id', 'progress.done_at'])
      .where('enrolments.class_id', '=', classRow.id)
      .where('progress.lesson_slug', 'in', lessons.map((lesson) => lesson.slug))
      // Only what the server verified counts (progress-model.ts); self-reported work is not done.
      .where('progress.verification', '!=', 'self-reported')
      .orderBy('progress.done_at')
      .execute();
    for (const row of rows) {
      const key = `${row.student_id}\u0000${row.lesson_slug}`;
      const list = done.get(key) ?? [];
      list.push({ id: row.exercise_id, doneAt: row.done_at });
      done.set(key, list);
    }
  }

  const now = cx.now().toISOString();
  return {
    class: { id: classRow.id, name: classRow.name, archivedAt: classRow.archived_at },
    columns,
    rows: students.map((student) => ({
      student,
      cells: lessons.map((lesson) => cell(done.get(`${student.id}\u0000${lesson.slug}`) ?? [], lesson.exercises, lesson.dueAt, now)),
    })),
    generatedAt: now,
  };
}

/** One cell: a lesson counts as complete when every known exercise is done (or any, if none are known). */
export function cell(
  exercises: Array<{ id: string; doneAt: string }>,
  known: readonly string[],
  dueAt: string | null,
  now: string,
): DashboardCell {
  const counted = known.length > 0 ? exercises.filter((e) => known.includes(e.id)) : exercises;
  const lastDoneAt = exercises.at(-1)?.doneAt ?? null;
  const complete = known.length > 0 ? counted.length >= known.length : counted.length > 0;
  const completedAt = complete ? (counted.at(-1)?.doneAt ?? null) : null;
  let status: CellStatus;
  if (complete) status = dueAt !== null && completedAt !== null && completedAt > dueAt ? 'late' : 'complete';
  else if (dueAt !== null && now > dueAt) status = 'overdue';
  else status = exercises.length > 0 ? 'in-progress' : 'not-started';
  return { done: counted.length, exercises, lastDoneAt, status };
}
