/**
 * What a page does to the eye and the main thread while it loads, recorded in the page from the
 * first byte on (an init script): the layout shifts (the cumulative layout shift and which elements
 * moved) and the long tasks (> 50 ms). Used by tests/browser/layout-shift.test.ts and bench/page-weight.ts.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What observeLoad collected so far. */
export interface LoadObservations {
  /** Cumulative layout shift, without shifts right after input (there is none while loading). */
  cls: number;
  /** What moved: "element y→y (score)". */
  shifts: string[];
  /** Durations of main-thread tasks over 50 ms, in ms. */
  longTasks: number[];
}

/** Record layout shifts and long tasks in every page of `context` from its first byte on. */
export async function observeLoads(context: BrowserContext): Promise<void> {
  await context.addInitScript(observeLoad);
}

/** What the page of an observed context recorded until now. */
export function loadObservations(page: Page): Promise<LoadObservations> {
  return page.evaluate(() => (window as unknown as { __vlLoad: LoadObservations }).__vlLoad);
}

/** Runs in the page, before any of its scripts. */
function observeLoad(): void {
  const seen: LoadObservations = { cls: 0, shifts: [], longTasks: [] };
  (window as unknown as { __vlLoad: LoadObservations }).__vlLoad = seen;
  interface Shift extends PerformanceEntry {
    value: number;
    hadRecentInput: boolean;
    sources?: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Shift[]) {
      if (entry.hadRecentInput) continue;
      seen.cls += entry.value;
      for (const source of entry.sources ?? []) {
        const node = source.node instanceof Element ? `${source.node.localName}.${source.node.classList[0] ?? ''}` : String(source.node?.nodeName);
        seen.shifts.push(`${node} y ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} (${entry.value.toFixed(4)})`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
}
