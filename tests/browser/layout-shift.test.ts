/**
 * The lesson page does not move under the learner's eyes while it loads: the cumulative layout
 * shift, measured by a PerformanceObserver from the first byte until the terminal shows its prompt
 * (on a phone, where the terminal waits below the text, until the page has loaded), stays below
 * 0.1, Lighthouse's "good". The page is painted while its HTML still arrives, so the layout must
 * hold for a half-parsed lesson too.
 */
import { describe, expect, it } from 'vitest';
import { endsWithPrompt, useServerAndBrowser, waitForTerminal } from './harness.ts';
import { loadObservations, observeLoads } from './load-observer.ts';

const run = useServerAndBrowser();

const cases = [
  { what: 'a 1366×768 laptop', lesson: '/lessons/1-1-veth-and-docker0/', viewport: { width: 1366, height: 768 }, terminal: true },
  { what: 'a 1366×768 laptop, two nodes', lesson: '/en/lessons/4-4-across-nodes/', viewport: { width: 1366, height: 768 }, terminal: true },
  { what: 'a 412×823 phone', lesson: '/lessons/1-1-veth-and-docker0/', viewport: { width: 412, height: 823 }, terminal: false },
] as const;

describe('layout shift at load', () => {
  for (const { what, lesson, viewport, terminal } of cases) {
    it(`stays below 0.1 for ${lesson} on ${what}`, async () => {
      const context = await run.newContext({ viewport, serviceWorkers: 'block' });
      await observeLoads(context);
      const page = await context.newPage();
      await page.goto(lesson);
      if (terminal) await waitForTerminal(page, endsWithPrompt, 30_000);
      // The topology draws the sandbox's first state, the progress marks and banners fill in.
      await page.waitForTimeout(1500);
      const seen = await loadObservations(page);
      expect(seen.cls, `layout shifts:\n${seen.shifts.join('\n')}`).toBeLessThan(0.1);
    });
  }
});
