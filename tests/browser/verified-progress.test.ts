/**
 * Completions count only when the server saw the checks pass (issue #14), and instructors can watch a
 * student's terminal, read-only. Against the production server in Chromium: a student's forged
 * progress for lesson 4.3 shows nothing on the dashboard; typing the exercise's solution into 4.3's
 * terminal makes it done, at the server's time, without a reload; the same through the in-browser
 * simulator, whose journal the server replays; an instructor watches a student's terminal live and
 * what they type in the watch view reaches nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLessons } from '../lessons/lesson-source.ts';
import { endsWithPrompt, terminalText, typeCommand, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const LESSON = '4-3-joined';
const lesson = readLessons('en').find((l) => l.slug === LESSON)!;
const exercise = lesson.data.exercises[0]!;
/** The dashboard polls every 3 s. */
const LIVE_MS = 10_000;

const dataDir = mkdtempSync(join(tmpdir(), 'vethlab-verified-browser-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const run = useServerAndBrowser({ DATABASE_URL: join(dataDir, 'classroom.sqlite') });

/** Call the classroom API from `page` (same origin, its cookies), as the site's own scripts do. */
// biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON body field by field and asserts each
function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/classroom${path}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, path, body },
  );
}

let teacher: Page;
let classId: string;
let joinCode: string;

