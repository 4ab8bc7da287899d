/**
 * The whole classroom story in Chromium against the production server: an instructor signs up,
 * creates a class, assigns chapter 4; a student joins with the code in a second browser context
 * (bringing a completion made before joining, which stays self-reported), completes an exercise of
 * chapter 4 by typing its solution into the lesson's terminal; the instructor's dashboard shows it
 * without a reload. The student's display name and the class name are script payloads that must
 * stay inert on every page the instructor sees.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { readLessons } from '../lessons/lesson-source.ts';
import { endsWithPrompt, typeCommand, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

/** Chapter 4's lessons that have exercises, in course order: the first is worked live, the second before joining. */
const chapter4 = readLessons('zh')
  .filter((lesson) => lesson.position.chapter === 4 && !lesson.data.draft && lesson.data.exercises.length > 0)
  .sort((a, b) => a.position.order - b.position.order);

const XSS = '<img src=x onerror=alert(1)>';
/** "A few seconds": the dashboard polls every 3 s. */
const LIVE_MS = 8_000;

const dataDir = mkdtempSync(join(tmpdir(), 'vethlab-classroom-browser-'));
// Registered before the server's hooks, so it runs after the server has stopped (afterAll runs in reverse).
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const run = useServerAndBrowser({ DATABASE_URL: join(dataDir, 'classroom.sqlite') });

/** A fresh browser profile whose page fails the test on any dialog (an executed payload would alert). */
async function person(): Promise<{ page: Page; dialogs: string[] }> {
  const context = await run.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, dialogs };
}

