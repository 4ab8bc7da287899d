/** Instructor accounts: sign up and sign in with email and password. */
import { nowIso, type Classroom } from './context.ts';
import type { Instructor } from './db/schema.ts';
import { ClassroomError } from './errors.ts';
import { newId } from './ids.ts';
import * as input from './input.ts';
import { verifyStored } from './passwords.ts';
import { isUniqueViolation } from './db/errors.ts';

/** What an instructor may see about themself. */
export interface InstructorProfile {
  id: string;
  email: string;
  name: string;
}

/** The public part of an instructor row. */
export function profile(row: Pick<Instructor, 'id' | 'email' | 'name'>): InstructorProfile {
  return { id: row.id, email: row.email, name: row.name };
}

/** One answer for a sign-up we will not take, that does not say an account exists. */
function cannotSignUp(): ClassroomError {
  return new ClassroomError('conflict', 'cannot create an account with this email; sign in if it is yours', { field: 'email' });
}

/** Create an instructor account; 409 when the email is taken, found before any hashing. */
export async function signUpInstructor(cx: Classroom, fields: { email: unknown; password: unknown; name: unknown }): Promise<InstructorProfile> {
  const email = input.email(fields.email);
  const password = input.newPassword(fields.password);
  const name = input.name(fields.name ?? email.split('@')[0], 'name', input.MAX_DISPLAY_NAME);
  if (await cx.db.selectFrom('instructors').select('id').where('email', '=', email).executeTakeFirst()) throw cannotSignUp();
  const row: Instructor = {
    id: newId(),
    email,
    name,
    password_hash: await cx.passwords.changes.hash(password),
    created_at: nowIso(cx),
  };
  try {
    await cx.db.transaction().execute((trx) => trx.insertInto('instructors').values(row).execute());
  } catch (error) {
    if (isUniqueViolation(error)) throw cannotSignUp();
    throw error;
  }
  return profile(row);
}

/** Check an instructor's email and password; the same 401 whether the email or the password is wrong. */
export async function authenticateInstructor(cx: Classroom, fields: { email: unknown; password: unknown }): Promise<InstructorProfile> {
  const email = input.email(fields.email);
  const password = input.givenPassword(fields.password);
  const row = await cx.db.selectFrom('instructors').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await verifyStored(cx.passwords, password, row?.password_hash);
  if (!row || !ok) throw new ClassroomError('unauthenticated', 'wrong email or password');
  if (cx.passwords.needsRehash(row.password_hash)) {
    const password_hash = await cx.passwords.hash(password);
    await cx.db.transaction().execute((trx) => trx.updateTable('instructors').set({ password_hash }).where('id', '=', row.id).execute());
  }
  return profile(row);
}

/** Change an instructor's password: the current one must be right (403 otherwise), the new one pass the rules. */
export async function changeInstructorPassword(cx: Classroom, instructorId: string, fields: { currentPassword: unknown; newPassword: unknown }): Promise<void> {
  const current = input.givenPassword(fields.currentPassword, 'currentPassword');
  const next = input.newPassword(fields.newPassword, 'newPassword');
  const row = await cx.db.selectFrom('instructors').select('password_hash').where('id', '=', instructorId).executeTakeFirst();
  if (!row || !(await cx.passwords.changes.verify(current, row.password_hash))) {
    throw new ClassroomError('forbidden', 'the current password is wrong', { field: 'currentPassword' });
  }
  const password_hash = await cx.passwords.changes.hash(next);
  await cx.db.transaction().execute((trx) => trx.updateTable('instructors').set({ password_hash }).where('id', '=', instructorId).execute());
}

/** An instructor by id, or undefined. */
export async function findInstructor(cx: Classroom, id: string): Promise<InstructorProfile | undefined> {
  const row = await cx.db.selectFrom('instructors').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
  return row ? profile(row) : undefined;
}
