/** Which students are in which class: joining, leaving, being removed. */
import { nowIso, type Classroom } from './context.ts';
import type { ClassRow } from './db/schema.ts';
import { ClassroomError, notFound } from './errors.ts';
import { revokeAllSessions } from './sessions.ts';

/** A student in a class, as the instructor sees them. */
export interface EnrolledStudent {
  id: string;
  displayName: string;
  joinedAt: string;
  /** A short stable tag from the id, to tell apart two students with the same name ("#k3F9"). */
  tag: string;
  /** Whether they can sign in elsewhere (an email and password are set): then a password reset helps. */
  canSignIn: boolean;
}

/** The short tag shown beside equal names. */
export function studentTag(id: string): string {
  return `#${id.slice(0, 4)}`;
}

/** A class as its student sees it. */
export interface StudentClass {
  id: string;
  name: string;
  joinedAt: string;
}

/** Put a student in an open class; joining twice is not an error; a student the instructor removed is refused. */
export async function enrol(cx: Classroom, studentId: string, classRow: ClassRow): Promise<void> {
  await cx.db.transaction().execute(async (trx) => {
    const removed = await trx.selectFrom('class_removals').select('removed_at').where('class_id', '=', classRow.id).where('student_id', '=', studentId).executeTakeFirst();
    if (removed) throw new ClassroomError('forbidden', 'the instructor removed you from this class', { reason: 'removed' });
    await trx
      .insertInto('enrolments')
      .values({ class_id: classRow.id, student_id: studentId, joined_at: nowIso(cx) })
      .onConflict((oc) => oc.columns(['class_id', 'student_id']).doNothing())
      .execute();
  });
}

/**
 * The instructor removes students from a class: their enrolment goes, their id may not join this class
 * again, and a student left in no class loses every session (their cookie stops working at once).
 * Students not in the class are skipped; returns how many were removed.
 */
export async function removeStudents(cx: Classroom, classId: string, studentIds: readonly string[]): Promise<number> {
  if (studentIds.length === 0) return 0;
  const now = nowIso(cx);
  const removed = await cx.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('enrolments').select('student_id').where('class_id', '=', classId).where('student_id', 'in', studentIds).execute();
    const ids = rows.map((row) => row.student_id);
    if (ids.length === 0) return ids;
    await trx.deleteFrom('enrolments').where('class_id', '=', classId).where('student_id', 'in', ids).execute();
    await trx
      .insertInto('class_removals')
      .values(ids.map((student_id) => ({ class_id: classId, student_id, removed_at: now })))
      .onConflict((oc) => oc.columns(['class_id', 'student_id']).doNothing())
      .execute();
    return ids;
  });
  // A student still in another class keeps their session there: removal is from this class only.
  const stillEnrolled = new Set(removed.length === 0 ? [] : (await cx.db.selectFrom('enrolments').select('student_id').where('student_id', 'in', removed).execute()).map((row) => row.student_id));
  for (const id of removed) if (!stillEnrolled.has(id)) await revokeAllSessions(cx, 'student', id);
  return removed.length;
}

/** Take a student out of a class (they leave, or the instructor removes them); 404 if not in it. */
export async function unenrol(cx: Classroom, studentId: string, classId: string): Promise<void> {
  const result = await cx.db.transaction().execute((trx) => trx.deleteFrom('enrolments').where('class_id', '=', classId).where('student_id', '=', studentId).executeTakeFirst());
  if (Number(result.numDeletedRows) === 0) throw notFound('student');
}

/** The students of a class, by name. */
export async function listStudents(cx: Classroom, classId: string): Promise<EnrolledStudent[]> {
  const rows = await cx.db
    .selectFrom('enrolments')
    .innerJoin('students', 'students.id', 'enrolments.student_id')
    .select(['students.id', 'students.display_name', 'students.email', 'students.password_hash', 'enrolments.joined_at'])
    .where('enrolments.class_id', '=', classId)
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      displayName: row.display_name,
      joinedAt: row.joined_at,
      tag: studentTag(row.id),
      canSignIn: row.email !== null && row.password_hash !== null,
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.joinedAt.localeCompare(b.joinedAt));
}

/** The open classes a student is in, oldest enrolment first. */
export async function studentClasses(cx: Classroom, studentId: string): Promise<StudentClass[]> {
  const rows = await cx.db
    .selectFrom('enrolments')
    .innerJoin('classes', 'classes.id', 'enrolments.class_id')
    .select(['classes.id', 'classes.name', 'enrolments.joined_at'])
    .where('enrolments.student_id', '=', studentId)
    .where('classes.archived_at', 'is', null)
    .orderBy('enrolments.joined_at')
    .orderBy('classes.id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, joinedAt: row.joined_at }));
}
