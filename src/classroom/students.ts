/**
 * Students: no account needed, a display name is enough. An optional email and password let a
 * student sign in again from another device.
 */
import { nowIso, type Classroom } from './context.ts';
import type { Student } from './db/schema.ts';
import { isUniqueViolation } from './db/errors.ts';
import { ClassroomError } from './errors.ts';
import { newId } from './ids.ts';
import * as input from './input.ts';
import { verifyStored } from './passwords.ts';

/** What a student (and their instructors) may see about them. */
export interface StudentProfile {
  id: string;
  displayName: string;
  /** Whether they can sign in elsewhere (an email and password are set). */
  canSignIn: boolean;
}

/** The public part of a student row. */
export function studentProfile(row: Pick<Student, 'id' | 'display_name' | 'email' | 'password_hash'>): StudentProfile {
  return { id: row.id, displayName: row.display_name, canSignIn: row.email !== null && row.password_hash !== null };
}

/** Optional credentials: both or neither. */
export interface CredentialFields {
  email?: unknown;
  password?: unknown;
}

async function parseCredentials(
  cx: Classroom,
  fields: CredentialFields,
): Promise<{ email: string; password_hash: string } | undefined> {
  const email = input.optionalString(fields.email);
  const password = input.optionalString(fields.password);
  if (email === undefined && password === undefined) return undefined;
  if (email === undefined) throw new ClassroomError('bad-request', 'an email is needed with a password', { field: 'email' });
  if (password === undefined) throw new ClassroomError('bad-request', 'a password is needed with an email', { field: 'password' });
  return { email: input.email(email), password_hash: await cx.passwords.hash(input.newPassword(password)) };
}

function emailTaken(): ClassroomError {
  return new ClassroomError('conflict', 'this email is already used by another student', { field: 'email' });
}

/** Create a student from a display name and optional credentials. */
export async function createStudent(
  cx: Classroom,
  fields: { displayName: unknown } & CredentialFields,
): Promise<StudentProfile> {
  const displayName = input.name(fields.displayName, 'displayName', input.MAX_DISPLAY_NAME);
  const credentials = await parseCredentials(cx, fields);
  const row: Student = {
    id: newId(),
    display_name: displayName,
    email: credentials?.email ?? null,
    password_hash: credentials?.password_hash ?? null,
    created_at: nowIso(cx),
  };
  try {
    await cx.db.transaction().execute((trx) => trx.insertInto('students').values(row).execute());
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return studentProfile(row);
}

/** Add or replace a student's email and password (to come back from another device). */
export async function setStudentCredentials(
  cx: Classroom,
  studentId: string,
  fields: CredentialFields,
): Promise<StudentProfile> {
  const credentials = await parseCredentials(cx, fields);
  if (credentials === undefined) throw new ClassroomError('bad-request', 'email and password are required', { field: 'email' });
  try {
    await cx.db.transaction().execute((trx) =>
      trx.updateTable('students').set(credentials).where('id', '=', studentId).execute(),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  const student = await findStudent(cx, studentId);
  if (student === undefined) throw new ClassroomError('not-found', 'student not found');
  return student;
}

/** Check a student's email and password; one 401 for both mistakes. */
export async function authenticateStudent(
  cx: Classroom,
  fields: { email: unknown; password: unknown },
): Promise<StudentProfile> {
  const email = input.email(fields.email);
  const password = input.givenPassword(fields.password);
  const row = await cx.db.selectFrom('students').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await verifyStored(cx.passwords, password, row?.password_hash);
  if (!row || !ok) throw new ClassroomError('unauthenticated', 'wrong email or password');
  return studentProfile(row);
}

/** A student by id, or undefined. */
export async function findStudent(cx: Classroom, id: string): Promise<StudentProfile | undefined> {
  const row = await cx.db
    .selectFrom('students')
    .select(['id', 'display_name', 'email', 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? studentProfile(row) : undefined;
}
