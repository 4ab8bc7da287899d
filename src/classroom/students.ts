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
import { newJoinCode } from './join-codes.ts';
import { verifyStored } from './passwords.ts';
import { revokeAllSessions } from './sessions.ts';

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

/**
 * Validate optional credentials and hash the password, checking first that no other student has the
 * email: a taken email costs no hash (so it cannot be used to keep the hasher busy).
 */
async function parseCredentials(cx: Classroom, fields: CredentialFields, self?: string): Promise<{ email: string; password_hash: string } | undefined> {
  const email = input.optionalString(fields.email);
  const password = input.optionalString(fields.password);
  if (email === undefined && password === undefined) return undefined;
  if (email === undefined) throw new ClassroomError('bad-request', 'an email is needed with a password', { field: 'email' });
  if (password === undefined) throw new ClassroomError('bad-request', 'a password is needed with an email', { field: 'password' });
  const clean = input.email(email);
  const plain = input.newPassword(password);
  let owner = cx.db.selectFrom('students').select('id').where('email', '=', clean);
  if (self !== undefined) owner = owner.where('id', '<>', self);
  if (await owner.executeTakeFirst()) throw emailUnusable();
  return { email: clean, password_hash: await cx.passwords.changes.hash(plain) };
}

/**
 * One answer for every email we will not take, worded so it does not say that another student has it
 * (the rate limits keep probing slow; see docs/classroom.md).
 */
function emailUnusable(): ClassroomError {
  return new ClassroomError('conflict', 'this email cannot be used here; try another one', { field: 'email' });
}

/** Create a student from a display name and optional credentials. */
export async function createStudent(cx: Classroom, fields: { displayName: unknown } & CredentialFields): Promise<StudentProfile> {
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
    if (isUniqueViolation(error)) throw emailUnusable();
    throw error;
  }
  return studentProfile(row);
}

/**
 * Add or replace a student's email and password (to come back from another device). A student who
 * already has a password must give it (`currentPassword`): a borrowed cookie cannot take the account.
 */
export async function setStudentCredentials(cx: Classroom, studentId: string, fields: CredentialFields & { currentPassword?: unknown }): Promise<StudentProfile> {
  const existing = await cx.db.selectFrom('students').select('password_hash').where('id', '=', studentId).executeTakeFirst();
  if (existing === undefined) throw new ClassroomError('not-found', 'student not found');
  if (existing.password_hash !== null) {
    const current = input.givenPassword(fields.currentPassword, 'currentPassword');
    if (!(await cx.passwords.changes.verify(current, existing.password_hash))) {
      throw new ClassroomError('forbidden', 'the current password is wrong', { field: 'currentPassword' });
    }
  }
  const credentials = await parseCredentials(cx, fields, studentId);
  if (credentials === undefined) throw new ClassroomError('bad-request', 'email and password are required', { field: 'email' });
  try {
    await cx.db.transaction().execute((trx) => trx.updateTable('students').set(credentials).where('id', '=', studentId).execute());
  } catch (error) {
    if (isUniqueViolation(error)) throw emailUnusable();
    throw error;
  }
  const student = await findStudent(cx, studentId);
  if (student === undefined) throw new ClassroomError('not-found', 'student not found');
  return student;
}

/** Check a student's email and password; one 401 for both mistakes. */
export async function authenticateStudent(cx: Classroom, fields: { email: unknown; password: unknown }): Promise<StudentProfile> {
  const email = input.email(fields.email);
  const password = input.givenPassword(fields.password);
  const row = await cx.db.selectFrom('students').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await verifyStored(cx.passwords, password, row?.password_hash);
  if (!row || !ok) throw new ClassroomError('unauthenticated', 'wrong email or password');
  return studentProfile(row);
}

/**
 * An instructor gives a student of their class a new password (the student forgot it): a random one,
 * shown once to the instructor; every session of the student ends. Only for students with an email,
 * since without one there is nothing to sign in with.
 */
export async function resetStudentPassword(cx: Classroom, studentId: string): Promise<string> {
  const row = await cx.db.selectFrom('students').select(['email']).where('id', '=', studentId).executeTakeFirst();
  if (row === undefined) throw new ClassroomError('not-found', 'student not found');
  if (row.email === null) {
    throw new ClassroomError('bad-request', 'this student has no email to sign in with', { reason: 'no-email' });
  }
  const password = temporaryPassword();
  const password_hash = await cx.passwords.changes.hash(password);
  await cx.db.transaction().execute((trx) => trx.updateTable('students').set({ password_hash }).where('id', '=', studentId).execute());
  await revokeAllSessions(cx, 'student', studentId);
  return password;
}

/** A readable random password: 4 groups of 4 from the join-code alphabet (80 bits), e.g. "K7MX-2QPA-...". */
function temporaryPassword(): string {
  return Array.from({ length: 4 }, () => newJoinCode().slice(0, 4)).join('-');
}

/** A student by id, or undefined. */
export async function findStudent(cx: Classroom, id: string): Promise<StudentProfile | undefined> {
  const row = await cx.db.selectFrom('students').select(['id', 'display_name', 'email', 'password_hash']).where('id', '=', id).executeTakeFirst();
  return row ? studentProfile(row) : undefined;
}
