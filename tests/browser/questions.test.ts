/**
 * Predict, then run: a learner answers the prediction before `ping d2` on the default bridge with
 * the keyboard alone; the explanation stays hidden until they commit, then the page says whether
 * they were right (in words, in the page's language) and opens the explanation.
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './harness.ts';

const suite = useServerAndBrowser();

it('keeps the explanation until an answer is checked, then says which answer was right', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/en/lessons/4-2-by-name/');
  const question = page.locator('vl-question').first();
  await expect.poll(() => question.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
  await expect(question.locator('[data-why]').isHidden()).resolves.toBe(true);

  await question.locator('[data-check]').click();
  await expect(question.locator('[data-feedback]').textContent()).resolves.toBe('Pick an answer first.');
  await expect(question.locator('[data-why]').isHidden()).resolves.toBe(true);

  // Keyboard only: select the first option, arrow down twice to the third (a wrong one), Tab to the button.
  await question.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(question.locator('[data-feedback]').textContent()).resolves.toBe("Not quite: the answer is “Fail at once with bad address 'd2'”.");
  await expect(question.locator('[data-why]').isVisible()).resolves.toBe(true);
  await expect(question.locator('.vl-question__option--answer').getAttribute('data-index')).resolves.toBe('1');

  await question.locator('input[value="1"]').check();
  await question.locator('[data-check]').click();
  await expect(question.locator('[data-feedback]').textContent()).resolves.toBe('Right.');
});

it('asks in Chinese on the Chinese page', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  await page.goto('/lessons/4-2-by-name/');
  const question = page.locator('vl-question').first();
  await expect.poll(() => question.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
  await question.locator('input[value="1"]').check();
  await question.locator('[data-check]').click();
  await expect(question.locator('[data-feedback]').textContent()).resolves.toBe('答对了。');
});
