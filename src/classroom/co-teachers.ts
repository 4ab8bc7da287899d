/**
 * Co-teachers: the owner of a class invites another instructor by email. The invitation is the access:
 * whoever is signed in with that email (an account made before or after) sees and manages the class.
 * Nothing says whether an account with the email exists (no enumeration), and no mail is sent: the
 * owner tells their colleague.
 */
import { nowIso, type Classroom } from './context.ts';
import { ClassroomError } from './errors.ts';
import * as input from './input.ts';

export interface CoTeacher {
  email: string;
  invitedAt: string;
}

/** Co-teachers per class at most: a department, not a mailing list. */
export const MAX_CO_TEACHERS = 20;

/** The co-teachers of a class, in invitation order. */
export async function listCoTeachers(cx: Classroom, classId: string): Promise<CoTeacher[]> {
  const rows = await cx.db.selectFrom('class_teachers').select(['email', 'invited_at']).where('class_id', '=', classId).orderBy('invited_at').orderBy('email').execute();
  return rows.map((row) => ({ email: row.email, invitedAt: row.invited_at }));
}

/** Invite `email` to co-teach; inviting twice is not an error, inviting the owner is. */
export async function inviteCoTeacher(cx: Classroom, classId: string, ownerId: string, fields: { email: unknown }): Promise<void> {
  const email = input.email(fields.email);
  const owner = await cx.db.selectFrom('instructors').select('email').where('id', '=', ownerId).executeTakeFirst();
  if (owner?.email === email) throw new ClassroomError('bad-request', 'you already teach this class', { field: 'email' });
  await cx.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('class_teachers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('class_id', '=', classId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_CO_TEACHERS) {
      throw new ClassroomError('bad-request', `a class has at most ${MAX_CO_TEACHERS} co-teachers`, { field: 'email' });
    }
    await trx
      .insertInto('class_teachers')
      .values({ class_id: classId, email, invited_by: ownerId, invited_at: nowIso(cx) })
      .onConflict((oc) => oc.columns(['class_id', 'email']).doNothing())
      .execute();
  });
}

/** Withdraw a co-teacher's access; 404 when `email` was not invited. */
export async function removeCoTeacher(cx: Classroom, classId: string, fields: { email: unknown }): Promise<void> {
  const email = input.email(fields.email);
  const result = await cx.db.transaction().execute((trx) => trx.deleteFrom('class_teachers').where('class_id', '=', classId).where('email', '=', email).executeTakeFirst());
  if (Number(result.numDeletedRows) === 0) throw new ClassroomError('not-found', 'no such co-teacher', { field: 'email' });
}
