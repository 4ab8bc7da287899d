/**
 * The dashboard of a real class in Chromium against the production server: 40 students seeded into the
 * database (varied progress, a late chapter, two Alices, one student stuck on a failing check), seen at
 * 1366×768. The table fits the window's width with the course's lessons and with seven more
 * (columns added to the API's answer), scrolls inside its own box with the header row and the name column
 * staying in view, sorts by progress, filters the stuck, and names the failing check.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openClassroom } from '../../src/classroom/context.ts';
import type { Dashboard } from '../../src/classroom/dashboard.ts';
import { readLessons } from '../lessons/lesson-source.ts';
import { seedClass, type SeededClass } from '../support/classroom-seed.ts';
import { REPO_ROOT, useServerAndBrowser } from './harness.ts';

const VIEWPORT = { width: 1366, height: 768 };
/** Lessons of the course (one file per lesson per locale). */
const COURSE_LESSONS = readdirSync(join(REPO_ROOT, 'src/content/lessons/en')).filter((f) => f.endsWith('.mdx')).length;
const dataDir = mkdtempSync(join(tmpdir(), 'vethlab-dashboard-browser-'));
const databaseUrl = join(dataDir, 'classroom.sqlite');
let seeded: SeededClass;
const english = readLessons('en');
const lessons = readLessons('zh')
  .filter((lesson) => !lesson.data.draft)
  .sort((a, b) => a.position.chapter - b.position.chapter || a.position.order - b.position.order)
  .map((lesson) => ({ slug: lesson.slug, chapter: lesson.position.chapter, exercises: lesson.exerciseTags }));

// Registered before the server's hooks: the database is seeded before the server opens it, and
// removed after it stopped (afterAll runs in reverse order).
beforeAll(async () => {
  const cx = await openClassroom({ url: databaseUrl });
  try {
    seeded = await seedClass(cx, lessons, 40);
  } finally {
    await cx.close();
  }
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const run = useServerAndBrowser({ DATABASE_URL: databaseUrl });

/** What the dashboard must say the stuck student fails: the exercise and its first check's hint (English page). */
function stuckCheck(): string {
  const exercise = english.find((lesson) => lesson.slug === seeded.stuck.lessonSlug)?.data.exercises.find((e) => e.id === seeded.stuck.exerciseId);
  const hint = exercise?.checks[0]?.hint;
  if (!hint) throw new Error(`no first check for ${seeded.stuck.lessonSlug} ${seeded.stuck.exerciseId}`);
  return `${seeded.stuck.exerciseId}: ${hint}`;
}

async function openDashboard(extraLessons = 0): Promise<Page> {
  const context = await run.newContext({ viewport: VIEWPORT });
  await context.addCookies([{ ...seeded.cookie, url: run.server().url }]);
  const page = await context.newPage();
  if (extraLessons > 0) {
    // A longer course is drawn from the same answer with more columns.
    await page.route('**/api/classroom/classes/*/dashboard?*', async (route) => {
      const response = await route.fetch();
      const data = (await response.json()) as Dashboard;
      const template = data.columns.at(-1)!;
      for (let i = 0; i < extraLessons; i++) {
        data.columns.push({ ...template, slug: `extra-${i}`, section: `9.${i + 1}`, title: `Extra ${i + 1}` });
        for (const row of data.rows) row.cells.push({ ...row.cells.at(-1)! });
      }
      await route.fulfill({ response, json: data });
    });
  }
  await page.goto(`/en/teach/classes/${seeded.classId}/dashboard/`);
  await page.locator('[data-vl-dashboard] table tbody tr').first().waitFor();
  return page;
}

/** Boxes of the scroll region, the page, and the first header / name cells. */
function layout(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-vl-dashboard]')!;
    const rect = (el: Element | null) => el?.getBoundingClientRect().toJSON() as DOMRect;
    return {
      pageScrollWidth: document.documentElement.scrollWidth,
      viewportWidth: document.documentElement.clientWidth,
      box: rect(box),
      boxScrollWidth: box.scrollWidth,
      boxClientWidth: box.clientWidth,
      boxScrollHeight: box.scrollHeight,
      boxClientHeight: box.clientHeight,
      header: rect(box.querySelector('thead th.vl-dash-lesson')),
      firstName: rect(box.querySelector('tbody tr th')),
      rows: box.querySelectorAll('tbody tr').length,
      columns: box.querySelectorAll('thead th.vl-dash-lesson').length,
    };
  });
}

