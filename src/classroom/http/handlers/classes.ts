/** API: an instructor's classes, their assignments, dashboard, CSV export and students. */
import { createHash } from 'node:crypto';
import { listAssignments, parseAssignments, replaceAssignments } from '../../assignments.ts';
import { ownedClass } from '../../authorization.ts';
import { archivedFlag, classSummary, createClass, listClasses, setArchived } from '../../classes.ts';
import { dashboardCsv as toCsv } from '../../csv.ts';
import { buildDashboard } from '../../dashboard.ts';
import { listStudents, unenrol } from '../../enrolments.ts';
import type { ApiRequest } from '../api.ts';
import { download, json, noContent } from '../responses.ts';

function classId(req: ApiRequest): string {
  return req.params.classId as string;
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

/** GET /classes/:classId → {class, assignments, students}. */
export async function get(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const [summary, assignments, students] = await Promise.all([
    classSummary(req.cx, row),
    listAssignments(req.cx, row.id),
    listStudents(req.cx, row.id),
  ]);
  return json({ class: summary, assignments, students });
}

/** POST /classes/:classId/archive {archived} → {class}. */
export async function archive(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const body = await req.body();
  await setArchived(req.cx, row.id, archivedFlag(body.archived));
  return json({ class: await classSummary(req.cx, await ownedClass(req.cx, row.instructor_id, row.id)) });
}

/** PUT /classes/:classId/assignments {assignments: [{kind, target, dueAt}]} → {assignments}. */
export async function putAssignments(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const body = await req.body();
  await replaceAssignments(req.cx, row.id, parseAssignments(body.assignments, req.catalog));
  return json({ assignments: await listAssignments(req.cx, row.id) });
}

/** GET /classes/:classId/dashboard → the dashboard; 304 when unchanged since If-None-Match (polling). */
export async function dashboard(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
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
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  const data = await buildDashboard(req.cx, row, req.catalog);
  return download(toCsv(data), 'text/csv; charset=utf-8', `vethlab-${row.id}.csv`);
}

/** DELETE /classes/:classId/students/:studentId → 204. */
export async function removeStudent(req: ApiRequest): Promise<Response> {
  const row = await ownedClass(req.cx, req.instructorId(), classId(req));
  await unenrol(req.cx, req.params.studentId as string, row.id);
  return noContent();
}
