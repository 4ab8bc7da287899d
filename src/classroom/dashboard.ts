/**
 * The instructor's dashboard: students × assigned lessons. Each cell says done / late / started /
 * not started (and overdue, self-reported), with the exercises done and when, the student's activity
 * in the lesson and the check that fails for them; each row has totals, last activity and what the
 * student is stuck on; each column its completion counts. One read each of students, assignments,
 * completions and activity; no per-cell queries.
 */
import { classActivity, type LessonActivity } from './activity.ts';
import type { Classroom } from './context.ts';
import { assignedLessons, listAssignments } from './assignments.ts';
import type { Catalog } from './catalog.ts';
import type { ClassRow } from './db/schema.ts';
import { listStudents, type EnrolledStudent } from './enrolments.ts';

/**
 * `complete` and `late` are done (verified); `self-reported` was completed only by the browser's word
 * and never counts as done; `overdue` is not done past its due date; `in-progress` is started.
 */
export type CellStatus = 'complete' | 'late' | 'overdue' | 'in-progress' | 'not-started' | 'self-reported';

export interface DashboardColumn {
  slug: string;
  chapter: number;
  section: string;
  title: string;
  dueAt: string | null;
  /** Exercises in the lesson, when the catalog knows them. */
  total: number | null;
  /** Students per outcome in this lesson: done = complete + late. */
  counts: { done: number; late: number; started: number; overdue: number; selfReported: number };
}

export interface DashboardCell {
  /** Exercises done, verified by the server (counted towards completion). */
  done: number;
  exercises: Array<{ id: string; doneAt: string; verified: boolean }>;
  lastDoneAt: string | null;
  status: CellStatus;
  /** When the student first worked in the lesson (activity or first completion); null when never. */
  startedAt: string | null;
  lastActivityAt: string | null;
  /** The exercise check failing for the student now, when the lesson is not done. */
  failingCheck: string | null;
}

export interface DashboardRow {
  student: EnrolledStudent;
  cells: DashboardCell[];
  /** Lessons per outcome for this student, out of `assigned`. */
  totals: { assigned: number; done: number; late: number; started: number; overdue: number; selfReported: number };
  lastActivityAt: string | null;
  /** The lesson the student was last stuck in, and the check that fails there. */
  stuck: { lessonSlug: string; check: string; since: string } | null;
}

export interface Dashboard {
  class: { id: string; name: string; archivedAt: string | null };
  columns: DashboardColumn[];
  rows: DashboardRow[];
  generatedAt: string;
}

/** A stored completion of one exercise. */
export interface Completion {
  studentId: string;
  lessonSlug: string;
  exerciseId: string;
  doneAt: string;
  /** Whether the server saw the checks pass (see cell()). */
  verified: boolean;
}

/**
 * Completions of a class's students in the given lessons, oldest first. The progress table does not
 * record verification yet (issue #14 item 1 adds it): until then every stored completion counts as
 * verified, which is what the dashboard showed before.
 */
async function classCompletions(cx: Classroom, classId: string, lessonSlugs: readonly string[]): Promise<Completion[]> {
  if (lessonSlugs.length === 0) return [];
  const rows = await cx.db
    .selectFrom('progress')
    .innerJoin('enrolments', 'enrolments.student_id', 'progress.student_id')
    .select(['progress.student_id', 'progress.lesson_slug', 'progress.exercise_id', 'progress.done_at'])
    .where('enrolments.class_id', '=', classId)
    .where('progress.lesson_slug', 'in', lessonSlugs)
    .orderBy('progress.done_at')
    .execute();
  return rows.map((row) => ({
    studentId: row.student_id,
    lessonSlug: row.lesson_slug,
    exerciseId: row.exercise_id,
    doneAt: row.done_at,
    verified: true,
  }));
}

const key = (studentId: string, lessonSlug: string) => `${studentId}\u0000${lessonSlug}`;

