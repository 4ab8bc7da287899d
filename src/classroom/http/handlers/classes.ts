/** API: an instructor's classes, their assignments, dashboard, CSV export and students. */
import { createHash } from 'node:crypto';
import { listAssignments, parseAssignments, replaceAssignments } from '../../assignments.ts';
import { managedClass, ownedClass, type ManagedClass } from '../../authorization.ts';
import { archivedFlag, classSummary, createClass, listClasses, renameClass, rotateJoinCode, setArchived } from '../../classes.ts';
import { inviteCoTeacher, listCoTeachers, removeCoTeacher } from '../../co-teachers.ts';
import { dashboardCsv as toCsv } from '../../csv.ts';
import { buildDashboard } from '../../dashboard.ts';
import { listStudents, removeStudents } from '../../enrolments.ts';
import { ClassroomError, notFound } from '../../errors.ts';
import * as input from '../../input.ts';
import { resetStudentPassword } from '../../students.ts';
import type { ApiRequest } from '../api.ts';
import { download, json, noContent } from '../responses.ts';

function classId(req: ApiRequest): string {
  return req.params.classId as string;
}

/** The class of the URL if the signed-in instructor owns or co-teaches it; 404 otherwise. */
function managed(req: ApiRequest): Promise<ManagedClass> {
  return managedClass(req.cx, req.instructorId(), classId(req));
}

/** The class as the asking instructor sees it, after a change. */
async function fresh(req: ApiRequest): Promise<Response> {
  return json({ class: await classSummary(req.cx, await managed(req)) });
}

/** GET /classes → {classes}. */
export async function list(req: ApiRequest): Promise<Response> {
  return json({ classes: await listClasses(req.cx, req.instructorId()) });
}

/** POST /classes {name} → 201 {class}. */
export async function create(req: ApiRequest): Promise<Response> {
  const instructorId = req.instructorId();
  const body = await req.body();
  return json({ class: await createClass(req.cx, instructorId, { name: body.name }) }, 201);
}

/** GET /classes/:classId → {class, assignments, students, coTeachers}. */
export async function get(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const [summary, assignments, students, coTeachers] = await Promise.all([classSummary(req.cx, row), listAssignments(req.cx, row.id), listStudents(req.cx, row.id), listCoTeachers(req.cx, row.id)]);
  return json({ class: summary, assignments, students, coTeachers });
}

/** POST /classes/:classId/archive {archived} → {class}. */
export async function archive(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const body = await req.body();
  await setArchived(req.cx, row.id, archivedFlag(body.archived));
  return fresh(req);
}

/** PUT /classes/:classId/name {name} → {class}. */
export async function rename(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const body = await req.body();
  await renameClass(req.cx, row.id, { name: body.name });
  return fresh(req);
}

/** POST /classes/:classId/join-code → {class}: a new code and link; the old ones stop working. */
export async function rotateCode(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  await rotateJoinCode(req.cx, row.id);
  return fresh(req);
}

/** PUT /classes/:classId/assignments {assignments: [{kind, target, dueAt}]} → {assignments}. */
export async function putAssignments(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const body = await req.body();
  await replaceAssignments(req.cx, row.id, parseAssignments(body.assignments, req.catalog));
  return json({ assignments: await listAssignments(req.cx, row.id) });
}

/** GET /classes/:classId/dashboard → the dashboard; 304 when unchanged since If-None-Match (polling). */
export async function dashboard(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const { generatedAt: _ignored, ...content } = await buildDashboard(req.cx, row, req.catalog);
  const body = JSON.stringify(content);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  if (req.request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': 'no-store' } });
  }
  return json(content, 200, { etag });
}

/** GET /classes/:classId/dashboard.csv → text/csv download. */
export async function dashboardCsv(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const data = await buildDashboard(req.cx, row, req.catalog);
  return download(toCsv(data), 'text/csv; charset=utf-8', `vethlab-${row.id}.csv`);
}

/** DELETE /classes/:classId/students/:studentId → 204; the student may not come back (see removeStudents). */
export async function removeStudent(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  if ((await removeStudents(req.cx, row.id, [req.params.studentId as string])) === 0) throw notFound('student');
  return noContent();
}

/** Students one bulk removal may name: a whole class fits. */
const MAX_BULK_REMOVE = 500;

/** POST /classes/:classId/students/remove {studentIds} → {removed}: several at once (one confirmation in the UI). */
export async function removeManyStudents(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  const body = await req.body();
  if (!Array.isArray(body.studentIds) || body.studentIds.length === 0 || body.studentIds.length > MAX_BULK_REMOVE) {
    throw new ClassroomError('bad-request', `studentIds must list 1 to ${MAX_BULK_REMOVE} students`, { field: 'studentIds' });
  }
  const ids = body.studentIds.map((id, index) => input.identifier(id, `studentIds[${index}]`, 64));
  return json({ removed: await removeStudents(req.cx, row.id, ids) });
}

/**
 * POST /classes/:classId/students/:studentId/password → {password}: a new random password for a
 * student of this class who forgot theirs, shown once; their sessions end.
 */
export async function resetPassword(req: ApiRequest): Promise<Response> {
  const row = await managed(req);
  await req.cx.limits.credentials.take(`instructor:${req.instructorId()}`);
  const studentId = req.params.studentId as string;
  if (!(await listStudents(req.cx, row.id)).some((student) => student.id === studentId)) throw notFound('student');
  return json({ password: await resetStudentPassword(req.cx, studentId) });
}

/** POST /classes/:classId/teachers {email} → {coTeachers}: only the owner invites. */
export async function inviteTeacher(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const body = await req.body();
  await inviteCoTeacher(req.cx, row.id, row.instructor_id, { email: body.email });
  return json({ coTeachers: await listCoTeachers(req.cx, row.id) });
}

/** POST /classes/:classId/teachers/remove {email} → {coTeachers}: only the owner withdraws an invitation. */
export async function removeTeacher(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const body = await req.body();
  await removeCoTeacher(req.cx, row.id, { email: body.email });
  return json({ coTeachers: await listCoTeachers(req.cx, row.id) });
}