it('fits a 1366×768 window with every lesson of the course and with seven more: no page scroll sideways, the table scrolls in its box', async () => {
  for (const extra of [0, 7]) {
    const page = await openDashboard(extra);
    const l = await layout(page);
    expect(l.columns).toBe(COURSE_LESSONS + extra);
    expect(l.rows).toBe(40);
    expect(l.pageScrollWidth, `page wider than the window with ${l.columns} lessons`).toBeLessThanOrEqual(VIEWPORT.width);
    expect(l.box.right).toBeLessThanOrEqual(l.viewportWidth);
    // 40 rows are taller than the box: the box scrolls, not the page.
    expect(l.boxScrollHeight).toBeGreaterThan(l.boxClientHeight);
    expect(l.box.bottom).toBeLessThanOrEqual(VIEWPORT.height);
    await page.context().close();
  }
});

it('keeps the header row and the name column in view while the table scrolls', async () => {
  const page = await openDashboard(7);
  const before = await layout(page);
  await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-vl-dashboard]')!;
    box.scrollTop = box.scrollHeight;
    box.scrollLeft = box.scrollWidth;
  });
  await page.waitForTimeout(100);
  const after = await layout(page);
  // The header row is still at the top of the box, the name column still at its left edge.
  expect(Math.abs(after.header.top - before.header.top)).toBeLessThan(2);
  const firstVisibleName = await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-vl-dashboard]')!.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 40, box.top + box.height / 2);
    return hit?.closest('th[scope="row"]') !== null && hit?.closest('th[scope="row"]') !== undefined;
  });
  expect(firstVisibleName).toBe(true);
  const nameLeft = await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-vl-dashboard]')!;
    const rows = [...box.querySelectorAll('tbody tr th')];
    return rows.at(-1)!.getBoundingClientRect().left - box.getBoundingClientRect().left;
  });
  expect(nameLeft).toBeLessThan(3);
});

it('sorts by progress, filters the stuck, and names the failing check; cells explain themselves on focus', async () => {
  const page = await openDashboard();
  const done = () => page.locator('[data-vl-dashboard] tbody td.vl-dash-total').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.done)));
  await page.click('button[data-sort="progress"]');
  const descending = await done();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending[0]).toBeGreaterThan(descending.at(-1)!);
  expect(await page.locator('th:has(button[data-sort="progress"])').getAttribute('aria-sort')).toBe('descending');
  await page.click('button[data-sort="progress"]');
  const ascending = await done();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

  // The stuck student: the filter leaves them, and their row names the check and the lesson.
  await page.selectOption('[data-vl-dash-filter]', 'stuck');
  const rows = page.locator('[data-vl-dashboard] tbody tr');
  expect(await rows.count()).toBe(1);
  const row = rows.first();
  expect(await row.locator('.vl-dash-student').innerText()).toBe(seeded.stuck.name);
  expect(await row.locator('.vl-dash-stuck').getAttribute('title')).toContain(stuckCheck());
  const stuckCell = row.locator(`td[data-lesson="${seeded.stuck.lessonSlug}"] button`);
  expect(await stuckCell.innerText()).toContain('⚠');

  // Keyboard focus on a cell shows its details, as hovering does.
  await stuckCell.focus();
  const tip = page.locator('#vl-dash-tip');
  await tip.waitFor({ state: 'visible' });
  expect(await tip.innerText()).toContain(`Failing check: ${stuckCheck()}`);

  // Two students called Alice are told apart by their tags; search finds both.
  await page.selectOption('[data-vl-dash-filter]', 'all');
  await page.fill('[data-vl-dash-search]', 'alice');
  const alices = await page.locator('[data-vl-dashboard] tbody .vl-dash-student').allInnerTexts();
  expect(alices).toHaveLength(2);
  expect(new Set(alices).size).toBe(2);
  for (const name of alices) expect(name).toMatch(/^Alice #[A-Za-z0-9_-]{4}$/);
  expect(await page.locator('[data-vl-dashboard] table th[scope="col"]').count()).toBeGreaterThan(13);
});

it("draws each student's watch link as an icon (no glyph a default font lacks) with a 24-px target", async () => {
  const page = await openDashboard();
  const links = await page
    .locator('[data-vl-dashboard] a[data-watch]')
    .evaluateAll((all) =>
      all.map((a) => ({ text: a.textContent ?? '', icons: a.querySelectorAll('svg').length, label: a.getAttribute('aria-label') ?? '', box: a.getBoundingClientRect().toJSON() as DOMRect })),
    );
  expect(links).toHaveLength(40);
  for (const link of links) {
    // "⧉" drew as a box with Debian's fonts: the link shows a drawn icon and no text.
    expect(link.text.trim()).toBe('');
    expect(link.icons).toBe(1);
    expect(link.label).toMatch(/^Watch terminal: \S/);
    expect(link.box.width).toBeGreaterThanOrEqual(24);
    expect(link.box.height).toBeGreaterThanOrEqual(24);
  }
  await page.context().close();
});
