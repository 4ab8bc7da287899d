/**
 * The instructor's dashboard: students × assigned lessons. Each cell says done / late / started /
 * not started / overdue, with the exercises the server verified and when (its own
 * clock), the student's activity in the lesson and the check that fails for them; each row has
 * totals, last activity and what the student is stuck on; each column its completion counts. Built on
 * the server's progress model (progress-model.ts); no per-cell queries.
 */
import type { Classroom } from './context.ts';
import { assignedLessons, listAssignments, type AssignedLesson } from './assignments.ts';
import type { Catalog } from './catalog.ts';
import type { ClassRow } from './db/schema.ts';
import { listStudents, type EnrolledStudent } from './enrolments.ts';
import { readClassProgress, type LessonProgress } from './progress-model.ts';

/**
 * `complete` and `late` are done (every exercise verified by the server); `overdue` is not done past
 * its due date; `in-progress` is started. What the browser alone claims never changes the status: it
 * is listed apart (`selfReported`), marked as not verified.
 */
export type CellStatus = 'complete' | 'late' | 'overdue' | 'in-progress' | 'not-started';

export interface DashboardColumn {
  slug: string;
  chapter: number;
  section: string;
  title: string;
  dueAt: string | null;
  /** Exercises in the lesson, when the catalog knows them. */
  total: number | null;
  /** Students per outcome in this lesson: done = complete + late; selfReported = with unverified claims. */
  counts: { done: number; late: number; started: number; overdue: number; selfReported: number };
}

export interface DashboardCell {
  /** Exercises done, verified by the server (counted towards completion). */
  done: number;
  /** The verified exercises, with the server's time. */
  exercises: Array<{ id: string; doneAt: string }>;
  /** Exercises only the browser says are done (a static site, an old report): shown as such, never as done. */
  selfReported: Array<{ id: string; doneAt: string }>;
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

/** Build the dashboard of a class (authorization is the caller's: see authorization.ts). */
export async function buildDashboard(cx: Classroom, classRow: ClassRow, catalog: Catalog): Promise<Dashboard> {
  const [assignments, students] = await Promise.all([listAssignments(cx, classRow.id), listStudents(cx, classRow.id)]);
  const lessons = assignedLessons(assignments, catalog);
  const progress = students.length > 0 ? await readClassProgress(cx, classRow.id, lessons) : new Map();

  const now = cx.now().toISOString();
  const rows = students.map((student): DashboardRow => {
    const cells = lessons.map((lesson) => cell(lesson, progress.get(student.id)?.get(lesson.slug), now));
    return {
      student,
      cells,
      ...rowSummary(
        cells,
        lessons.map((lesson) => lesson.slug),
      ),
    };
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
    if (c.selfReported.length > 0) counts.selfReported++;
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
 * One cell from the server's progress on the lesson. Done means every exercise verified by the server
 * (late when that was after the due date); the browser's own claims are listed apart and change
 * nothing. Only the lesson's own exercises are listed, so made-up ids cannot grow the dashboard. The
 * failing check is named while the lesson is not done.
 */
export function cell(lesson: Pick<AssignedLesson, 'exercises' | 'dueAt'>, progress: LessonProgress | undefined, now: string): DashboardCell {
  const known = lesson.exercises;
  const own = (id: string) => known.length === 0 || known.includes(id);
  const exercises = (progress?.verified ?? []).filter((e) => own(e.exerciseId)).map((e) => ({ id: e.exerciseId, doneAt: e.doneAt }));
  const selfReported = (progress?.selfReported ?? []).filter((e) => own(e.exerciseId)).map((e) => ({ id: e.exerciseId, doneAt: e.doneAt }));
  const completedAt = progress?.completedAt ?? null;
  const lastDoneAt =
    exercises
      .map((e) => e.doneAt)
      .sort()
      .at(-1) ?? null;
  const startedAt = progress?.startedAt ?? null;
  const lastActivityAt = progress?.lastActivityAt ?? null;
  let status: CellStatus;
  if (completedAt !== null) status = lesson.dueAt !== null && completedAt > lesson.dueAt ? 'late' : 'complete';
  else if (lesson.dueAt !== null && now > lesson.dueAt) status = 'overdue';
  else status = startedAt !== null ? 'in-progress' : 'not-started';
  const failing = completedAt === null ? (progress?.failing ?? null) : null;
  return {
    done: exercises.length,
    exercises,
    selfReported,
    lastDoneAt,
    status,
    startedAt,
    lastActivityAt,
    failingCheck: failing ? `${failing.exerciseId}: ${failing.hint}` : null,
  };
}
