/** What the dashboard reads per student × lesson: verified work, self-reported claims, started, stuck on. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signUpInstructor } from '../../../src/classroom/accounts.ts';
import { ownedClass } from '../../../src/classroom/authorization.ts';
import { createClass } from '../../../src/classroom/classes.ts';
import type { Classroom } from '../../../src/classroom/context.ts';
import { enrol } from '../../../src/classroom/enrolments.ts';
import { recordCheckRun, recordProgress, recordVerified } from '../../../src/classroom/progress.ts';
import { readClassProgress } from '../../../src/classroom/progress-model.ts';
import { createStudent } from '../../../src/classroom/students.ts';
import { testCatalog } from './support/catalog.ts';
import { describeEachDatabase } from './support/databases.ts';

describeEachDatabase('progress model', (open) => {
  let cx: Classroom;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-11-01T10:00:00.000Z');
    cx = await open({ now: () => clock });
  });
  afterEach(async () => {
    await cx.close();
  });

  const at = (iso: string) => {
    clock = new Date(iso);
  };

  it('names the failing check of a stuck student, counts only verified work, keeps claims apart', async () => {
    const ada = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
    const net = await ownedClass(cx, ada.id, (await createClass(cx, ada.id, { name: 'Net' })).id);
    const lin = await createStudent(cx, { displayName: 'Lin' });
    const max = await createStudent(cx, { displayName: 'Max' });
    const outsider = await createStudent(cx, { displayName: 'Outsider' });
    for (const student of [lin, max]) await enrol(cx, student.id, net);
    const lesson = { lessonSlug: '4-1-user-networks', exerciseId: 'ex-create' };

    // Lin: stuck on ex-create's second check, then the first again, then done; ex-ping done too.
    at('2026-11-01T10:01:00.000Z');
    await recordCheckRun(cx, lin.id, lesson, 1);
    at('2026-11-01T10:02:00.000Z');
    await recordCheckRun(cx, lin.id, lesson, 0);
    const stuck = (await readClassProgress(cx, net.id, testCatalog.lessons)).get(lin.id)?.get('4-1-user-networks');
    expect(stuck).toMatchObject({
      completedAt: null,
      startedAt: '2026-11-01T10:01:00.000Z',
      lastActivityAt: '2026-11-01T10:02:00.000Z',
      failing: { exerciseId: 'ex-create', index: 0, run: 'docker network inspect -f ok mynet', hint: 'There is no network called mynet yet.' },
    });

    at('2026-11-01T10:03:00.000Z');
    await recordCheckRun(cx, lin.id, lesson, null);
    await recordVerified(cx, lin.id, lesson, 'server');
    at('2026-11-01T10:04:00.000Z');
    await recordVerified(cx, lin.id, { lessonSlug: '4-1-user-networks', exerciseId: 'ex-ping' }, 'replay');
    // Max: claims everything from a static site; never checked on the server.
    await recordProgress(cx, max.id, [lesson, { lessonSlug: '4-2-embedded-dns', exerciseId: 'ex-dns' }]);
    await recordVerified(cx, outsider.id, lesson, 'server');

    const progress = await readClassProgress(cx, net.id, testCatalog.lessons);
    expect([...progress.keys()].sort()).toEqual([lin.id, max.id].sort());
    expect(progress.get(lin.id)?.get('4-1-user-networks')).toEqual({
      lessonSlug: '4-1-user-networks',
      completedAt: '2026-11-01T10:04:00.000Z',
      startedAt: '2026-11-01T10:01:00.000Z',
      lastActivityAt: '2026-11-01T10:04:00.000Z',
      verified: [
        { exerciseId: 'ex-create', doneAt: '2026-11-01T10:03:00.000Z', via: 'server' },
        { exerciseId: 'ex-ping', doneAt: '2026-11-01T10:04:00.000Z', via: 'replay' },
      ],
      selfReported: [],
      failing: null,
    });
    const claimed = progress.get(max.id)?.get('4-2-embedded-dns');
    expect(claimed).toMatchObject({ completedAt: null, startedAt: null, verified: [], selfReported: [{ exerciseId: 'ex-dns' }], failing: null });
  });
});