beforeAll(async () => {
  // The instructor's page lives across the tests (the harness closes its own contexts after each).
  teacher = await (await run.browser().newContext({ baseURL: run.server().url, viewport: { width: 1280, height: 900 } })).newPage();
  await teacher.goto('/en/');
  expect((await api(teacher, 'POST', '/instructor/sign-up', { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' })).status).toBe(201);
  const created = await api(teacher, 'POST', '/classes', { name: 'Networking' });
  classId = created.body.class.id;
  joinCode = created.body.class.joinCode;
  expect((await api(teacher, 'PUT', `/classes/${classId}/assignments`, { assignments: [{ kind: 'lesson', target: LESSON }] })).status).toBe(200);
  await teacher.goto(`/en/teach/classes/${classId}/dashboard/`);
});

/** A student in their own browser profile, joined to the class; `browserSimulator` runs terminals in the page. */
async function joinedStudent(name: string, browserSimulator = false): Promise<{ page: Page; id: string }> {
  const context = await run.newContext();
  if (browserSimulator) await context.addInitScript(() => sessionStorage.setItem('vethlab.sandbox-mode', 'browser'));
  const page = await context.newPage();
  await page.goto('/en/');
  const joined = await api(page, 'POST', '/join', { code: joinCode, displayName: name });
  expect(joined.status).toBe(200);
  return { page, id: joined.body.student.id };
}

/** The dashboard's 4.3 cell of `studentId`: "done/total" and the time it shows. */
async function cell(studentId: string): Promise<{ done: string; status: string; title: string }> {
  const td = teacher.locator(`[data-vl-dashboard] tr[data-student-id="${studentId}"] td[data-lesson="${LESSON}"]`);
  if ((await td.count()) === 0) return { done: '', status: '', title: '' };
  return {
    done: await td.locator('.vl-cr-done').innerText(),
    status: (await td.getAttribute('data-status')) ?? '',
    title: (await td.getAttribute('title')) ?? '',
  };
}

/** Type the exercise's solution in the lesson's terminal and wait for the page to mark it done. */
async function solve(page: Page): Promise<void> {
  await page.goto(`/en/lessons/${LESSON}/`);
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  for (const command of exercise.solution) await typeCommand(page, command);
  await page.locator(`vl-exercise[data-exercise="${exercise.id}"][data-done]`).waitFor({ timeout: 30_000 });
}

it('forged progress shows nothing; the solution typed in the server sandbox shows done at the server time, live', async () => {
  const alice = await joinedStudent('Alice');
  const forged = await api(alice.page, 'POST', '/progress', { items: [{ lessonSlug: LESSON, exerciseId: exercise.id, doneAt: '2026-01-01T00:00:00.000Z' }] });
  expect(forged.status).toBe(200);
  await expect.poll(() => cell(alice.id), { timeout: LIVE_MS }).toMatchObject({ done: '0/1', status: 'not-started' });
  // Two more polls: still nothing.
  await teacher.waitForTimeout(6_500);
  expect(await cell(alice.id)).toMatchObject({ done: '0/1', status: 'not-started' });

  const before = Date.now();
  await solve(alice.page);
  await expect.poll(async () => (await cell(alice.id)).done, { timeout: LIVE_MS }).toBe('1/1');
  const stored = (await api(alice.page, 'GET', '/progress')).body.items;
  expect(stored).toEqual([{ lessonSlug: LESSON, exerciseId: exercise.id, doneAt: expect.any(String), verification: 'server' }]);
  const doneAt = Date.parse(stored[0].doneAt);
  expect(doneAt).toBeGreaterThanOrEqual(before - 1_000);
  expect(doneAt).toBeLessThanOrEqual(Date.now() + 1_000);
  expect((await cell(alice.id)).status).toBe('complete');
}, 180_000);

it('the same through the in-browser simulator: the server replays the journal and records the completion', async () => {
  const bea = await joinedStudent('Bea', true);
  await api(bea.page, 'POST', '/progress', { items: [{ lessonSlug: LESSON, exerciseId: exercise.id }] });
  await expect.poll(() => cell(bea.id), { timeout: LIVE_MS }).toMatchObject({ done: '0/1' });
  await solve(bea.page);
  // The terminal ran in the page, not on the server.
  expect(await bea.page.evaluate(() => sessionStorage.getItem('vethlab.sandbox-mode'))).toBe('browser');
  await expect.poll(async () => (await cell(bea.id)).done, { timeout: LIVE_MS + 10_000 }).toBe('1/1');
  expect((await api(bea.page, 'GET', '/progress')).body.items).toEqual([{ lessonSlug: LESSON, exerciseId: exercise.id, doneAt: expect.any(String), verification: 'replay' }]);
}, 180_000);

it('an instructor watches a student terminal live; the student sees it; keys typed in the watch view reach nothing', async () => {
  const cleo = await joinedStudent('Cleo');
  await cleo.page.goto(`/en/lessons/${LESSON}/`);
  await waitForConnected(cleo.page);
  await waitForTerminal(cleo.page, endsWithPrompt);
  await typeCommand(cleo.page, 'echo before-watch');

  await expect.poll(() => teacher.locator(`a[data-watch="${cleo.id}"]`).count(), { timeout: LIVE_MS }).toBe(1);
  const watchUrl = await teacher.locator(`a[data-watch="${cleo.id}"]`).getAttribute('href');
  const watcher = await teacher.context().newPage();
  await watcher.goto(watchUrl!);
  const watched = () => watcher.evaluate(() => document.querySelector('vl-watch')?.textContentForTests() ?? '');
  await expect.poll(watched, { timeout: LIVE_MS }).toContain('before-watch');
  await cleo.page.locator('[data-terminal-watched]').waitFor({ state: 'visible', timeout: LIVE_MS });

  await typeCommand(cleo.page, 'echo live-line');
  await expect.poll(watched, { timeout: LIVE_MS }).toContain('live-line');

  // The instructor types into the watch view: keys, Enter, Ctrl-C, a paste.
  await watcher.locator('vl-watch .xterm-helper-textarea').focus();
  await watcher.keyboard.type('echo from-watcher');
  await watcher.keyboard.press('Enter');
  await watcher.keyboard.press('Control+C');
  await watcher.keyboard.insertText('echo pasted-by-watcher\r');
  await typeCommand(cleo.page, 'echo after-watcher');
  await expect.poll(watched, { timeout: LIVE_MS }).toContain('after-watcher');
  for (const text of [await terminalText(cleo.page), await watched()]) {
    expect(text).not.toContain('from-watcher');
    expect(text).not.toContain('pasted-by-watcher');
  }

  await watcher.close();
  await cleo.page.locator('[data-terminal-watched]').waitFor({ state: 'hidden', timeout: LIVE_MS });
}, 180_000);
