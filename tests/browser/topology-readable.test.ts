/**
 * The topology can be read at 1366×768: in a one-node and a two-node lesson its smallest text is at
 * least 12 px on screen (font size × the drawing's scale, which is 1: it is laid out, not shrunk),
 * no edge or port is drawn over a label, it has a legend, and "Enlarge" shows it in a dialog. The
 * path of a ping that got through is green and solid; one that was dropped is red and dashed.
 * Screenshots (both themes, both lessons): test-results/topology-readable-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, endsWithPrompt, runTyped, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

const run = useServerAndBrowser();
const SHOTS = `${REPO_ROOT}/test-results`;

async function openAt1366(path: string, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await run.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: theme });
  const page = await context.newPage();
  await page.goto(path);
  await page.locator('vl-terminal').first().scrollIntoViewIfNeeded();
  await waitForConnected(page);
  await waitForTerminal(page, endsWithPrompt);
  await page.waitForFunction(() => document.querySelector('vl-topology')?.dataset.ready === 'true');
  return page;
}

/** What the panel's drawing shows: the smallest text on screen, and drawn things over labels. */
function measure(page: Page, root = 'vl-topology [data-topology-drawing]'): Promise<{ minFontPx: number; texts: number; crossings: string[] }> {
  return page.evaluate((selector) => {
    const svg = document.querySelector<SVGSVGElement>(`${selector} svg`)!;
    const scale = svg.getScreenCTM()!.a;
    const texts = [...svg.querySelectorAll('text')];
    const minFontPx = Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
    const crossings: string[] = [];
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const covers = (outer: DOMRect, inner: DOMRect) => outer.left <= inner.left && outer.right >= inner.right && outer.top <= inner.top && outer.bottom >= inner.bottom;
    for (const text of texts) {
      const box = text.getBoundingClientRect();
      // An opaque shape painted after an edge hides it: the lane bar or box the label sits on.
      const backing = text.parentElement?.querySelector(':scope > rect');
      for (const drawn of svg.querySelectorAll('polyline, circle, line')) {
        if (text.closest('g') === drawn.closest('g') && drawn.tagName === 'line') continue;
        const shape = drawn.getBoundingClientRect();
        if (!hit(box, shape)) continue;
        if (drawn.tagName === 'polyline') {
          // Does any segment pass through the label, where nothing later covers it?
          const points = (drawn.getAttribute('points') ?? '')
            .trim()
            .split(/\s+/)
            .map((p) => p.split(',').map(Number) as [number, number]);
          const ctm = svg.getScreenCTM()!;
          const through = points.slice(1).some(([x2, y2], i) => {
            const [x1, y1] = points[i]!;
            const a = new DOMPoint(x1, y1).matrixTransform(ctm);
            const b = new DOMPoint(x2, y2).matrixTransform(ctm);
            const seg = new DOMRect(Math.min(a.x, b.x) - 0.75, Math.min(a.y, b.y) - 0.75, Math.abs(a.x - b.x) + 1.5, Math.abs(a.y - b.y) + 1.5);
            return hit(seg, box);
          });
          const hidden = backing && covers(backing.getBoundingClientRect(), box) && (drawn.compareDocumentPosition(backing) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
          if (through && !hidden) crossings.push(`${drawn.getAttribute('data-id')} over "${text.textContent}"`);
        } else crossings.push(`${drawn.tagName} over "${text.textContent}"`);
      }
    }
    return { minFontPx, texts: texts.length, crossings };
  }, root);
}

describe('a readable topology at 1366×768', () => {
  it('one node: text ≥ 12 px, nothing over a label, a legend; Enlarge opens a dialog', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await openAt1366('/lessons/1-1-veth-and-docker0/', theme);
      await runTyped(page, 'docker network create n1');
      await runTyped(page, 'docker run -dit --name b1 busybox; docker run -dit --name b2 busybox; docker run -dit --name web --network n1 -p 8080:80 nginx');
      await page.waitForSelector('vl-topology svg g[data-title="web"]');
      const seen = await measure(page);
      expect(seen.texts).toBeGreaterThan(10);
      expect(seen.minFontPx).toBeGreaterThanOrEqual(12);
      expect(seen.crossings).toEqual([]);
      await expect(page.locator('vl-topology .vl-topo__legend').innerText()).resolves.toContain('veth pair');
      await page.locator('vl-topology').screenshot({ path: `${SHOTS}/topology-readable-1node-${theme}.png` });
      await page.locator('vl-topology [data-topology-action="enlarge"]').click();
      await page.waitForSelector('vl-topology dialog[open] svg');
      const large = await measure(page, 'vl-topology [data-topology-dialog-drawing]');
      expect(large.minFontPx).toBeGreaterThanOrEqual(12);
      expect(large.crossings).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/topology-readable-dialog-${theme}.png` });
      await page.keyboard.press('Escape');
      await page.waitForSelector('vl-topology dialog:not([open])', { state: 'attached' });
    }
  });

  it('two nodes: text ≥ 12 px and nothing over a label', async () => {
    const page = await openAt1366('/en/lessons/4-4-across-nodes/');
    await page.waitForFunction(() => (document.querySelector('vl-topology')?.state?.hosts.length ?? 0) === 2);
    await runTyped(page, 'docker run -dit --name a1 busybox; docker run -dit --name a2 busybox');
    await page.waitForSelector('vl-topology svg g[data-title="a2"]');
    const seen = await measure(page);
    expect(seen.minFontPx).toBeGreaterThanOrEqual(12);
    expect(seen.crossings).toEqual([]);
    await page.locator('vl-topology').screenshot({ path: `${SHOTS}/topology-readable-2nodes.png` });
  });

  it('a ping that got through is drawn solid green; a dropped one dashed red', async () => {
    const page = await openAt1366('/en/lessons/1-1-veth-and-docker0/');
    await runTyped(page, 'docker run -dit --name b1 busybox; docker run -dit --name b2 busybox');
    await runTyped(page, 'docker exec b1 ping -c 1 172.17.0.3');
    await page.waitForFunction(() => document.querySelector('vl-topology')?.state?.lastPath?.outcome === 'answered');
    await page.locator('vl-topology [data-topology-action="explain"]').click();
    const styleOf = () =>
      page.evaluate(() => {
        const edge = document.querySelector<SVGElement>('vl-topology svg .is-path.vl-topo__edge')!;
        const style = getComputedStyle(edge);
        return { stroke: style.stroke, dash: style.strokeDasharray };
      });
    const ok = await styleOf();
    expect(ok.dash).toBe('none');
    await page.locator('vl-topology').screenshot({ path: `${SHOTS}/topology-readable-path-ok.png` });
    await runTyped(page, 'iptables -I DOCKER-USER -j DROP');
    await runTyped(page, 'docker exec b1 ping -c 1 -W 1 172.17.0.3');
    await page.waitForFunction(() => document.querySelector('vl-topology')?.state?.lastPath?.outcome === 'dropped');
    const failed = await styleOf();
    expect(failed.dash).not.toBe('none');
    expect(failed.stroke).not.toBe(ok.stroke);
    // Green (more green than red) for success; red for failure.
    const rgb = (s: string) => s.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(rgb(ok.stroke)[1]).toBeGreaterThan(rgb(ok.stroke)[0]);
    expect(rgb(failed.stroke)[0]).toBeGreaterThan(rgb(failed.stroke)[1]);
    await page.locator('vl-topology').screenshot({ path: `${SHOTS}/topology-readable-path-failed.png` });
  });
});
