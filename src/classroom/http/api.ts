/**
 * The classroom JSON API under /api/classroom: a route table and its dispatcher, framework-free
 * (Request in, Response out). src/pages/api/classroom/[...path].ts hands every request here; tests call
 * `handleApi` directly, and the authorization matrix walks ROUTES so that no route escapes it.
 */
import type { Catalog } from '../catalog.ts';
import type { Classroom } from '../context.ts';
import { ClassroomError, isClassroomError } from '../errors.ts';
import { isLocale, DEFAULT_LOCALE, type Locale } from '../../i18n/locales.ts';
import { readAuth, type RequestAuth } from './auth.ts';
import { readJsonBody } from './body.ts';
import type { HttpConfig } from './config.ts';
import { checkSameOrigin, clientAddress, isSecure, siteOrigin } from './request-origin.ts';
import { errorResponse } from './responses.ts';
import * as classes from './handlers/classes.ts';
import * as instructors from './handlers/instructors.ts';
import * as students from './handlers/students.ts';

export const API_BASE = '/api/classroom';

/** What the API needs from its host (the Astro glue, or a test). */
export interface ApiDeps {
  classroom(): Promise<Classroom>;
  /** The course in a locale (titles differ; slugs are the same in all locales). */
  catalog(locale: Locale): Promise<Catalog>;
  config: HttpConfig;
}

/** One request as handlers see it. */
export interface ApiRequest {
  request: Request;
  url: URL;
  params: Readonly<Record<string, string>>;
  cx: Classroom;
  catalog: Catalog;
  locale: Locale;
  auth: RequestAuth;
  /** The client's address (rate-limit key). */
  address: string;
  secure: boolean;
  /** The site's origin as the browser sees it (for join links). */
  origin: string;
  /** Cookies to set on the response. */
  setCookies: string[];
  /** The JSON body as a record (400 when it is not one). */
  body(): Promise<Record<string, unknown>>;
  /** The signed-in instructor's id, or 401. */
  instructorId(): string;
  /** The student's id, or 401. */
  studentId(): string;
}

export interface Route {
  /** Stable name, used by the authorization matrix. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below API_BASE; ":name" segments are identifiers. */
  path: string;
  handler(req: ApiRequest): Promise<Response>;
}

export const ROUTES: readonly Route[] = [
  { name: 'instructor.signUp', method: 'POST', path: '/instructor/sign-up', handler: instructors.signUp },
  { name: 'instructor.signIn', method: 'POST', path: '/instructor/sign-in', handler: instructors.signIn },
  { name: 'instructor.signOut', method: 'POST', path: '/instructor/sign-out', handler: instructors.signOut },
  { name: 'instructor.signOutEverywhere', method: 'POST', path: '/instructor/sign-out-everywhere', handler: instructors.signOutEverywhere },
  { name: 'instructor.password', method: 'PUT', path: '/instructor/password', handler: instructors.changePassword },
  { name: 'classes.list', method: 'GET', path: '/classes', handler: classes.list },
  { name: 'classes.create', method: 'POST', path: '/classes', handler: classes.create },
  { name: 'classes.get', method: 'GET', path: '/classes/:classId', handler: classes.get },
  { name: 'classes.archive', method: 'POST', path: '/classes/:classId/archive', handler: classes.archive },
  { name: 'classes.rename', method: 'PUT', path: '/classes/:classId/name', handler: classes.rename },
  { name: 'classes.rotateCode', method: 'POST', path: '/classes/:classId/join-code', handler: classes.rotateCode },
  { name: 'classes.assignments', method: 'PUT', path: '/classes/:classId/assignments', handler: classes.putAssignments },
  { name: 'classes.dashboard', method: 'GET', path: '/classes/:classId/dashboard', handler: classes.dashboard },
  { name: 'classes.dashboardCsv', method: 'GET', path: '/classes/:classId/dashboard.csv', handler: classes.dashboardCsv },
  { name: 'classes.removeStudent', method: 'DELETE', path: '/classes/:classId/students/:studentId', handler: classes.removeStudent },
  { name: 'classes.removeStudents', method: 'POST', path: '/classes/:classId/students/remove', handler: classes.removeManyStudents },
  { name: 'classes.resetPassword', method: 'POST', path: '/classes/:classId/students/:studentId/password', handler: classes.resetPassword },
  { name: 'classes.inviteTeacher', method: 'POST', path: '/classes/:classId/teachers', handler: classes.inviteTeacher },
  { name: 'classes.removeTeacher', method: 'POST', path: '/classes/:classId/teachers/remove', handler: classes.removeTeacher },
  { name: 'student.join', method: 'POST', path: '/join', handler: students.join },
  { name: 'student.signIn', method: 'POST', path: '/student/sign-in', handler: students.signIn },
  { name: 'student.signOut', method: 'POST', path: '/student/sign-out', handler: students.signOut },
  { name: 'student.signOutEverywhere', method: 'POST', path: '/student/sign-out-everywhere', handler: students.signOutEverywhere },
  { name: 'student.credentials', method: 'PUT', path: '/me/credentials', handler: students.setCredentials },
  { name: 'student.leave', method: 'DELETE', path: '/me/classes/:classId', handler: students.leave },
  { name: 'me', method: 'GET', path: '/me', handler: students.me },
  { name: 'progress.list', method: 'GET', path: '/progress', handler: students.listProgress },
  { name: 'progress.record', method: 'POST', path: '/progress', handler: students.recordProgress },
  { name: 'progress.verify', method: 'POST', path: '/progress/verify', handler: students.verifyProgress },
];

