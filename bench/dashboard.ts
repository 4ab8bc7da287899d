/**
 * The instructor's dashboard for a big class: 200 students × 20 lessons (default).
 *
 *   npx node bench/dashboard.ts [--students 200] [--lessons 20] [--runs 10]      (after `npm run build`)
 *
 * 1. Server side, in process on a temporary SQLite file: a class seeded as tests/support/classroom-seed.ts
 *    does (varied progress, a late chapter, stuck students) over a catalog of --lessons lessons; the
 *    time to build the dashboard (median and max of --runs) and the size of its JSON, raw and gzipped
 *    (what a poll costs when something changed; unchanged polls are a 304).
 * 2. Browser side: the production server and Chromium at 1366×768; the page's own script fetches that
 *    JSON (served through a route) and draws the table; we read the time it took from JSON parse to the
 *    drawn table (data-render-ms, set by the page), median of --runs reloads, and the time of one re-sort.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createCatalog, type CatalogLesson } from '../src/classroom/catalog.ts';
import { openClassroom } from '../src/classroom/context.ts';
import { buildDashboard } from '../src/classroom/dashboard.ts';
import { ownedClass } from '../src/classroom/authorization.ts';
import { launchBrowser } from '../tests/browser/harness.ts';
import { startServerChild } from '../tests/faults/server-process.ts';
import { readLessons } from '../tests/lessons/lesson-source.ts';
import { seedClass } from '../tests/support/classroom-seed.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STUDENTS = option('students', 200);
const LESSONS = option('lessons', 20);
const RUNS = option('runs', 10);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const dir = mkdtempSync(join(tmpdir(), 'vethlab-bench-dashboard-'));

try {
  // 1. Build the dashboard JSON for a synthetic course of LESSONS lessons, six chapters.
  const lessons: CatalogLesson[] = Array.from({ length: LESSONS }, (_, i) => {
    const chapter = 1 + Math.floor((i * 6) / LESSONS);
    const exercises = Array.from({ length: 1 + (i % 3) }, (_, e) => `ex-${e + 1}`);
    // Definitions, so that a failing check has a hint to show (as the real catalog's lessons do).
    const definitions = exercises.map((id) => ({ id, node: 'node1', checks: [{ run: 'docker ps', exit: 0, hint: 'the container web is not running yet' }] }));
    return { slug: `${chapter}-${i + 1}-lesson`, chapter, section: `${chapter}.${i + 1}`, title: `Lesson ${i + 1} with a title of usual length`, exercises, definitions };
  });
  const catalog = createCatalog(lessons);
  const cx = await openClassroom({ url: join(dir, 'bench.sqlite') });
  let json = '';
  try {
    const seedStarted = performance.now();
    const seeded = await seedClass(cx, lessons, STUDENTS, 'bench');
    console.log(`seeded ${STUDENTS} students × ${LESSONS} lessons in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const classRow = await ownedClass(cx, (await cx.db.selectFrom('classes').select('instructor_id').where('id', '=', seeded.classId).executeTakeFirstOrThrow()).instructor_id, seeded.classId);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const { generatedAt: _ignored, ...content } = await buildDashboard(cx, classRow, catalog);
      json = JSON.stringify(content);
      times.push(performance.now() - started);
    }
    console.log(`server: build + serialise median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${RUNS} runs)`);
    console.log(`JSON: ${(json.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(json).length / 1024).toFixed(1)} KiB gzipped`);
  } finally {
    await cx.close();
  }

  // 2. Draw it in Chromium: a small real class for the page itself, the big JSON through a route.
  const url = join(dir, 'server.sqlite');
  const small = await openClassroom({ url });
  const realLessons = readLessons('zh')
    .filter((lesson) => !lesson.data.draft)
    .map((lesson) => ({ slug: lesson.slug, chapter: lesson.position.chapter, exercises: lesson.exerciseTags }));
  const page0 = await seedClass(small, realLessons, 4, 'page');
  await small.close();
  const server = await startServerChild({ DATABASE_URL: url });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
    await context.addCookies([{ ...page0.cookie, url: server.url }]);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    await page.route('**/api/classroom/classes/*/dashboard?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { etag: `"${Math.random()}"` }, body: json }));
    const renders: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`/en/teach/classes/${page0.classId}/dashboard/`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-vl-dashboard]')?.dataset.renderMs !== undefined);
      renders.push(Number(await page.evaluate(() => document.querySelector<HTMLElement>('[data-vl-dashboard]')!.dataset.renderMs)));
    }
    const sortMs = await page.evaluate(() => {
      const started = performance.now();
      document.querySelector<HTMLButtonElement>('button[data-sort="progress"]')!.click();
      return performance.now() - started;
    });
    const cells = await page.locator('[data-vl-dashboard] td.vl-dash-cell').count();
    console.log(`browser: parse + draw ${cells} cells median ${median(renders).toFixed(1)} ms, max ${Math.max(...renders).toFixed(1)} ms (${RUNS} loads); re-sort by progress ${sortMs.toFixed(1)} ms`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