/** Build the dashboard of a class (authorization is the caller's: see authorization.ts). */
export async function buildDashboard(cx: Classroom, classRow: ClassRow, catalog: Catalog): Promise<Dashboard> {
  const [assignments, students] = await Promise.all([listAssignments(cx, classRow.id), listStudents(cx, classRow.id)]);
  const lessons = assignedLessons(assignments, catalog);
  const slugs = students.length > 0 ? lessons.map((lesson) => lesson.slug) : [];
  const [completions, activity] = await Promise.all([classCompletions(cx, classRow.id, slugs), classActivity(cx, classRow.id, slugs)]);

  const done = new Map<string, DashboardCell['exercises']>();
  for (const c of completions) {
    const list = done.get(key(c.studentId, c.lessonSlug)) ?? [];
    list.push({ id: c.exerciseId, doneAt: c.doneAt, verified: c.verified });
    done.set(key(c.studentId, c.lessonSlug), list);
  }
  const active = new Map<string, LessonActivity>(activity.map((a) => [key(a.studentId, a.lessonSlug), a]));

  const now = cx.now().toISOString();
  const rows = students.map((student): DashboardRow => {
    const cells = lessons.map((lesson) =>
      cell(done.get(key(student.id, lesson.slug)) ?? [], lesson.exercises, lesson.dueAt, now, active.get(key(student.id, lesson.slug))),
    );
    return { student, cells, ...rowSummary(cells, lessons.map((lesson) => lesson.slug)) };
  });
  const columns: DashboardColumn[] = lessons.map((lesson, index) => ({
    slug: lesson.slug,
    chapter: lesson.chapter,
    section: lesson.section,
    title: lesson.title,
    dueAt: lesson.dueAt,
    total: lesson.exercises.length > 0 ? lesson.exercises.length : null,
    counts: tally(rows.map((row) => row.cells[index] as DashboardCell)),
  }));
  return { class: { id: classRow.id, name: classRow.name, archivedAt: classRow.archived_at }, columns, rows, generatedAt: now };
}

/** How many cells are in each outcome (done = complete + late; started = in progress, overdue ones included). */
function tally(cells: readonly DashboardCell[]): DashboardColumn['counts'] {
  const counts = { done: 0, late: 0, started: 0, overdue: 0, selfReported: 0 };
  for (const c of cells) {
    if (c.status === 'complete' || c.status === 'late') counts.done++;
    if (c.status === 'late') counts.late++;
    if (c.status === 'overdue') counts.overdue++;
    if (c.status === 'self-reported') counts.selfReported++;
    if (c.status === 'in-progress' || (c.status === 'overdue' && c.startedAt !== null)) counts.started++;
  }
  return counts;
}

function rowSummary(cells: readonly DashboardCell[], slugs: readonly string[]): Pick<DashboardRow, 'totals' | 'lastActivityAt' | 'stuck'> {
  let lastActivityAt: string | null = null;
  let stuck: DashboardRow['stuck'] = null;
  cells.forEach((c, index) => {
    if (c.lastActivityAt !== null && (lastActivityAt === null || c.lastActivityAt > lastActivityAt)) lastActivityAt = c.lastActivityAt;
    if (c.failingCheck !== null && c.lastActivityAt !== null && (stuck === null || c.lastActivityAt > stuck.since)) {
      stuck = { lessonSlug: slugs[index] as string, check: c.failingCheck, since: c.lastActivityAt };
    }
  });
  return { totals: { assigned: cells.length, ...tally(cells) }, lastActivityAt, stuck };
}

/**
 * One cell. A lesson is complete when every known exercise is done (or any, if none are known) with
 * the server's word for it; one that would be complete only with self-reported exercises is
 * `self-reported`, never done. A failing check is shown only while the lesson is not done.
 */
export function cell(
  exercises: DashboardCell['exercises'],
  known: readonly string[],
  dueAt: string | null,
  now: string,
  activity?: LessonActivity,
): DashboardCell {
  const relevant = known.length > 0 ? exercises.filter((e) => known.includes(e.id)) : exercises;
  const counted = relevant.filter((e) => e.verified);
  const lastDoneAt = exercises.at(-1)?.doneAt ?? null;
  const completeWith = (list: typeof relevant) => (known.length > 0 ? list.length >= known.length : list.length > 0);
  const complete = completeWith(counted);
  const completedAt = complete ? (counted.at(-1)?.doneAt ?? null) : null;
  const startedAt = [activity?.startedAt, exercises[0]?.doneAt].filter((t): t is string => t !== undefined).sort()[0] ?? null;
  const lastActivityAt = [activity?.lastActivityAt, lastDoneAt].filter((t): t is string => typeof t === 'string').sort().at(-1) ?? null;
  let status: CellStatus;
  if (complete) status = dueAt !== null && completedAt !== null && completedAt > dueAt ? 'late' : 'complete';
  else if (completeWith(relevant)) status = 'self-reported';
  else if (dueAt !== null && now > dueAt) status = 'overdue';
  else status = startedAt !== null ? 'in-progress' : 'not-started';
  const failingCheck = complete ? null : (activity?.failingCheck ?? null);
  // Only the lesson's own exercises are listed: made-up ids cannot grow the dashboard.
  return { done: counted.length, exercises: relevant, lastDoneAt, status, startedAt, lastActivityAt, failingCheck };
}