/** Match `pathname` against a route path; the params, or undefined. */
export function matchPath(routePath: string, pathname: string): Record<string, string> | undefined {
  const want = routePath.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(g)) return undefined;
      params[w.slice(1)] = g;
    } else if (w !== g) return undefined;
  }
  return params;
}

/** Answer one API request. `socketAddress` is the peer's IP (Astro's clientAddress). */
export async function handleApi(request: Request, socketAddress: string | undefined, deps: ApiDeps): Promise<Response> {
  const url = new URL(request.url);
  const pathname = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length).replace(/\/$/, '') : url.pathname;
  let matched: { route: Route; params: Record<string, string> } | undefined;
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    allowed.push(route.method);
    if (route.method === request.method) matched = { route, params };
  }
  const setCookies: string[] = [];
  let response: Response;
  try {
    if (allowed.length === 0) throw new ClassroomError('not-found', 'no such API route');
    if (!matched) {
      const refusal = errorResponse(new ClassroomError('method-not-allowed', `use ${allowed.join(' or ')}`));
      refusal.headers.set('allow', allowed.join(', '));
      return refusal;
    }
    checkSameOrigin(request, deps.config);
    const cx = await deps.classroom();
    const secure = isSecure(request, deps.config);
    const auth = await readAuth(cx, request, secure);
    setCookies.push(...auth.setCookies);
    const lang = url.searchParams.get('lang');
    const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
    const req: ApiRequest = {
      request,
      url,
      params: matched.params,
      cx,
      catalog: await deps.catalog(locale),
      locale,
      auth,
      address: clientAddress(request, socketAddress, deps.config),
      secure,
      origin: siteOrigin(request, deps.config),
      setCookies,
      body: () => readJsonBody(request),
      instructorId() {
        if (!auth.instructorId) throw new ClassroomError('unauthenticated', 'sign in as an instructor');
        return auth.instructorId;
      },
      studentId() {
        if (!auth.studentId) throw new ClassroomError('unauthenticated', 'join a class first');
        return auth.studentId;
      },
    };
    response = await matched.route.handler(req);
  } catch (error) {
    response = errorResponse(error);
    // The client may still be sending a body we will not read: close the connection after the answer.
    if (isClassroomError(error) && error.reason === 'too-large') response.headers.set('connection', 'close');
  }
  for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
  return response;
}
