/** The whole classroom story through the API, on both databases: what the browser test does, minus the browser. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { describeEachDatabase } from './support/databases.ts';
import { call, cookieFrom, testDeps } from './support/http.ts';
import type { ApiDeps } from '../../../src/classroom/http/api.ts';
import { encodeJournal } from '../../../src/sandbox/worker/journal-wire.ts';
import { journalOf } from '../worker/helpers.ts';

describeEachDatabase('classroom story via the API', (open) => {
  let cx: Classroom;
  let deps: ApiDeps;
  beforeEach(async () => {
    cx = await open();
    deps = testDeps(cx);
  });
  afterEach(async () => {
    await cx.close();
  });

  it('instructor assigns chapter 4; a student joins with the code, carries progress over, reports more; the dashboard shows it', async () => {
    const signUp = await call(deps, 'POST', '/instructor/sign-up', { body: { email: 'teacher@example.org', password: 'a long enough password', name: 'Teacher' } });
    expect(signUp.status).toBe(201);
    const teacher = cookieFrom(signUp.headers);
    const created = await call(deps, 'POST', '/classes', { cookie: teacher, body: { name: 'Docker 网络 2026' } });
    expect(created.status).toBe(201);
    const classId: string = created.body.class.id;
    const assigned = await call(deps, 'PUT', `/classes/${classId}/assignments`, {
      cookie: teacher,
      body: { assignments: [{ kind: 'chapter', target: 4, dueAt: '2099-01-01T00:00:00.000Z' }] },
    });
    expect(assigned.body.assignments).toEqual([{ kind: 'chapter', target: '4', dueAt: '2099-01-01T00:00:00.000Z' }]);

    // The student types the code as they read it, lower case with the dash.
    const joined = await call(deps, 'POST', '/join', { body: { code: created.body.class.joinCode.toLowerCase(), displayName: 'Lin' } });
    expect(joined.status).toBe(200);
    const student = cookieFrom(joined.headers);
    expect(student).toMatch(/^vl_student=/);
    const me = await call(deps, 'GET', '/me', { cookie: student });
    expect(me.body.classes[0].name).toBe('Docker 网络 2026');
    expect(me.body.classes[0].lessons.map((l: { slug: string }) => l.slug)).toEqual(['4-1-user-networks', '4-2-embedded-dns']);

    // Carry-over of what was done before joining, then one more as it happens; sending twice is harmless.
    // Bare reports are self-reported: stored, never shown as done (the server did not see the checks pass).
    const carry = [{ lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', doneAt: '2026-01-01T10:00:00.000Z' }];
    expect((await call(deps, 'POST', '/progress', { cookie: student, body: { items: carry } })).body).toEqual({ recorded: 1 });
    const live = [{ lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping', doneAt: new Date().toISOString() }];
    await call(deps, 'POST', '/progress', { cookie: student, body: { items: live } });
    await call(deps, 'POST', '/progress', { cookie: student, body: { items: live } });

    const dashboard = await call(deps, 'GET', `/classes/${classId}/dashboard`, { cookie: teacher });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.rows[0].student.displayName).toBe('Lin');
    expect(dashboard.body.rows[0].cells.map((c: { done: number; status: string }) => [c.done, c.status])).toEqual([
      [0, 'not-started'],
      [0, 'not-started'],
    ]);
    // Made-up exercise ids are refused.
    const junk = [{ lessonSlug: '4-1-user-networks', exerciseId: 'junk-1', doneAt: '2026-01-01T10:00:00.000Z' }];
    expect((await call(deps, 'POST', '/progress', { cookie: student, body: { items: junk } })).status).toBe(400);
    // Polling: unchanged data answers 304.
    const etag = dashboard.headers.get('etag') as string;
    expect((await call(deps, 'GET', `/classes/${classId}/dashboard`, { cookie: teacher, headers: { 'if-none-match': etag } })).status).toBe(304);

    const csv = await call(deps, 'GET', `/classes/${classId}/dashboard.csv`, { cookie: teacher });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="vethlab-${classId}.csv"`);
    expect(csv.body).toContain('Lin,');

    // The student leaves; the instructor's dashboard no longer lists them, and their reports are refused.
    expect((await call(deps, 'DELETE', `/me/classes/${classId}`, { cookie: student })).status).toBe(204);
    expect((await call(deps, 'GET', `/classes/${classId}/dashboard`, { cookie: teacher })).body.rows).toEqual([]);
    expect((await call(deps, 'POST', '/progress', { cookie: student, body: { items: live } })).status).toBe(403);
  });

  it('forged progress shows nothing; a journal of the in-browser simulator that passes the checks shows done at the server time', async () => {
    const teacher = cookieFrom((await call(deps, 'POST', '/instructor/sign-up', { body: { email: 't@example.org', password: 'a long enough password' } })).headers);
    const created = await call(deps, 'POST', '/classes', { cookie: teacher, body: { name: 'Class' } });
    const classId: string = created.body.class.id;
    await call(deps, 'PUT', `/classes/${classId}/assignments`, { cookie: teacher, body: { assignments: [{ kind: 'lesson', target: '4-1-user-networks', dueAt: '2026-01-01T00:00:00.000Z' }] } });
    const student = cookieFrom((await call(deps, 'POST', '/join', { body: { code: created.body.class.joinCode, displayName: 'Eve' } })).headers);
    const cellOf = async () => (await call(deps, 'GET', `/classes/${classId}/dashboard`, { cookie: teacher })).body.rows[0].cells[0];

    // Backdated to before the due date: stored as self-reported, not done, not "complete".
    const forged = [{ lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', doneAt: '2025-12-01T00:00:00.000Z' }];
    expect((await call(deps, 'POST', '/progress', { cookie: student, body: { items: forged } })).status).toBe(200);
    expect(await cellOf()).toMatchObject({ done: 0, exercises: [] });

    const verify = (journal: unknown) => call(deps, 'POST', '/progress/verify', { cookie: student, body: { lessonSlug: '4-1-user-networks', exerciseId: 'ex-create', journal } });
    const idle = await verify(encodeJournal(await journalOf(['docker network ls'])));
    expect(idle.body).toEqual({ verified: false, doneAt: null, verdicts: [false, false] });
    expect((await verify({ v: 1, profile: '', seed: 1, start: 0, events: 'all of them' })).status).toBe(400);

    const before = new Date().toISOString();
    const worked = await verify(encodeJournal(await journalOf(['docker network create mynet', 'docker run -dit --name box1 --network mynet busybox'])));
    expect(worked.body).toMatchObject({ verified: true, verdicts: [true, true] });
    expect(worked.body.doneAt >= before).toBe(true);
    const cell = await cellOf();
    expect(cell.exercises).toEqual([{ id: 'ex-create', doneAt: worked.body.doneAt }]);
    // Done after the due date, by the server's clock: late, whatever the browser claimed earlier.
    expect(cell.lastDoneAt).toBe(worked.body.doneAt);
  }, 30_000);

  it('a student with credentials comes back on another device and gets their progress', async () => {
    const teacher = cookieFrom((await call(deps, 'POST', '/instructor/sign-up', { body: { email: 't@example.org', password: 'a long enough password' } })).headers);
    const created = await call(deps, 'POST', '/classes', { cookie: teacher, body: { name: 'Class' } });
    const joined = await call(deps, 'POST', '/join', {
      body: { token: created.body.class.joinToken, displayName: 'Max', email: 'max@example.org', password: 'max password 1234' },
    });
    expect(joined.body.student.canSignIn).toBe(true);
    await call(deps, 'POST', '/progress', {
      cookie: cookieFrom(joined.headers),
      body: { items: [{ lessonSlug: '4-2-embedded-dns', exerciseId: 'ex-dns', doneAt: '2026-02-02T00:00:00.000Z' }] },
    });
    const elsewhere = await call(deps, 'POST', '/student/sign-in', { body: { email: 'MAX@example.org', password: 'max password 1234' } });
    expect(elsewhere.status).toBe(200);
    const progress = await call(deps, 'GET', '/progress', { cookie: cookieFrom(elsewhere.headers) });
    expect(progress.body.items).toEqual([{ lessonSlug: '4-2-embedded-dns', exerciseId: 'ex-dns', doneAt: expect.any(String), verification: 'self-reported' }]);
    expect(progress.body.items[0].doneAt).not.toBe('2026-02-02T00:00:00.000Z');
  });

  it('archived classes take no students; instructors sign out', async () => {
    const signUp = await call(deps, 'POST', '/instructor/sign-up', { body: { email: 'a@example.org', password: 'a long enough password' } });
    const teacher = cookieFrom(signUp.headers);
    const created = await call(deps, 'POST', '/classes', { cookie: teacher, body: { name: 'Old' } });
    const archived = await call(deps, 'POST', `/classes/${created.body.class.id}/archive`, { cookie: teacher, body: { archived: true } });
    expect(archived.body.class.archivedAt).not.toBeNull();
    expect((await call(deps, 'POST', '/join', { body: { code: created.body.class.joinCode, displayName: 'Late' } })).status).toBe(404);
    expect((await call(deps, 'POST', '/instructor/sign-out', { cookie: teacher })).status).toBe(204);
    expect((await call(deps, 'GET', '/classes', { cookie: teacher })).status).toBe(401);
  });
});
