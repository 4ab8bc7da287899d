/**
 * Loaders of the instructor and join pages, framework-free like the API: each takes the request and
 * answers what the page may show, or where to send the browser instead. The Astro pages render the
 * data; the authorization matrix calls these directly.
 */
import { findInstructor, type InstructorProfile } from '../accounts.ts';
import { listAssignments, type Assignment } from '../assignments.ts';
import { managedClass } from '../authorization.ts';
import type { Catalog } from '../catalog.ts';
import { classSummary, findOpenClass, listClasses, type ClassSummary } from '../classes.ts';
import { listCoTeachers, type CoTeacher } from '../co-teachers.ts';
import type { Classroom } from '../context.ts';
import { listStudents, type EnrolledStudent } from '../enrolments.ts';
import { isClassroomError, notFound } from '../errors.ts';
import { studentOverview, type ClassOverview } from '../overview.ts';
import { findStudent, type StudentProfile } from '../students.ts';
import type { Locale } from '../../i18n/locales.ts';
import { localePrefix } from '../../navigation/urls.ts';
import type { ApiDeps } from './api.ts';
import { readAuth, type RequestAuth } from './auth.ts';
import { isSecure, siteOrigin } from './request-origin.ts';

export type PageResult<T> = { kind: 'ok'; data: T; setCookies: string[] } | { kind: 'redirect'; location: string; setCookies: string[] } | { kind: 'not-found'; setCookies: string[] };

interface PageContext {
  cx: Classroom;
  auth: RequestAuth;
  locale: Locale;
  catalog: Catalog;
  origin: string;
}

async function context(request: Request, deps: ApiDeps, locale: Locale): Promise<PageContext> {
  const cx = await deps.classroom();
  const auth = await readAuth(cx, request, isSecure(request, deps.config));
  return { cx, auth, locale, catalog: await deps.catalog(locale), origin: siteOrigin(request, deps.config) };
}

async function instructorPage<T>(request: Request, deps: ApiDeps, locale: Locale, load: (page: PageContext, instructor: InstructorProfile) => Promise<T>): Promise<PageResult<T>> {
  const page = await context(request, deps, locale);
  const instructor = page.auth.instructorId ? await findInstructor(page.cx, page.auth.instructorId) : undefined;
  if (!instructor) {
    const next = new URL(request.url).pathname;
    return { kind: 'redirect', location: `${localePrefix(locale)}/teach/sign-in/?next=${encodeURIComponent(next)}`, setCookies: page.auth.setCookies };
  }
  try {
    return { kind: 'ok', data: await load(page, instructor), setCookies: page.auth.setCookies };
  } catch (error) {
    if (isClassroomError(error) && error.code === 'not-found') return { kind: 'not-found', setCookies: page.auth.setCookies };
    throw error;
  }
}

export interface TeachHomeData {
  instructor: InstructorProfile;
  classes: ClassSummary[];
}

/** /teach/: the instructor's classes (sign-in first). */
export function teachHome(request: Request, deps: ApiDeps, locale: Locale): Promise<PageResult<TeachHomeData>> {
  return instructorPage(request, deps, locale, async (page, instructor) => ({
    instructor,
    classes: await listClasses(page.cx, instructor.id),
  }));
}

export interface ClassPageData {
  instructor: InstructorProfile;
  class: ClassSummary;
  assignments: Assignment[];
  students: EnrolledStudent[];
  coTeachers: CoTeacher[];
  catalog: Catalog;
  /** Absolute join link for students. */
  joinUrl: string;
}

/** /teach/classes/<id>/: a class the instructor owns or co-teaches; others' are "not found". */
export function classPage(request: Request, deps: ApiDeps, locale: Locale, classId: string): Promise<PageResult<ClassPageData>> {
  return instructorPage(request, deps, locale, async (page, instructor) => {
    const row = await managedClass(page.cx, instructor.id, classId);
    const summary = await classSummary(page.cx, row);
    return {
      instructor,
      class: summary,
      assignments: await listAssignments(page.cx, row.id),
      students: await listStudents(page.cx, row.id),
      coTeachers: await listCoTeachers(page.cx, row.id),
      catalog: page.catalog,
      joinUrl: `${page.origin}${localePrefix(locale)}/join/${summary.joinToken}/`,
    };
  });
}

export interface DashboardPageData {
  instructor: InstructorProfile;
  class: ClassSummary;
}

/** /teach/classes/<id>/dashboard/: the live dashboard's frame (the data comes from the API). */
export function dashboardPage(request: Request, deps: ApiDeps, locale: Locale, classId: string): Promise<PageResult<DashboardPageData>> {
  return instructorPage(request, deps, locale, async (page, instructor) => ({
    instructor,
    class: await classSummary(page.cx, await managedClass(page.cx, instructor.id, classId)),
  }));
}

export interface WatchPageData {
  instructor: InstructorProfile;
  class: ClassSummary;
  student: EnrolledStudent;
}

/** /teach/classes/<id>/watch/<studentId>/: a read-only live view of a student of the class's terminal. */
export function watchPage(request: Request, deps: ApiDeps, locale: Locale, classId: string, studentId: string): Promise<PageResult<WatchPageData>> {
  return instructorPage(request, deps, locale, async (page, instructor) => {
    const classRow = await managedClass(page.cx, instructor.id, classId);
    const student = (await listStudents(page.cx, classRow.id)).find((s) => s.id === studentId);
    if (!student) throw notFound('student');
    return { instructor, class: await classSummary(page.cx, classRow), student };
  });
}

/** /teach/sign-in/ and /teach/sign-up/: straight to /teach/ when already signed in. */
export async function instructorAuthPage(request: Request, deps: ApiDeps, locale: Locale): Promise<PageResult<Record<string, never>>> {
  const page = await context(request, deps, locale);
  if (page.auth.instructorId) return { kind: 'redirect', location: `${localePrefix(locale)}/teach/`, setCookies: page.auth.setCookies };
  return { kind: 'ok', data: {}, setCookies: page.auth.setCookies };
}

export interface JoinPageData {
  /** The class the link opens (only on /join/<token>/). */
  class: { name: string } | undefined;
  /** Set when this browser is already a student: they join as themself. */
  student: StudentProfile | undefined;
}

/** /join/ and /join/<token>/: a link token that opens no class is "not found". */
export async function joinPage(request: Request, deps: ApiDeps, locale: Locale, token?: string): Promise<PageResult<JoinPageData>> {
  const page = await context(request, deps, locale);
  const student = page.auth.studentId ? await findStudent(page.cx, page.auth.studentId) : undefined;
  let joinClass: { name: string } | undefined;
  if (token !== undefined) {
    const row = await findOpenClass(page.cx, { token });
    if (!row) return { kind: 'not-found', setCookies: page.auth.setCookies };
    joinClass = { name: row.name };
  }
  return { kind: 'ok', data: { class: joinClass, student }, setCookies: page.auth.setCookies };
}

export interface StudentClassesData {
  student: StudentProfile | undefined;
  classes: ClassOverview[];
}

/** /join/me/: the student's classes (leave, add credentials) or, for strangers, the sign-in form. */
export async function studentClassesPage(request: Request, deps: ApiDeps, locale: Locale): Promise<PageResult<StudentClassesData>> {
  const page = await context(request, deps, locale);
  const student = page.auth.studentId ? await findStudent(page.cx, page.auth.studentId) : undefined;
  const classes = student ? await studentOverview(page.cx, student.id, page.catalog) : [];
  return { kind: 'ok', data: { student, classes }, setCookies: page.auth.setCookies };
}
