/** API: joining a class, the student's own view (/me), progress reports, leaving, signing in elsewhere. */
import { findInstructor } from '../../accounts.ts';
import { findExercise } from '../../catalog.ts';
import { verifyExercise } from '../../verification.ts';
import { decodeJournal } from '../../../sandbox/worker/journal-wire.ts';
import { requireEnrolment, requireOpenEnrolment } from '../../authorization.ts';
import { findOpenClass } from '../../classes.ts';
import { enrol, unenrol } from '../../enrolments.ts';
import { ClassroomError } from '../../errors.ts';
import { studentOverview } from '../../overview.ts';
import { listProgress as progressOf, parseProgressItems, recordProgress as record } from '../../progress.ts';
import { createSession, revokeAllSessions, revokeSession } from '../../sessions.ts';
import { authenticateStudent, createStudent, findStudent, setStudentCredentials } from '../../students.ts';
import type { ApiRequest } from '../api.ts';
import { clearedCookie, sessionCookie } from '../cookies.ts';
import { json, noContent } from '../responses.ts';
import { startsWithSetup } from '../../../sandbox/setup.ts';

async function startSession(req: ApiRequest, studentId: string): Promise<void> {
  await revokeSession(req.cx, req.auth.tokens.student);
  const session = await createSession(req.cx, 'student', studentId);
  req.setCookies.push(sessionCookie('student', session.token, session.expiresAt, req.secure, req.cx.now()));
}

/**
 * POST /join {code | token, displayName, email?, password?} → {student, class}. A browser that is
 * already a student joins as itself (the name fields are ignored); otherwise a student is created.
 */
export async function join(req: ApiRequest): Promise<Response> {
  await req.cx.limits.join.take(req.address);
  const body = await req.body();
  const classRow = await findOpenClass(req.cx, body.token !== undefined ? { token: body.token } : { code: body.code });
  if (!classRow) throw new ClassroomError('not-found', 'no open class has this code', { field: 'code' });
  let student = req.auth.studentId ? await findStudent(req.cx, req.auth.studentId) : undefined;
  if (!student) {
    student = await createStudent(req.cx, { displayName: body.displayName, email: body.email, password: body.password });
    await startSession(req, student.id);
  }
  await enrol(req.cx, student.id, classRow);
  return json({ student, class: { id: classRow.id, name: classRow.name } });
}

/** POST /student/sign-in {email, password} → {student}: come back from another device. */
export async function signIn(req: ApiRequest): Promise<Response> {
  await req.cx.limits.signInAddress.take(req.address);
  const body = await req.body();
  await req.cx.limits.signIn.take(`student:${String(body.email).trim().toLowerCase()}|${req.address}`);
  const student = await authenticateStudent(req.cx, { email: body.email, password: body.password });
  await startSession(req, student.id);
  return json({ student });
}

/** POST /student/sign-out → 204 (this device forgets the student; the enrolments stay). */
export async function signOut(req: ApiRequest): Promise<Response> {
  req.studentId();
  await revokeSession(req.cx, req.auth.tokens.student);
  req.setCookies.push(clearedCookie('student', req.secure));
  return noContent();
}

/**
 * PUT /me/credentials {email, password, currentPassword?} → {student}; 5 per 10 minutes per student
 * (each costs a hash). Changing an existing password needs the current one and signs out other devices.
 */
export async function setCredentials(req: ApiRequest): Promise<Response> {
  const studentId = req.studentId();
  await req.cx.limits.credentials.take(`student:${studentId}`);
  const body = await req.body();
  const student = await setStudentCredentials(req.cx, studentId, {
    email: body.email,
    password: body.password,
    currentPassword: body.currentPassword,
  });
  await revokeAllSessions(req.cx, 'student', studentId, req.auth.tokens.student);
  return json({ student });
}

/** POST /student/sign-out-everywhere → 204: every device of this student is signed out, this one too. */
export async function signOutEverywhere(req: ApiRequest): Promise<Response> {
  await revokeAllSessions(req.cx, 'student', req.studentId());
  req.setCookies.push(clearedCookie('student', req.secure));
  return noContent();
}

