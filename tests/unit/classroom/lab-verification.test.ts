/**
 * Verifying a broken lab done in the in-browser simulator: the server replays the journal, which
 * must start with the lab's setup, so a fixed lab is verified and a fresh sandbox passed off as the
 * lab (its setup left out) is refused.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { createCatalog } from '../../../src/classroom/catalog.ts';
import { labProfile } from '../../../src/sandbox/profiles/lab-profile.ts';
import type { SetupStep } from '../../../src/sandbox/setup.ts';
import type { SavedSandbox } from '../../../src/sandbox/worker/journal.ts';
import { encodeJournal } from '../../../src/sandbox/worker/journal-wire.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { loadPage, run, until } from '../worker/helpers.ts';
import { describeEachDatabase } from './support/databases.ts';
import { call, cookieFrom, testDeps } from './support/http.ts';
import { testCatalog } from './support/catalog.ts';
import type { ApiDeps } from '../../../src/classroom/http/api.ts';

const SLUG = '7-1-lost-masquerade';
const LAB = labProfile(undefined, SLUG);
const SETUP: SetupStep[] = [{ run: 'iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', node: 'node1' }];
const RESTORED = { run: 'iptables -t nat -S POSTROUTING', exit: 0, match: '-s 172\\.17\\.0\\.0/16 .*-j (MASQUERADE|SNAT)', hint: 'Nothing rewrites the containers’ source address on the way out.' };

const catalog = createCatalog([
  ...testCatalog.lessons,
  {
    slug: SLUG,
    chapter: 7,
    section: '7.1',
    title: 'Lost MASQUERADE',
    exercises: ['outbound-restored'],
    definitions: [{ id: 'outbound-restored', node: 'node1', checks: [RESTORED] }],
    profile: LAB,
    setup: SETUP,
  },
]);

/** The lab in a fresh in-browser sandbox, `lines` typed, and what the worker saved. */
async function labJournal(lines: readonly string[]): Promise<SavedSandbox> {
  const store = new MemoryStore();
  const page = loadPage(store);
  page.host.receive({ op: 'lab', slug: SLUG, setup: SETUP });
  const terminal = page.connect('node1', undefined, LAB);
  await until(() => terminal.controls.some((c) => c.type === 'ready'));
  for (const line of lines) await run(terminal, line);
  await until(() => (store.records.get(LAB)?.events.filter((event) => event.k === 'in').length ?? 0) >= lines.length);
  const saved = store.records.get(LAB);
  if (!saved) throw new Error('the lab was not saved');
  await page.host.close();
  return saved;
}

describeEachDatabase('broken lab verification', (open) => {
  let cx: Classroom;
  let deps: ApiDeps;

  beforeEach(async () => {
    cx = await open();
    deps = { ...testDeps(cx), catalog: async () => catalog };
  });

  afterEach(async () => {
    await cx.close();
  });

  it('verifies a fixed lab; refuses the journal of a sandbox that skipped the lab', async () => {
    const teacher = cookieFrom((await call(deps, 'POST', '/instructor/sign-up', { body: { email: 't@example.org', password: 'a long enough password' } })).headers);
    const created = await call(deps, 'POST', '/classes', { cookie: teacher, body: { name: 'Class' } });
    const student = cookieFrom((await call(deps, 'POST', '/join', { body: { code: created.body.class.joinCode, displayName: 'Ada' } })).headers);
    const verify = (journal: unknown) => call(deps, 'POST', '/progress/verify', { cookie: student, body: { lessonSlug: SLUG, exerciseId: 'outbound-restored', journal } });

    // Still broken: replayed, checked, not verified.
    const looked = await verify(encodeJournal(await labJournal(['iptables -t nat -S POSTROUTING'])));
    expect(looked.body).toEqual({ verified: false, doneAt: null, verdicts: [false] });

    const fixed = await labJournal(['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE']);
    const worked = await verify(encodeJournal(fixed));
    expect(worked.body).toMatchObject({ verified: true, verdicts: [true] });

    // The same typing on a sandbox that never ran the setup (its events without the setup's exec): refused.
    const skipped: SavedSandbox = { ...fixed, events: fixed.events.filter((event) => event.k !== 'exec') };
    const refused = await verify(encodeJournal(skipped));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/does not start with the setup of lab 7-1-lost-masquerade/);

    // A default sandbox's journal is another sandbox altogether.
    expect((await verify(encodeJournal({ ...fixed, profile: '' }))).status).toBe(400);
  }, 30_000);
});
