/** Calling the classroom API and page loaders the way a browser would, without a server. */
import { signUpInstructor } from '../../../../src/classroom/accounts.ts';
import { ownedClass } from '../../../../src/classroom/authorization.ts';
import { createClass } from '../../../../src/classroom/classes.ts';
import { inviteCoTeacher } from '../../../../src/classroom/co-teachers.ts';
import type { Classroom } from '../../../../src/classroom/context.ts';
import type { ClassRow } from '../../../../src/classroom/db/schema.ts';
import { enrol } from '../../../../src/classroom/enrolments.ts';
import { handleApi, type ApiDeps } from '../../../../src/classroom/http/api.ts';
import type { HttpConfig } from '../../../../src/classroom/http/config.ts';
import { COOKIE_NAMES } from '../../../../src/classroom/http/cookies.ts';
import { createSession } from '../../../../src/classroom/sessions.ts';
import { createStudent } from '../../../../src/classroom/students.ts';
import { testCatalog } from './catalog.ts';

export const ORIGIN = 'http://vethlab.test';

/** API dependencies around an open classroom. */
export function testDeps(cx: Classroom, config: HttpConfig = { trustProxy: false, allowedOrigins: [] }): ApiDeps {
  return { classroom: async () => cx, catalog: async () => testCatalog, config };
}

export interface CallOptions {
  cookie?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  address?: string;
}

/** A same-origin JSON request, as our own pages send it. */
export function apiRequest(method: string, path: string, options: CallOptions = {}): Request {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    headers.origin = ORIGIN;
    headers['content-type'] = 'application/json';
    headers['sec-fetch-site'] = 'same-origin';
  }
  if (options.cookie) headers.cookie = options.cookie;
  Object.assign(headers, options.headers);
  for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
  return new Request(`${ORIGIN}/api/classroom${path}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {}),
  });
}

/** Send a request through the API; the response with its JSON body parsed. */
export async function call(
  deps: ApiDeps,
  method: string,
  path: string,
  options: CallOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON body field by field and assert each
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await handleApi(apiRequest(method, path, options), options.address ?? '192.0.2.1', deps);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // CSV and empty bodies stay text.
  }
  return { status: response.status, body, headers: response.headers };
}

/** The cookie header of a response's Set-Cookie values (name=value pairs only). */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

export const ROLES = ['anonymous', 'studentA', 'studentB', 'owner', 'coTeacher', 'otherInstructor'] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * Two instructors, each with a class; student A in the owner's class X, student B in the other's class Y;
 * a third instructor co-teaches class X (invited by email). Cookies per role, made through the real
 * session code.
 */
export interface World {
  deps: ApiDeps;
  cookies: Record<RoleName, string | undefined>;
  classX: ClassRow;
  classY: ClassRow;
  studentA: string;
  studentB: string;
  ownerEmail: string;
  coTeacherEmail: string;
}

let worlds = 0;

/** Build a fresh world in `cx` (unique emails, so many worlds can share one database). */
export async function buildWorld(cx: Classroom): Promise<World> {
  const n = ++worlds;
  const ownerEmail = `owner${n}@example.org`;
  const owner = await signUpInstructor(cx, { email: ownerEmail, password: 'owner password 123', name: 'Owner' });
  const other = await signUpInstructor(cx, { email: `other${n}@example.org`, password: 'other password 123', name: 'Other' });
  const coTeacherEmail = `co${n}@example.org`;
  const coTeacher = await signUpInstructor(cx, { email: coTeacherEmail, password: 'co-teacher password 123', name: 'Co' });
  const classX = await ownedClass(cx, owner.id, (await createClass(cx, owner.id, { name: 'Class X' })).id);
  const classY = await ownedClass(cx, other.id, (await createClass(cx, other.id, { name: 'Class Y' })).id);
  // Student A can sign in elsewhere (email and password), so a password reset has something to reset.
  const a = await createStudent(cx, { displayName: 'Student A', email: `a${n}@example.org`, password: 'student password 123' });
  const b = await createStudent(cx, { displayName: 'Student B' });
  await enrol(cx, a.id, classX);
  await enrol(cx, b.id, classY);
  await inviteCoTeacher(cx, classX.id, owner.id, { email: coTeacherEmail });
  const cookie = async (role: 'instructor' | 'student', id: string) => `${COOKIE_NAMES[role]}=${(await createSession(cx, role, id)).token}`;
  return {
    deps: testDeps(cx),
    cookies: {
      anonymous: undefined,
      studentA: await cookie('student', a.id),
      studentB: await cookie('student', b.id),
      owner: await cookie('instructor', owner.id),
      coTeacher: await cookie('instructor', coTeacher.id),
      otherInstructor: await cookie('instructor', other.id),
    },
    classX,
    classY,
    studentA: a.id,
    studentB: b.id,
    ownerEmail,
    coTeacherEmail,
  };
}
