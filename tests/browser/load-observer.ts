/**
 * What a page does to the eye and the main thread while it loads, recorded in the page from the
 * first byte on (an init script): the layout shifts (the cumulative layout shift and which elements
 * moved), the long tasks (> 50 ms) and when the terminal first showed a prompt. Used by
 * tests/browser/layout-shift.test.ts, bench/page-weight.ts and bench/main-thread.ts.
 *
 * The prompt is watched from the page itself, once per frame: Playwright's `waitForFunction` first
 * injects its own script into the page, which took 120–180 ms of the main thread in the middle of
 * the load it was measuring.
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
  /** performance.now() at the first frame whose terminal text ended with a prompt (`# ` or `$ `). */
  promptMs?: number;
}

/** Record layout shifts and long tasks in every page of `context` from its first byte on. */
export async function observeLoads(context: BrowserContext): Promise<void> {
  await context.addInitScript(observeLoad);
}

/** What the page of an observed context recorded until now. */
export function loadObservations(page: Page): Promise<LoadObservations> {
  return page.evaluate(() => (window as unknown as { __vlLoad: LoadObservations }).__vlLoad);
}

/**
 * performance.now() when the page's terminal first showed a prompt; waits up to `timeoutMs`. The page
 * must belong to a context given to observeLoads.
 */
export async function firstPromptMs(page: Page, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await page.evaluate(() => (window as unknown as { __vlLoad?: LoadObservations }).__vlLoad?.promptMs);
    if (seen !== undefined) return seen;
    if (Date.now() > deadline) throw new Error(`no prompt in the terminal within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
  const watchPrompt = () => {
    const terminal = document.querySelector('vl-terminal');
    // A parsed page without a terminal (home, classroom) never shows a prompt: stop looking every frame.
    if (!terminal && document.readyState !== 'loading') return;
    if (typeof terminal?.textContentForTests === 'function' && /[#$] ?$/.test(terminal.textContentForTests())) {
      seen.promptMs = performance.now();
      return;
    }
    requestAnimationFrame(watchPrompt);
  };
  requestAnimationFrame(watchPrompt);
}
