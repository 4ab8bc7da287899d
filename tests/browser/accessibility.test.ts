/**
 * axe-core (the engine behind Lighthouse's accessibility audits) on the pages a learner and an
 * instructor land on first, in both locales, on a phone and on a laptop: every WCAG 2.2 A/AA rule,
 * with the two Lighthouse reported on the header (a control's name contains its visible text, and
 * targets are at least 24 px) switched on, which axe leaves off by default.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './harness.ts';

const run = useServerAndBrowser();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['/', '/en/', '/lessons/1-1-veth-and-docker0/', '/en/lessons/1-1-veth-and-docker0/', '/join/', '/en/join/', '/teach/', '/en/teach/'];
const VIEWPORTS = { phone: { width: 390, height: 844 }, laptop: { width: 1366, height: 768 } };

interface Violation {
  id: string;
  nodes: string[];
}

describe.each(Object.entries(VIEWPORTS))('on a %s', (_name, viewport) => {
  it.each(PAGES)(
    '%s breaks no WCAG 2.2 A/AA rule',
    async (path) => {
      // axe is added by the test, not by the page: the course's CSP would refuse it.
      const context = await run.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(path);
      await page.waitForLoadState('load');
      // Expressive Code makes a code block that scrolls focusable after a debounce: wait for it.
      await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')), null, {
        timeout: 10_000,
      });
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
          rules: { 'label-content-name-mismatch': { enabled: true }, 'target-size': { enabled: true } },
        });
        return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      expect(violations as Violation[]).toEqual([]);
    },
    60_000,
  );
});
