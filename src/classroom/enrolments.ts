/** Which students are in which class: joining, leaving, being removed. */
import { nowIso, type Classroom } from './context.ts';
import type { ClassRow } from './db/schema.ts';
import { notFound } from './errors.ts';

/** A student in a class, as the instructor sees them. */
export interface EnrolledStudent {
  id: string;
  displayName: string;
  joinedAt: string;
}

/** A class as its student sees it. */
export interface StudentClass {
  id: string;
  name: string;
  joinedAt: string;
}

/** Put a student in an open class; joining twice is not an error. */
export async function enrol(cx: Classroom, studentId: string, classRow: ClassRow): Promise<void> {
  await cx.db.transaction().execute((trx) =>
    trx
      .insertInto('enrolments')
      .values({ class_id: classRow.id, student_id: studentId, joined_at: nowIso(cx) })
      .onConflict((oc) => oc.columns(['class_id', 'student_id']).doNothing())
      .execute(),
  );
}

/** Take a student out of a class (they leave, or the instructor removes them); 404 if not in it. */
export async function unenrol(cx: Classroom, studentId: string, classId: string): Promise<void> {
  const result = await cx.db.transaction().execute((trx) =>
    trx.deleteFrom('enrolments').where('class_id', '=', classId).where('student_id', '=', studentId).executeTakeFirst(),
  );
  if (Number(result.numDeletedRows) === 0) throw notFound('student');
}

/** The students of a class, by name. */
export async function listStudents(cx: Classroom, classId: string): Promise<EnrolledStudent[]> {
  const rows = await cx.db
    .selectFrom('enrolments')
    .innerJoin('students', 'students.id', 'enrolments.student_id')
    .select(['students.id', 'students.display_name', 'enrolments.joined_at'])
    .where('enrolments.class_id', '=', classId)
    .execute();
  return rows
    .map((row) => ({ id: row.id, displayName: row.display_name, joinedAt: row.joined_at }))
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
