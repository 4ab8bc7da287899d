/** Classes: an instructor's group of students, with its join code and link. */
import { nowIso, type Classroom } from './context.ts';
import type { ClassRow } from './db/schema.ts';
import { isUniqueViolation } from './db/errors.ts';
import type { TeacherRole } from './authorization.ts';
import { ClassroomError } from './errors.ts';
import { newId } from './ids.ts';
import * as input from './input.ts';
import { formatJoinCode, newJoinCode, newJoinToken, normalizeJoinCode } from './join-codes.ts';

/** A class as its instructor sees it. */
export interface ClassSummary {
  id: string;
  name: string;
  /** "K7MX-2QPA" */
  joinCode: string;
  joinToken: string;
  createdAt: string;
  archivedAt: string | null;
  studentCount: number;
  /** Whether the instructor asking made the class or co-teaches it. */
  role: TeacherRole;
}

function summary(row: ClassRow, studentCount: number, role: TeacherRole = 'owner'): ClassSummary {
  return {
    role,
    id: row.id,
    name: row.name,
    joinCode: formatJoinCode(row.join_code),
    joinToken: row.join_token,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
    studentCount,
  };
}

/** Create a class for an instructor, with a fresh join code and link. */
export async function createClass(cx: Classroom, instructorId: string, fields: { name: unknown }): Promise<ClassSummary> {
  const name = input.name(fields.name, 'name', input.MAX_CLASS_NAME);
  // A code collision is rare (40 bits) but possible: draw again.
  for (let attempt = 0; ; attempt++) {
    const row: ClassRow = {
      id: newId(),
      instructor_id: instructorId,
      name,
      join_code: newJoinCode(),
      join_token: newJoinToken(),
      created_at: nowIso(cx),
      archived_at: null,
    };
    try {
      await cx.db.transaction().execute((trx) => trx.insertInto('classes').values(row).execute());
      return summary(row, 0);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** An instructor's classes (their own and those they co-teach), newest first, archived ones last. */
export async function listClasses(cx: Classroom, instructorId: string): Promise<ClassSummary[]> {
  const rows = await cx.db
    .selectFrom('classes')
    .leftJoin('enrolments', 'enrolments.class_id', 'classes.id')
    .selectAll('classes')
    .select((eb) => eb.fn.count<number | string>('enrolments.student_id').as('student_count'))
    .where((eb) =>
      eb.or([
        eb('classes.instructor_id', '=', instructorId),
        eb(
          'classes.id',
          'in',
          eb.selectFrom('class_teachers').innerJoin('instructors', 'instructors.email', 'class_teachers.email').select('class_teachers.class_id').where('instructors.id', '=', instructorId),
        ),
      ]),
    )
    .groupBy(['classes.id', 'classes.instructor_id', 'classes.name', 'classes.join_code', 'classes.join_token', 'classes.created_at', 'classes.archived_at'])
    .execute();
  return rows
    .map(({ student_count, ...row }) => summary(row, Number(student_count), row.instructor_id === instructorId ? 'owner' : 'co-teacher'))
    .sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || b.createdAt.localeCompare(a.createdAt));
}

/** One class of an instructor's, with its student count (and the asker's role when known). */
export async function classSummary(cx: Classroom, row: ClassRow & { role?: TeacherRole }): Promise<ClassSummary> {
  const count = await cx.db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('class_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const { role = 'owner', ...classRow } = row;
  return summary(classRow, Number(count.n), role);
}

/** Give a class a new name. */
export async function renameClass(cx: Classroom, classId: string, fields: { name: unknown }): Promise<void> {
  const name = input.name(fields.name, 'name', input.MAX_CLASS_NAME);
  await cx.db.transaction().execute((trx) => trx.updateTable('classes').set({ name }).where('id', '=', classId).execute());
}

/** A fresh join code and link for a class; the old ones open nothing from now on. */
export async function rotateJoinCode(cx: Classroom, classId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await cx.db.transaction().execute((trx) => trx.updateTable('classes').set({ join_code: newJoinCode(), join_token: newJoinToken() }).where('id', '=', classId).execute());
      return;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** Archive (or restore) a class: archived classes take no new students and leave their students' lists. */
export async function setArchived(cx: Classroom, classId: string, archived: boolean): Promise<void> {
  await cx.db.transaction().execute((trx) =>
    trx
      .updateTable('classes')
      .set({ archived_at: archived ? nowIso(cx) : null })
      .where('id', '=', classId)
      .execute(),
  );
}

/** The open class a join code or link token opens; undefined when none (or archived). */
export async function findOpenClass(cx: Classroom, by: { code?: unknown; token?: unknown }): Promise<ClassRow | undefined> {
  let query = cx.db.selectFrom('classes').selectAll().where('archived_at', 'is', null);
  if (by.token !== undefined) {
    if (typeof by.token !== 'string' || !/^[A-Za-z0-9_-]{10,64}$/.test(by.token)) return undefined;
    query = query.where('join_token', '=', by.token);
  } else {
    const code = normalizeJoinCode(by.code);
    if (code === undefined) return undefined;
    query = query.where('join_code', '=', code);
  }
  return query.executeTakeFirst();
}

/** Throws 400 unless `value` is a boolean. */
export function archivedFlag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ClassroomError('bad-request', 'archived must be true or false', { field: 'archived' });
  return value;
}
