/**
 * A broken lab in the browser: the terminal opens on a sandbox that is already broken (the symptom
 * shows, the hidden setup does not, in the screen nor in the shell's history), the lab keeps a session
 * of its own beside the learner's other sandbox, Reset brings the broken start back (and closes the
 * explanation, the checks unchecked), the hints come one at a time with the keyboard and stay open
 * across a reload, and there is no solution button.
 */
import { describe, expect, it } from 'vitest';
import { openConnectedLesson, runTyped, terminalText, useServerAndBrowser, waitForTerminal, endsWithPrompt } from './harness.ts';

const LAB = '7-1-missing-masquerade';
const run = useServerAndBrowser();

/** The lab's page in a fresh browser, its hints ready, and how many of them show. */
async function openHints() {
  const context = await run.newContext();
  const page = await context.newPage();
  await page.goto(`/en/lessons/${LAB}/`);
  const hints = page.locator('vl-hints').first();
  await expect.poll(() => hints.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
  const items = hints.locator('[data-hints-item]');
  const visible = async () => (await items.evaluateAll((all) => all.map((item) => !(item as HTMLElement).hidden))).filter(Boolean).length;
  return { page, hints, items, visible };
}

describe('a broken lab', () => {
  it('starts broken without showing its setup, beside the other sandbox, and Reset breaks it again', { timeout: 120_000 }, async () => {
    const plain = await openConnectedLesson(run, '/en/lessons/1-1-veth-and-docker0/');
    const plainSession = await plain.evaluate(() => localStorage.getItem('vethlab.session'));
    expect(plainSession).toBeTruthy();

    await plain.goto(`/en/lessons/${LAB}/`);
    const page = plain;
    await waitForTerminal(page, endsWithPrompt, 30_000);
    expect(await runTyped(page, 'docker exec app ping -c 1 -W 1 8.8.8.8')).toContain('0 packets received');
    expect(await runTyped(page, 'iptables -t nat -S POSTROUTING')).not.toContain('MASQUERADE');
    expect(await runTyped(page, 'history')).not.toContain('iptables -t nat -D');
    expect(await terminalText(page)).not.toContain('-D POSTROUTING');
    const labSession = () => page.evaluate((key) => localStorage.getItem(key), `vethlab.session.lab.${LAB}`);
    const first = await labSession();
    expect(first).toBeTruthy();
    // The learner's own sandbox is still the one stored for the other lessons.
    expect(await page.evaluate(() => localStorage.getItem('vethlab.session'))).toBe(plainSession);

    // Fixed, the exercise passes and says what was wrong.
    await runTyped(page, 'iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    const exercise = page.locator('vl-exercise[data-exercise="outbound-restored"]');
    await expect.poll(() => exercise.locator('[data-solved]').isVisible(), { timeout: 30_000 }).toBe(true);

    const solved = exercise.locator('[data-solved]');
    await expect(solved.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('vl-terminal button[data-action="reset"]').click();
    // Reset breaks the lab again: the explanation closes and the checks are unchecked until they run again.
    await expect.poll(() => solved.isHidden(), { timeout: 10_000 }).toBe(true);
    await expect(solved.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(exercise.locator('[data-check]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.state))).resolves.toEqual(['pending', 'pending']);
    await expect.poll(labSession, { timeout: 30_000 }).not.toBe(first);
    await waitForTerminal(page, (t) => !t.includes('-A POSTROUTING') && endsWithPrompt(t), 30_000);
    expect(await runTyped(page, 'iptables -t nat -S POSTROUTING')).not.toContain('MASQUERADE');
    expect(await runTyped(page, 'docker ps --format {{.Names}}')).toContain('app');
  });

  it('starts broken in the in-browser simulator too (the page tells the worker the setup)', { timeout: 120_000 }, async () => {
    const context = await run.newContext();
    await context.addInitScript(() => sessionStorage.setItem('vethlab.sandbox-mode', 'browser'));
    const page = await context.newPage();
    await page.goto(`/en/lessons/${LAB}/`);
    await page.locator('vl-terminal').scrollIntoViewIfNeeded();
    await waitForTerminal(page, endsWithPrompt, 60_000);
    expect(await runTyped(page, 'iptables -t nat -S POSTROUTING')).not.toContain('MASQUERADE');
    expect(await runTyped(page, 'docker ps --format {{.Names}}')).toContain('app');
    expect(await page.evaluate((key) => localStorage.getItem(key), `vethlab.browser-session.lab.${LAB}`)).toBeTruthy();
  });

  it('gives hints one at a time from the keyboard and has no solution button', async () => {
    const { page, hints, items, visible } = await openHints();
    const count = await items.count();
    expect(count).toBe(4);
    expect(await visible()).toBe(0);

    const next = hints.locator('[data-hints-next]');
    await expect(next.textContent()).resolves.toBe('Show a hint');
    await next.focus();
    await page.keyboard.press('Enter');
    expect(await visible()).toBe(1);
    // The focus is on the hint just shown, so a screen reader reads it; Tab leads back to the button.
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-hints-item'))).resolves.toBe(true);
    await expect(items.first().getAttribute('data-label')).resolves.toBe('Hint 1 of 4');
    await expect(next.textContent()).resolves.toBe('Show hint 2 of 4');
    for (let shown = 2; shown <= count; shown++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await visible()).toBe(shown);
    }
    await expect(next.isHidden()).resolves.toBe(true);
    await expect(hints.locator('[data-hints-status]').textContent()).resolves.toContain('last hint');

    await expect(page.locator('.vl-exercise__solution').count()).resolves.toBe(0);
    // Nor do the checks say which commands they run: that would say where to look.
    await expect(page.locator('vl-exercise [data-check]').count()).resolves.toBe(2);
    await expect(page.locator('vl-exercise .vl-exercise__run').count()).resolves.toBe(0);
    await expect(page.locator('vl-exercise [data-solved]').isHidden()).resolves.toBe(true);
  });

  it('shows the hints opened before after a reload, in the progress store, without taking the focus', async () => {
    const { page, hints, visible } = await openHints();
    await hints.locator('[data-hints-next]').click();
    await hints.locator('[data-hints-next]').click();
    expect(await visible()).toBe(2);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vethlab.progress') ?? '{}') as Record<string, { hints?: number[] }>);
    expect(stored[LAB]?.hints).toEqual([2]);

    await page.reload();
    await expect.poll(() => hints.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    expect(await visible()).toBe(2);
    await expect(hints.locator('[data-hints-next]').textContent()).resolves.toBe('Show hint 3 of 4');
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-hints-item') ?? false)).resolves.toBe(false);
    // Another lab's hints are its own.
    await page.goto('/en/lessons/7-3-docker-user-drop/');
    const other = page.locator('vl-hints').first();
    await expect.poll(() => other.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    expect(await other.locator('[data-hints-item]').evaluateAll((all) => all.filter((item) => !(item as HTMLElement).hidden).length)).toBe(0);
  });
});
