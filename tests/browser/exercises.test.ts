/**
 * A learner does one exercise in each chapter (the first exercise of the chapter's first lesson that
 * has one) by typing its solution into the terminal, sees every check turn green without pressing
 * Check, and finds the lesson marked done in the sidebar after a reload when that was its only exercise.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLessons, type LessonSource } from '../lessons/lesson-source.ts';
import { endsWithPrompt, typeCommand, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const lessons = readLessons('zh')
  .filter((lesson) => !lesson.data.draft)
  .sort((a, b) => a.position.chapter - b.position.chapter || a.position.order - b.position.order);

/** Per chapter, the first lesson with an exercise. */
const picks: LessonSource[] = [];
const chapters = [...new Set(lessons.map((l) => l.position.chapter))];
for (const chapter of chapters) {
  const lesson = lessons.find((l) => l.position.chapter === chapter && l.data.exercises.length > 0);
  if (lesson) picks.push(lesson);
}

const run = useServerAndBrowser();

async function openLesson(slug: string): Promise<Page> {
  const context = await run.newContext();
  const page = await context.newPage();
  await page.goto(`/lessons/${slug}/`);
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  return page;
}

function checkStates(page: Page, id: string): Promise<string[]> {
  return page.evaluate((exerciseId) => [...document.querySelectorAll<HTMLElement>(`vl-exercise[data-exercise="${exerciseId}"] [data-check]`)].map((item) => item.dataset.state ?? ''), id);
}

describe('exercises', () => {
  it('exist in chapter 1 at least', () => {
    expect(picks.map((lesson) => lesson.position.chapter)).toContain(1);
  });

  it('show a failing check with its hint when the learner presses Check on a fresh sandbox', async () => {
    const lesson = picks[0]!;
    const exercise = lesson.data.exercises[0]!;
    const page = await openLesson(lesson.slug);
    const element = page.locator(`vl-exercise[data-exercise="${exercise.id}"]`);
    await element.getByRole('button', { name: '检查' }).click();
    await expect.poll(() => checkStates(page, exercise.id), { timeout: 20_000 }).toContain('failed');
    const failed = element.locator('[data-check][data-state="failed"]').first();
    await expect(failed.locator('[data-hint]').isVisible()).resolves.toBe(true);
    await expect(failed.locator('[data-state-label]').textContent()).resolves.toContain('未通过');
    await expect(element.locator('[data-summary]').textContent()).resolves.toMatch(/\d/);
  });

  for (const lesson of picks) {
    const exercise = lesson.data.exercises[0]!;
    it(`chapter ${lesson.position.chapter}: ${lesson.slug} "${exercise.id}" turns green as the learner types its solution`, { timeout: 180_000 }, async () => {
      const page = await openLesson(lesson.slug);
      for (const command of exercise.solution) await typeCommand(page, command);
      // No Check press: the checks run after each command.
      await expect.poll(() => checkStates(page, exercise.id), { timeout: 30_000 }).toEqual(exercise.checks.map(() => 'passed'));
      const element = page.locator(`vl-exercise[data-exercise="${exercise.id}"]`);
      await expect(element.locator('[data-done-badge]').isVisible()).resolves.toBe(true);
      await expect
        .poll(() => page.evaluate(([slug, id]) => JSON.parse(localStorage.getItem('vethlab.progress') ?? '{}')[slug!]?.exercises?.[id!]?.doneAt, [lesson.slug, exercise.id]), { timeout: 15_000 })
        .toMatch(/^\d{4}-/);

      // The course contents sit beside the lesson from 1600 px (below, they fold into a "Contents" bar so the
      // terminal gets 80 columns): look at the marks where the sidebar shows them.
      await page.setViewportSize({ width: 1680, height: 1000 });
      await page.reload();
      const mark = page.locator(`.vl-toc a[data-vl-lesson="${lesson.slug}"]`);
      const onlyExercise = lesson.data.exercises.length === 1;
      // After a reload the sidebar marks come from a script that runs once the page is parsed; on a loaded
      // machine that takes longer than expect.poll's default second.
      await expect.poll(() => mark.evaluate((a) => a.hasAttribute('data-done')), { timeout: 15_000 }).toBe(onlyExercise);
      if (onlyExercise) await expect(mark.locator('[data-vl-progress]').isVisible()).resolves.toBe(true);
      await expect(element.locator('[data-done-badge]').isVisible()).resolves.toBe(true);
    });
  }
});
