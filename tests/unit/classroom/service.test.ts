/** The classroom service layer, end to end over a real database: the same tests on SQLite and PostgreSQL. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authenticateInstructor, signUpInstructor } from '../../../src/classroom/accounts.ts';
import { assignedLessons, listAssignments, parseAssignments, replaceAssignments } from '../../../src/classroom/assignments.ts';
import { ownedClass, requireOpenEnrolment } from '../../../src/classroom/authorization.ts';
import { createClass, findOpenClass, listClasses, setArchived } from '../../../src/classroom/classes.ts';
import type { Classroom } from '../../../src/classroom/context.ts';
import { buildDashboard } from '../../../src/classroom/dashboard.ts';
import { migrateToLatest } from '../../../src/classroom/db/migrate.ts';
import { enrol, listStudents, unenrol } from '../../../src/classroom/enrolments.ts';
import { ClassroomError } from '../../../src/classroom/errors.ts';
import { studentOverview } from '../../../src/classroom/overview.ts';
import { listProgress, parseProgressItems, recordProgress, recordVerified } from '../../../src/classroom/progress.ts';
import { countSessions, createSession, resolveSession, revokeSession } from '../../../src/classroom/sessions.ts';
import { authenticateStudent, createStudent, setStudentCredentials } from '../../../src/classroom/students.ts';
import { testCatalog } from './support/catalog.ts';
import { describeEachDatabase } from './support/databases.ts';

async function refusal(promise: Promise<unknown>): Promise<ClassroomError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClassroomError) return error;
    throw error;
  }
  throw new Error('expected a ClassroomError');
}

describeEachDatabase('classroom service', (open, dialect) => {
  let cx: Classroom;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-11-01T10:00:00.000Z');
    cx = await open({ now: () => clock });
  });
  afterEach(async () => {
    await cx.close();
  });

  it(`runs on ${dialect} and migrating twice changes nothing`, async () => {
    expect(cx.dialect).toBe(dialect);
    expect(await migrateToLatest(cx.db)).toEqual([]);
  });

  it('signs an instructor up and in; one 401 for a wrong email or password', async () => {
    const me = await signUpInstructor(cx, { email: ' Ada@Example.org ', password: 'a long enough password', name: 'Ada' });
    expect(me.email).toBe('ada@example.org');
    expect((await authenticateInstructor(cx, { email: 'ADA@example.org', password: 'a long enough password' })).id).toBe(me.id);
    const wrongPassword = await refusal(authenticateInstructor(cx, { email: 'ada@example.org', password: 'nope nope nope' }));
    const wrongEmail = await refusal(authenticateInstructor(cx, { email: 'bob@example.org', password: 'a long enough password' }));
    expect([wrongPassword.status, wrongEmail.status]).toEqual([401, 401]);
    expect(wrongPassword.message).toBe(wrongEmail.message);
  });

  it('refuses a second account for the same email, and short passwords', async () => {
    await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    expect((await refusal(signUpInstructor(cx, { email: 'ADA@example.org', password: 'another long password', name: 'A' }))).status).toBe(409);
    expect((await refusal(signUpInstructor(cx, { email: 'b@example.org', password: 'short', name: 'B' }))).field).toBe('password');
  });

  it('stores only a hash of session tokens; sessions slide and expire', async () => {
    const me = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const { token } = await createSession(cx, 'instructor', me.id);
    const stored = await cx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);
    expect((await resolveSession(cx, 'instructor', token))?.subjectId).toBe(me.id);
    // A student cookie slot cannot use an instructor token.
    expect(await resolveSession(cx, 'student', token)).toBeUndefined();
    // Used on day 6: slides to day 13.
    clock = new Date('2026-11-07T10:00:00.000Z');
    const slid = await resolveSession(cx, 'instructor', token);
    expect(slid?.renewed).toBe(true);
    expect(slid?.expiresAt.toISOString()).toBe('2026-11-14T10:00:00.000Z');
    // Unused for more than 7 days: gone.
    clock = new Date('2026-11-14T10:00:01.000Z');
    expect(await resolveSession(cx, 'instructor', token)).toBeUndefined();
    expect(await countSessions(cx)).toBe(0);
  });

  it('ends instructor sessions after 30 days however much they are used', async () => {
    const me = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const { token } = await createSession(cx, 'instructor', me.id);
    for (let day = 5; day <= 30; day += 5) {
      clock = new Date(Date.parse('2026-11-01T10:00:00.000Z') + day * 86_400_000 - 1000);
      expect(await resolveSession(cx, 'instructor', token)).toBeDefined();
    }
    clock = new Date(Date.parse('2026-11-01T10:00:00.000Z') + 30 * 86_400_000 + 1000);
    expect(await resolveSession(cx, 'instructor', token)).toBeUndefined();
  });

  it('revokes a session on sign-out', async () => {
    const me = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const { token } = await createSession(cx, 'instructor', me.id);
    await revokeSession(cx, token);
    expect(await resolveSession(cx, 'instructor', token)).toBeUndefined();
  });

  it('gives an instructor only their own classes', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const bob = await signUpInstructor(cx, { email: 'bob@example.org', password: 'a long enough password', name: 'Bob' });
    const net = await createClass(cx, ada.id, { name: 'Networking 101' });
    await createClass(cx, bob.id, { name: 'Bob’s class' });
    expect((await listClasses(cx, ada.id)).map((c) => c.name)).toEqual(['Networking 101']);
    expect((await ownedClass(cx, ada.id, net.id)).name).toBe('Networking 101');
    expect((await refusal(ownedClass(cx, bob.id, net.id))).status).toBe(404);
    expect(net.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(net.joinToken.length).toBeGreaterThanOrEqual(22);
  });

  it('finds open classes by code (as typed) or link token; archived classes take nobody', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await createClass(cx, ada.id, { name: 'Networking 101' });
    expect((await findOpenClass(cx, { code: net.joinCode.toLowerCase() }))?.id).toBe(net.id);
    expect((await findOpenClass(cx, { token: net.joinToken }))?.id).toBe(net.id);
    expect(await findOpenClass(cx, { code: 'AAAA-AAAA' })).toBeUndefined();
    await setArchived(cx, net.id, true);
    expect(await findOpenClass(cx, { code: net.joinCode })).toBeUndefined();
    expect((await listClasses(cx, ada.id))[0]?.archivedAt).toBe(clock.toISOString());
  });

  it('stores assignments as given and expands them to lessons with the most specific due date', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await createClass(cx, ada.id, { name: 'Networking 101' });
    const parsed = parseAssignments(
      [
        { kind: 'chapter', target: 4, dueAt: '2026-11-10T23:59:59.000Z' },
        { kind: 'lesson', target: '4-2-embedded-dns', dueAt: '2026-11-20T23:59:59.000Z' },
        { kind: 'lesson', target: '1-1-veth-and-docker0', dueAt: null },
      ],
      testCatalog,
    );
    await replaceAssignments(cx, net.id, parsed);
    const stored = await listAssignments(cx, net.id);
    expect(stored).toEqual([
      { kind: 'chapter', target: '4', dueAt: '2026-11-10T23:59:59.000Z' },
      { kind: 'lesson', target: '1-1-veth-and-docker0', dueAt: null },
      { kind: 'lesson', target: '4-2-embedded-dns', dueAt: '2026-11-20T23:59:59.000Z' },
    ]);
    expect(assignedLessons(stored, testCatalog).map((l) => [l.slug, l.dueAt])).toEqual([
      ['1-1-veth-and-docker0', null],
      ['4-1-user-networks', '2026-11-10T23:59:59.000Z'],
      ['4-2-embedded-dns', '2026-11-20T23:59:59.000Z'],
    ]);
    await replaceAssignments(cx, net.id, []);
    expect(await listAssignments(cx, net.id)).toEqual([]);
  });

  it('refuses unknown chapters and lessons and duplicates', () => {
    const bad = (value: unknown) => {
      try {
        parseAssignments(value, testCatalog);
      } catch (error) {
        return (error as ClassroomError).status;
      }
      return 200;
    };
    expect(bad([{ kind: 'chapter', target: 9 }])).toBe(400);
    expect(bad([{ kind: 'lesson', target: '9-9-nope' }])).toBe(400);
    expect(
      bad([
        { kind: 'lesson', target: '4-1-user-networks' },
        { kind: 'lesson', target: '4-1-user-networks' },
      ]),
    ).toBe(400);
    expect(bad([{ kind: 'unit', target: '1' }])).toBe(400);
    expect(bad([{ kind: 'chapter', target: 1, dueAt: 'tomorrow' }])).toBe(400);
    expect(bad('all')).toBe(400);
  });

  it('lets students join, leave and be removed', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Networking 101' })).id);
    const lin = await createStudent(cx, { displayName: '  Lin   Wei ' });
    const max = await createStudent(cx, { displayName: 'Max' });
    expect(lin.displayName).toBe('Lin Wei');
    await enrol(cx, lin.id, net);
    await enrol(cx, lin.id, net); // twice is fine
    await enrol(cx, max.id, net);
    expect((await listStudents(cx, net.id)).map((s) => s.displayName)).toEqual(['Lin Wei', 'Max']);
    await unenrol(cx, max.id, net.id);
    expect((await refusal(unenrol(cx, max.id, net.id))).status).toBe(404);
    expect((await listStudents(cx, net.id)).map((s) => s.displayName)).toEqual(['Lin Wei']);
  });

  it('lets a student with an email and password sign in from another device', async () => {
    const lin = await createStudent(cx, { displayName: 'Lin', email: 'lin@example.org', password: 'a long enough password' });
    expect(lin.canSignIn).toBe(true);
    expect((await authenticateStudent(cx, { email: 'lin@example.org', password: 'a long enough password' })).id).toBe(lin.id);
    const max = await createStudent(cx, { displayName: 'Max' });
    expect(max.canSignIn).toBe(false);
    expect((await refusal(setStudentCredentials(cx, max.id, { email: 'lin@example.org', password: 'another long password' }))).status).toBe(409);
    expect((await setStudentCredentials(cx, max.id, { email: 'max@example.org', password: 'another long password' })).canSignIn).toBe(true);
    expect((await refusal(createStudent(cx, { displayName: 'X', email: 'x@example.org' }))).field).toBe('password');
    expect((await refusal(authenticateStudent(cx, { email: 'nobody@example.org', password: 'whatever it is' }))).status).toBe(401);
  });

  it('stores browser reports as self-reported at the server time, and a verification upgrades them once', async () => {
    const lin = await createStudent(cx, { displayName: 'Lin' });
    const items = parseProgressItems(
      [
        { lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', doneAt: '2000-01-01T00:00:00.000Z' },
        { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping', doneAt: '2027-01-01T00:00:00.000Z' },
      ],
      testCatalog,
    );
    expect(items).toEqual([
      { lessonSlug: '4-1-user-networks', exerciseId: 'ex-create' },
      { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping' },
    ]);
    expect(await recordProgress(cx, lin.id, items)).toBe(2);
    const reportedAt = clock.toISOString();
    clock = new Date('2026-11-01T11:00:00.000Z');
    expect(await recordVerified(cx, lin.id, { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping' }, 'server')).toBe(clock.toISOString());
    const verifiedAt = clock.toISOString();
    clock = new Date('2026-11-01T12:00:00.000Z');
    // Verified again later, or reported again by the browser: the first verified time stays.
    expect(await recordVerified(cx, lin.id, { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping' }, 'replay')).toBe(verifiedAt);
    await recordProgress(cx, lin.id, items);
    expect(await listProgress(cx, lin.id)).toEqual([
      { lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', doneAt: reportedAt, verification: 'self-reported' },
      { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping', doneAt: verifiedAt, verification: 'server' },
    ]);
  });

  it('refuses progress for unknown lessons and malformed exercise ids', () => {
    expect(() => parseProgressItems([{ lessonSlug: 'nope', exerciseId: 'a', doneAt: '2026-11-01T00:00:00Z' }], testCatalog)).toThrow(/no such lesson/);
    expect(() => parseProgressItems([{ lessonSlug: '4-1-user-networks', exerciseId: '<b>', doneAt: '2026-11-01T00:00:00Z' }], testCatalog)).toThrow(/identifier/);
    expect(() => parseProgressItems([{ lessonSlug: '4-1-user-networks', exerciseId: 'made-up' }], testCatalog)).toThrow(/has no exercise "made-up"/);
    expect(() => parseProgressItems(new Array(501).fill({}), testCatalog)).toThrow(/at most/);
  });

  it('collects progress only from students in an open class', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Networking 101' })).id);
    const lin = await createStudent(cx, { displayName: 'Lin' });
    expect((await refusal(requireOpenEnrolment(cx, lin.id))).status).toBe(403);
    await enrol(cx, lin.id, net);
    await requireOpenEnrolment(cx, lin.id);
    await setArchived(cx, net.id, true);
    expect((await refusal(requireOpenEnrolment(cx, lin.id))).status).toBe(403);
  });

  it('builds the dashboard from verified completions only: done counts, times and overdue marks', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Networking 101' })).id);
    await replaceAssignments(cx, net.id, [
      { kind: 'chapter', target: '4', dueAt: '2026-11-05T00:00:00.000Z' },
      { kind: 'lesson', target: '1-2-host-and-container', dueAt: null },
    ]);
    const lin = await createStudent(cx, { displayName: 'Lin' });
    const max = await createStudent(cx, { displayName: 'Max' });
    const outsider = await createStudent(cx, { displayName: 'Outsider' });
    await enrol(cx, lin.id, net);
    await enrol(cx, max.id, net);
    const verifyAt = async (studentId: string, at: string, lessonSlug: string, exerciseId: string) => {
      clock = new Date(at);
      await recordVerified(cx, studentId, { lessonSlug, exerciseId }, 'server');
    };
    await verifyAt(lin.id, '2026-11-01T09:00:00.000Z', '4-1-user-networks', 'ex-create');
    await verifyAt(lin.id, '2026-11-01T09:05:00.000Z', '4-1-user-networks', 'ex-ping');
    await verifyAt(lin.id, '2026-11-01T09:10:00.000Z', '4-2-embedded-dns', 'ex-dns');
    await verifyAt(lin.id, '2026-11-01T09:20:00.000Z', '1-2-host-and-container', 'anything');
    await verifyAt(max.id, '2026-11-01T09:30:00.000Z', '4-1-user-networks', 'ex-create');
    await verifyAt(outsider.id, '2026-11-01T09:30:00.000Z', '4-1-user-networks', 'ex-create');
    // Claimed by the browser only: not done on the dashboard.
    await recordProgress(cx, max.id, [{ lessonSlug: '4-2-embedded-dns', exerciseId: 'ex-dns' }]);
    clock = new Date('2026-11-01T10:00:00.000Z');

    const before = await buildDashboard(cx, net, testCatalog);
    expect(before.columns.map((c) => [c.slug, c.dueAt, c.total])).toEqual([
      ['1-2-host-and-container', null, null],
      ['4-1-user-networks', '2026-11-05T00:00:00.000Z', 2],
      ['4-2-embedded-dns', '2026-11-05T00:00:00.000Z', 1],
    ]);
    expect(before.rows.map((r) => r.student.displayName)).toEqual(['Lin', 'Max']);
    const [linRow, maxRow] = before.rows;
    expect(linRow?.cells.map((c) => [c.done, c.status])).toEqual([
      [1, 'complete'],
      [2, 'complete'],
      [1, 'complete'],
    ]);
    expect(linRow?.cells[1]?.lastDoneAt).toBe('2026-11-01T09:05:00.000Z');
    expect(maxRow?.cells.map((c) => [c.done, c.status])).toEqual([
      [0, 'not-started'],
      [1, 'in-progress'],
      [0, 'not-started'],
    ]);

    clock = new Date('2026-11-06T00:00:00.000Z');
    await recordVerified(cx, max.id, { lessonSlug: '4-2-embedded-dns', exerciseId: 'ex-dns' }, 'replay');
    const after = await buildDashboard(cx, net, testCatalog);
    expect(after.rows[1]?.cells.map((c) => c.status)).toEqual(['not-started', 'overdue', 'late']);
  });

  it('shows a student their open classes with assigned lessons and due dates', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Networking 101' })).id);
    const old = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Last year' })).id);
    await replaceAssignments(cx, net.id, [{ kind: 'lesson', target: '4-2-embedded-dns', dueAt: '2026-11-20T00:00:00.000Z' }]);
    const lin = await createStudent(cx, { displayName: 'Lin' });
    await enrol(cx, lin.id, net);
    await enrol(cx, lin.id, old);
    await setArchived(cx, old.id, true);
    const overview = await studentOverview(cx, lin.id, testCatalog);
    expect(overview.map((c) => c.name)).toEqual(['Networking 101']);
    expect(overview[0]?.lessons).toEqual([{ slug: '4-2-embedded-dns', chapter: 4, section: '4.2', title: 'Embedded DNS', dueAt: '2026-11-20T00:00:00.000Z' }]);
  });

  it('removes everything of an instructor with the account (foreign keys cascade)', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Networking 101' })).id);
    const lin = await createStudent(cx, { displayName: 'Lin' });
    await enrol(cx, lin.id, net);
    await createSession(cx, 'instructor', ada.id);
    await cx.db.deleteFrom('instructors').where('id', '=', ada.id).execute();
    expect(await cx.db.selectFrom('classes').selectAll().execute()).toEqual([]);
    expect(await cx.db.selectFrom('enrolments').selectAll().execute()).toEqual([]);
    expect(await countSessions(cx)).toBe(0);
  });
});
