/**
 * The terminal is lazy: a lesson page does not fetch xterm.js until the terminal loads. (The figures,
 * bytes before/after and time to first prompt, are printed by bench/terminal.ts, not asserted here.)
 */
import { describe, expect, it } from 'vitest';
import { endsWithPrompt, newContext, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const LESSON = '/lessons/1-1-veth-and-docker0/';
/** The lazily loaded part of <vl-terminal>: xterm.js, its addons and the pane code. */
const LAZY_CHUNK = /\/_astro\/terminal-pane\.[^/]*\.js$/;

const run = useServerAndBrowser({}, { checkExit: false });

describe('lazy terminal', () => {
  it('fetches xterm.js only when the terminal loads, and the page works before that', async () => {
    const context = await newContext(run.browser(), run.server().url);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') requested.push(r.url());
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(LAZY_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    // A narrow, short viewport puts the terminal below the fold: nothing lazy is requested yet.
    await page.setViewportSize({ width: 400, height: 150 });
    await page.goto(LESSON, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const lazyBeforeScroll = requested.filter((u) => LAZY_CHUNK.test(new URL(u).pathname));
    await expect(page.locator('main h1').isVisible()).resolves.toBe(true);
    await page.locator('vl-terminal').first().scrollIntoViewIfNeeded();
    release();
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    const lazyAfter = requested.filter((u) => LAZY_CHUNK.test(new URL(u).pathname));
    expect(lazyBeforeScroll).toEqual([]);
    expect(lazyAfter).toHaveLength(1);
    await context.close();
  });
});