/** DELETE /me/classes/:classId → 204: the student leaves the class. */
export async function leave(req: ApiRequest): Promise<Response> {
  const studentId = req.studentId();
  const classId = req.params.classId as string;
  await requireEnrolment(req.cx, studentId, classId);
  await unenrol(req.cx, studentId, classId);
  return noContent();
}

/** GET /me → {instructor, student, classes}: who this browser is; anonymous gets nulls. */
export async function me(req: ApiRequest): Promise<Response> {
  const instructor = req.auth.instructorId ? ((await findInstructor(req.cx, req.auth.instructorId)) ?? null) : null;
  const student = req.auth.studentId ? ((await findStudent(req.cx, req.auth.studentId)) ?? null) : null;
  const classes = student ? await studentOverview(req.cx, student.id, req.catalog) : [];
  return json({ instructor, student, classes });
}

/** GET /progress → {items}: the student's completions (to restore them on another device). */
export async function listProgress(req: ApiRequest): Promise<Response> {
  return json({ items: await progressOf(req.cx, req.studentId()) });
}

/**
 * POST /progress {items: [{lessonSlug, exerciseId}]} → {recorded}; idempotent. Stored as self-reported:
 * it never counts as done (see POST /progress/verify and the terminal's `check`).
 */
export async function recordProgress(req: ApiRequest): Promise<Response> {
  const studentId = req.studentId();
  await req.cx.limits.progress.take(studentId);
  await requireOpenEnrolment(req.cx, studentId);
  const body = await req.body();
  const recorded = await record(req.cx, studentId, parseProgressItems(body.items, req.catalog));
  return json({ recorded });
}

/**
 * POST /progress/verify {lessonSlug, exerciseId, journal} → {verified, doneAt, verdicts}: the
 * in-browser simulator's journal is replayed in the server's simulator and the exercise's checks
 * from the catalog run there; a pass records the completion at the server's time.
 */
export async function verifyProgress(req: ApiRequest): Promise<Response> {
  const studentId = req.studentId();
  await req.cx.limits.progress.take(studentId);
  await requireOpenEnrolment(req.cx, studentId);
  const body = await req.body();
  const [item] = parseProgressItems([body], req.catalog);
  const exercise = item ? findExercise(req.catalog, item.lessonSlug, item.exerciseId) : undefined;
  if (!item || !exercise) throw new ClassroomError('bad-request', 'this exercise cannot be verified', { field: 'exerciseId' });
  const decoded = decodeJournal(body.journal);
  if (!decoded.ok) throw new ClassroomError('bad-request', decoded.error, { field: 'journal' });
  const lessonProfile = req.catalog.bySlug.get(item.lessonSlug)?.profile ?? '';
  if (decoded.saved.profile !== lessonProfile) {
    throw new ClassroomError('bad-request', `the journal is of another sandbox (profile "${decoded.saved.profile}", the lesson needs "${lessonProfile}")`, { field: 'journal' });
  }
  // A broken lab counts only when fixed: the replay must start from the lab's hidden setup.
  const setup = req.catalog.bySlug.get(item.lessonSlug)?.setup;
  if (setup && !startsWithSetup(decoded.saved.events, setup)) {
    throw new ClassroomError('bad-request', `the journal does not start with the setup of lab ${item.lessonSlug}: this sandbox was not the broken lab`, { field: 'journal' });
  }
  // The simulator is loaded on the first journal, not with every classroom request.
  const { withReplayedSandbox } = await import('../../replay-verification.ts');
  const replayed = await withReplayedSandbox(decoded.saved, (run) => verifyExercise(req.cx, req.catalog, studentId, item, 'replay', run));
  if (!replayed.ok) {
    if (replayed.code === 'busy') throw new ClassroomError('rate-limited', replayed.error, { retryAfter: 5 });
    throw new ClassroomError('bad-request', replayed.error, { field: 'journal' });
  }
  const result = replayed.value;
  if (!result.ok) throw new ClassroomError('bad-request', result.error, { field: 'exerciseId' });
  return json({ verified: result.doneAt !== null, doneAt: result.doneAt, verdicts: result.outcome.verdicts });
}
