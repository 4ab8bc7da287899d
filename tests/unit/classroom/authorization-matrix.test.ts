/**
 * Authorization matrix (OWASP IDOR): every API route and every classroom page × {anonymous, student A,
 * student B of another class, the class's instructor, its co-teacher, another instructor}. Each cell starts from a fresh
 * world, so a change made by one cell cannot hide a hole in another. A route added to ROUTES without a
 * row here fails the coverage test.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { ROUTES } from '../../../src/classroom/http/api.ts';
import * as pages from '../../../src/classroom/http/pages.ts';
import { describeEachDatabase } from './support/databases.ts';
import { buildWorld, call, ORIGIN, ROLES, type RoleName, type World } from './support/http.ts';

interface Case {
  /** Path with :classId and :studentId filled from the world (class X, student A). */
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** The roles that may get a 2xx; every other role must not. */
  allowed: readonly RoleName[];
}

const EVERYONE = ROLES;
const INSTRUCTORS = ['owner', 'coTeacher', 'otherInstructor'] as const;
/** Who manages class X: its owner and the instructor the owner invited. */
const TEACHERS = ['owner', 'coTeacher'] as const;
const STUDENTS = ['studentA', 'studentB'] as const;
let emails = 0;

const API_MATRIX: Record<string, Case> = {
  // Public, but only with what they ask for: a fresh email signs up, wrong credentials and codes never pass.
  'instructor.signUp': { path: () => '/instructor/sign-up', body: () => ({ email: `new${++emails}@example.org`, password: 'a long enough password' }), allowed: EVERYONE },
  'instructor.signIn': { path: () => '/instructor/sign-in', body: (w) => ({ email: w.ownerEmail, password: 'not the password' }), allowed: [] },
  'instructor.signOut': { path: () => '/instructor/sign-out', allowed: INSTRUCTORS },
  'classes.list': { path: () => '/classes', allowed: INSTRUCTORS },
  'classes.create': { path: () => '/classes', body: () => ({ name: 'New class' }), allowed: INSTRUCTORS },
  'instructor.signOutEverywhere': { path: () => '/instructor/sign-out-everywhere', allowed: INSTRUCTORS },
  // Only with the right current password: the matrix sends a wrong one, so nobody passes.
  'instructor.password': {
    path: () => '/instructor/password',
    body: () => ({ currentPassword: 'not the password', newPassword: 'a brand new long password' }),
    allowed: [],
  },
  'classes.get': { path: (w) => `/classes/${w.classX.id}`, allowed: TEACHERS },
  'classes.archive': { path: (w) => `/classes/${w.classX.id}/archive`, body: () => ({ archived: true }), allowed: TEACHERS },
  'classes.rename': { path: (w) => `/classes/${w.classX.id}/name`, body: () => ({ name: 'Renamed' }), allowed: TEACHERS },
  'classes.rotateCode': { path: (w) => `/classes/${w.classX.id}/join-code`, allowed: TEACHERS },
  'classes.assignments': {
    path: (w) => `/classes/${w.classX.id}/assignments`,
    body: () => ({ assignments: [{ kind: 'chapter', target: 4, dueAt: null }] }),
    allowed: TEACHERS,
  },
  'classes.dashboard': { path: (w) => `/classes/${w.classX.id}/dashboard`, allowed: TEACHERS },
  'classes.dashboardCsv': { path: (w) => `/classes/${w.classX.id}/dashboard.csv`, allowed: TEACHERS },
  'classes.removeStudent': { path: (w) => `/classes/${w.classX.id}/students/${w.studentA}`, allowed: TEACHERS },
  'classes.removeStudents': { path: (w) => `/classes/${w.classX.id}/students/remove`, body: (w) => ({ studentIds: [w.studentA] }), allowed: TEACHERS },
  'classes.resetPassword': { path: (w) => `/classes/${w.classX.id}/students/${w.studentA}/password`, allowed: TEACHERS },
  // The co-teacher list is the owner's alone.
  'classes.inviteTeacher': { path: (w) => `/classes/${w.classX.id}/teachers`, body: () => ({ email: `colleague${++emails}@example.org` }), allowed: ['owner'] },
  'classes.removeTeacher': { path: (w) => `/classes/${w.classX.id}/teachers/remove`, body: (w) => ({ email: w.coTeacherEmail }), allowed: ['owner'] },
  'student.join': { path: () => '/join', body: () => ({ code: 'AAAA-AAAA', displayName: 'Guesser' }), allowed: [] },
  'student.signIn': { path: () => '/student/sign-in', body: () => ({ email: 'nobody@example.org', password: 'whatever it is' }), allowed: [] },
  'student.signOut': { path: () => '/student/sign-out', allowed: STUDENTS },
  'student.signOutEverywhere': { path: () => '/student/sign-out-everywhere', allowed: STUDENTS },
  'student.credentials': {
    path: () => '/me/credentials',
    body: () => ({ email: `s${++emails}@example.org`, password: 'a long enough password', currentPassword: 'student password 123' }),
    allowed: STUDENTS,
  },
  'student.leave': { path: (w) => `/me/classes/${w.classX.id}`, allowed: ['studentA'] },
  // Everyone may ask who they are; what comes back is checked below.
  me: { path: () => '/me', allowed: EVERYONE },
  'progress.list': { path: () => '/progress', allowed: STUDENTS },
  'progress.record': {
    path: () => '/progress',
    body: () => ({ items: [{ lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', doneAt: '2026-01-01T00:00:00.000Z' }] }),
    allowed: STUDENTS,
  },
  // An empty journal: replayed, the checks fail, nothing is recorded, but the request is the student's right.
  'progress.verify': {
    path: () => '/progress/verify',
    body: () => ({ lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', journal: { v: 1, profile: '', seed: 1, start: 0, events: [] } }),
    allowed: STUDENTS,
  },
};

const request = (path: string, cookie: string | undefined) => new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });

const PAGE_MATRIX: Record<string, { load: (w: World, cookie: string | undefined) => Promise<pages.PageResult<unknown>>; allowed: readonly RoleName[] }> = {
  '/teach/': { load: (w, c) => pages.teachHome(request('/teach/', c), w.deps, 'zh'), allowed: INSTRUCTORS },
  '/teach/classes/X/': { load: (w, c) => pages.classPage(request('/teach/classes/x/', c), w.deps, 'zh', w.classX.id), allowed: TEACHERS },
  '/teach/classes/X/dashboard/': {
    load: (w, c) => pages.dashboardPage(request('/teach/classes/x/dashboard/', c), w.deps, 'en', w.classX.id),
    allowed: TEACHERS,
  },
  // The sign-in form is for those not signed in as instructors (instructors are sent on to /teach/).
  '/teach/sign-in/': { load: (w, c) => pages.instructorAuthPage(request('/teach/sign-in/', c), w.deps, 'zh'), allowed: ['anonymous', ...STUDENTS] },
  // The join link is the capability: whoever has it may see the class name and join.
  '/join/<token of X>/': { load: (w, c) => pages.joinPage(request('/join/t/', c), w.deps, 'zh', w.classX.join_token), allowed: EVERYONE },
  '/join/<unknown token>/': { load: (w, c) => pages.joinPage(request('/join/t/', c), w.deps, 'zh', 'AAAAAAAAAAAAAAAAAAAAAA'), allowed: [] },
  '/join/': { load: (w, c) => pages.joinPage(request('/join/', c), w.deps, 'zh'), allowed: EVERYONE },
  '/join/me/': { load: (w, c) => pages.studentClassesPage(request('/join/me/', c), w.deps, 'zh'), allowed: EVERYONE },
};

describeEachDatabase('authorization matrix', (open) => {
  let cx: Classroom;
  beforeAll(async () => {
    cx = await open();
  });
  afterAll(async () => {
    await cx.close();
  });

  it('has a row for every API route', () => {
    expect(ROUTES.map((route) => route.name).sort()).toEqual(Object.keys(API_MATRIX).sort());
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: 2xx only for ${API_MATRIX[route.name]?.allowed.join(', ') || 'nobody'}`, async () => {
      const row = API_MATRIX[route.name];
      if (!row) throw new Error(`no matrix row for ${route.name}`);
      const outcome: Record<string, number> = {};
      for (const role of ROLES) {
        const world = await buildWorld(cx);
        // One address per role: six sign-ups from one address would meet the sign-up rate limit (5 per 10 min).
        const address = `192.0.2.${ROLES.indexOf(role) + 1}`;
        const response = await call(world.deps, route.method, row.path(world), { cookie: world.cookies[role], body: row.body?.(world), address });
        outcome[role] = response.status;
      }
      const got = ROLES.filter((role) => (outcome[role] as number) >= 200 && (outcome[role] as number) < 300);
      expect({ route: route.name, twoHundreds: got, statuses: outcome }).toEqual({
        route: route.name,
        twoHundreds: [...row.allowed],
        statuses: outcome,
      });
      // Five roles, each a fresh world; /progress/verify replays a journal in the simulator for two of them.
    }, 30_000);
  }

  for (const [name, row] of Object.entries(PAGE_MATRIX)) {
    it(`page ${name}: shown only to ${row.allowed.join(', ') || 'nobody'}`, async () => {
      const shown: RoleName[] = [];
      for (const role of ROLES) {
        const world = await buildWorld(cx);
        if ((await row.load(world, world.cookies[role])).kind === 'ok') shown.push(role);
      }
      expect(shown).toEqual([...row.allowed]);
    });
  }

  it("never shows one instructor another's class in their list, or one student another's data", async () => {
    const world = await buildWorld(cx);
    const list = await call(world.deps, 'GET', '/classes', { cookie: world.cookies.otherInstructor });
    expect(list.body.classes.map((c: { id: string }) => c.id)).toEqual([world.classY.id]);
    const meB = await call(world.deps, 'GET', '/me', { cookie: world.cookies.studentB });
    expect(meB.body.student.id).toBe(world.studentB);
    expect(meB.body.classes.map((c: { id: string }) => c.id)).toEqual([world.classY.id]);
    const meOwner = await call(world.deps, 'GET', '/me', { cookie: world.cookies.owner });
    expect(meOwner.body.student).toBeNull();
    expect((await call(world.deps, 'GET', '/me')).body).toEqual({ instructor: null, student: null, classes: [] });
  });

  it('answers 404, not 403, for classes that are not yours (existence is not revealed)', async () => {
    const world = await buildWorld(cx);
    const theirs = await call(world.deps, 'GET', `/classes/${world.classX.id}`, { cookie: world.cookies.otherInstructor });
    const missing = await call(world.deps, 'GET', '/classes/doesnotexist', { cookie: world.cookies.otherInstructor });
    expect([theirs.status, missing.status]).toEqual([404, 404]);
    expect(theirs.body).toEqual(missing.body);
  });

  it("does not let an owner remove a student of another class through their own class's URL", async () => {
    const world = await buildWorld(cx);
    const response = await call(world.deps, 'DELETE', `/classes/${world.classX.id}/students/${world.studentB}`, { cookie: world.cookies.owner });
    expect(response.status).toBe(404);
  });
});