it('instructor assigns chapter 4, a student joins and works, the dashboard follows live', async () => {
  // Instructor: sign up, create a class, assign chapter 4.
  const teacher = await person();
  await teacher.page.goto('/teach/sign-up/');
  await teacher.page.fill('input[name="name"]', 'Ada');
  await teacher.page.fill('input[name="email"]', 'ada@example.org');
  await teacher.page.fill('input[name="password"]', 'a long enough password');
  await teacher.page.click('button[type="submit"]');
  await teacher.page.waitForURL('**/teach/');
  await teacher.page.fill('form[data-vl-create-class] input[name="name"]', XSS);
  await teacher.page.click('form[data-vl-create-class] button[type="submit"]');
  await teacher.page.waitForURL('**/teach/classes/*/');
  const classUrl = new URL(teacher.page.url()).pathname;
  expect(await teacher.page.locator('h1').innerText()).toContain(XSS);

  await teacher.page.check('input[data-assign-kind="chapter"][data-assign-target="4"]');
  await teacher.page.click('form[data-vl-assignments] button[type="submit"]');
  await teacher.page.locator('[data-vl-saved]').waitFor({ state: 'visible' });
  const [live, earlier] = chapter4;
  expect(live, 'chapter 4 needs two lessons with exercises').toBeDefined();
  expect(earlier, 'chapter 4 needs two lessons with exercises').toBeDefined();
  const lessonSlug = live!.slug;
  const assignable = await teacher.page
    .locator('fieldset:has(input[data-assign-kind="chapter"][data-assign-target="4"]) input[data-assign-kind="lesson"]')
    .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('data-assign-target')));
  expect(assignable).toEqual(expect.arrayContaining([live!.slug, earlier!.slug]));
  const code = (await teacher.page.locator('[data-vl-join-code]').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  // The instructor watches the dashboard from now on, without reloading.
  await teacher.page.goto(`${classUrl}dashboard/`);
  await teacher.page.locator('[data-vl-dashboard] p, [data-vl-dashboard] table').first().waitFor();

  // Student, in another browser profile: a completion made before joining, then the code.
  const student = await person();
  await student.page.goto('/');
  const carried = { slug: earlier!.slug, exercise: earlier!.data.exercises[0]!.id };
  await student.page.evaluate(({ slug, exercise }) => {
    const before = { [slug]: { exercises: { [exercise]: { doneAt: new Date(Date.now() - 3_600_000).toISOString() } } } };
    localStorage.setItem('vethlab.progress', JSON.stringify(before));
  }, carried);
  await student.page.goto('/join/');
  await student.page.fill('input[name="code"]', code.toLowerCase());
  await student.page.fill('input[name="displayName"]', XSS);
  await student.page.click('button[type="submit"]');
  await student.page.waitForURL((url) => url.pathname === '/');

  // The carried-over completion was never verified by the server: it is stored as self-reported and
  // the dashboard does not count it.
  const doneIn = (slug: string) =>
    teacher.page
      .locator(`[data-vl-dashboard] td[data-lesson="${slug}"] .vl-cr-done`)
      .first()
      .innerText()
      .catch(() => '');
  const total = (lesson: typeof live) => lesson!.data.exercises.length;
  await expect.poll(() => doneIn(carried.slug), { timeout: LIVE_MS }).toBe(`0/${total(earlier)}`);
  await expect.poll(() => doneIn(lessonSlug), { timeout: LIVE_MS }).toBe(`0/${total(live)}`);

  // The student sees the class's assignment, then does the lesson's exercise in its terminal.
  await student.page.goto('/join/me/');
  await expect.poll(() => student.page.locator('[data-vl-student-class]').innerText()).toContain(XSS);
  expect(await student.page.locator(`[data-vl-student-class] a[href*="${lessonSlug}"]`).count()).toBe(1);
  const exercise = live!.data.exercises[0]!;
  await student.page.goto(`/lessons/${lessonSlug}/`);
  await waitForConnected(student.page);
  await waitForTerminal(student.page, endsWithPrompt);
  for (const command of exercise.solution) await typeCommand(student.page, command);
  await expect
    .poll(() => student.page.evaluate(() => JSON.parse(localStorage.getItem('vethlab.progress') ?? '{}')), { timeout: 30_000 })
    .toMatchObject({ [lessonSlug]: { exercises: { [exercise.id]: {} } }, [carried.slug]: { exercises: { [carried.exercise]: {} } } });

  // The instructor's dashboard shows it without a reload.
  await expect.poll(() => doneIn(lessonSlug), { timeout: LIVE_MS }).toBe(`1/${total(live)}`);
  const row = teacher.page.locator('[data-vl-dashboard] tbody tr').first();
  expect(await row.locator('th .vl-cr-name').innerText()).toBe(XSS);

  // The payloads are text everywhere: no <img> was made from them, nothing ran.
  expect(await teacher.page.locator('[data-vl-dashboard] img, h1 img, main img').count()).toBe(0);
  await teacher.page.goto(classUrl);
  expect(await teacher.page.locator('[data-vl-student-name]').first().innerText()).toBe(XSS);
  expect(await teacher.page.locator('main img').count()).toBe(0);
  await teacher.page.goto('/teach/');
  expect(await teacher.page.locator('main img').count()).toBe(0);
  expect(teacher.dialogs).toEqual([]);
  expect(student.dialogs).toEqual([]);

  // CSV export carries the student.
  const csv = await teacher.page.evaluate(async (path) => (await fetch(path)).text(), `/api/classroom${classUrl.replace('/teach', '')}dashboard.csv`);
  expect(csv).toContain(XSS);
});

it('refuses a form posted to the API from another site (CSRF)', async () => {
  // An attacker's page does not carry our CSP, whose form-action 'self' would stop this form first.
  const context = await run.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // localhost and 127.0.0.1 are different sites to the browser: a page on one posts a plain HTML form
  // to the other, as an attacker's page would.
  await page.goto(run.server().url.replace('127.0.0.1', 'localhost') + '/');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/classroom/classes')),
    page.evaluate((target) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = target;
      const field = document.createElement('input');
      field.name = 'name';
      field.value = 'planted';
      form.append(field);
      document.body.append(form);
      form.submit();
    }, `${run.server().url}/api/classroom/classes`),
  ]);
  expect(response.status()).toBe(403);
});
