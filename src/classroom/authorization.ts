/**
 * Who may touch what, checked for each object on the server (OWASP IDOR): an instructor only their own
 * classes, a student only their own enrolments and progress. Anything else looks like "not found",
 * so ids of other people's classes reveal nothing.
 */
import type { Classroom } from './context.ts';
import type { ClassRow } from './db/schema.ts';
import { ClassroomError, notFound } from './errors.ts';

/** How an instructor holds a class: they made it, or its owner invited their email. */
export type TeacherRole = 'owner' | 'co-teacher';

/** A class with the role of the instructor asking for it. */
export type ManagedClass = ClassRow & { role: TeacherRole };

/**
 * The class `classId` if `instructorId` owns it or co-teaches it (an invitation to their email);
 * 404 otherwise. Everything but the co-teacher list itself is managed through this.
 */
export async function managedClass(cx: Classroom, instructorId: string, classId: string): Promise<ManagedClass> {
  const row = await cx.db
    .selectFrom('classes')
    .selectAll()
    .where('id', '=', classId)
    .where((eb) =>
      eb.or([
        eb('instructor_id', '=', instructorId),
        eb.exists(
          eb
            .selectFrom('class_teachers')
            .innerJoin('instructors', 'instructors.email', 'class_teachers.email')
            .select('class_teachers.class_id')
            .whereRef('class_teachers.class_id', '=', 'classes.id')
            .where('instructors.id', '=', instructorId),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw notFound('class');
  return { ...row, role: row.instructor_id === instructorId ? 'owner' : 'co-teacher' };
}

/** The class `classId` if `instructorId` owns it; 404 otherwise. */
export async function ownedClass(cx: Classroom, instructorId: string, classId: string): Promise<ClassRow> {
  const row = await cx.db.selectFrom('classes').selectAll().where('id', '=', classId).where('instructor_id', '=', instructorId).executeTakeFirst();
  if (!row) throw notFound('class');
  return row;
}

/** Throws 404 unless `studentId` is enrolled in `classId`. */
export async function requireEnrolment(cx: Classroom, studentId: string, classId: string): Promise<void> {
  const row = await cx.db.selectFrom('enrolments').select('class_id').where('class_id', '=', classId).where('student_id', '=', studentId).executeTakeFirst();
  if (!row) throw notFound('class');
}

/** Throws 403 unless `studentId` is in at least one open class (only then is their progress collected). */
export async function requireOpenEnrolment(cx: Classroom, studentId: string): Promise<void> {
  const row = await cx.db
    .selectFrom('enrolments')
    .innerJoin('classes', 'classes.id', 'enrolments.class_id')
    .select('enrolments.class_id')
    .where('enrolments.student_id', '=', studentId)
    .where('classes.archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new ClassroomError('forbidden', 'not a member of any open class');
}
