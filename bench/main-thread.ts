/**
 * What the main thread does while one lesson loads, from a Chromium performance trace (CDP Tracing
 * through playwright-core), unthrottled and cold: every task over 50 ms until the terminal shows its
 * first prompt and the page settled, with what filled it (script by URL, style and layout, HTML
 * parsing), and their sum beyond 50 ms each: the total blocking time as the trace saw it. Less
 * sensitive to the machine's load than Lighthouse's simulated throttling, which multiplies every
 * task; the load average is printed with each run all the same.
 *
 * Run after the build: `npm run build && npx node bench/main-thread.ts`
 *   --lesson /lessons/4-4-across-nodes/   another lesson (default 1.1)
 *   --runs 5                              loads (default 3; medians reported)
 *   --setup server|static                 the production server (default) or the static build on a plain file server
 *   --width 412 --height 823              another viewport (default 1366×768)
 *   --cpu 4                               CDP CPU throttling factor (default 1: none)
 *   --tasks                               list every long task with what filled it
 *   --trace out.json                      save the last run's trace (open it in DevTools' Performance panel)
 *
 * Wall-clock figures on a shared machine mostly measure the other processes; the main thread's CPU
 * time (trace events' thread duration), the elements restyled and objects laid out depend much less
 * on the load. Font look-ups are synchronous calls to the browser process's font service: each
 * blocks the main thread, on a busy machine for tens of milliseconds.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer } from '../tests/browser/harness.ts';
import { serveStatic } from '../tests/browser/static-harness.ts';
import { firstPromptMs, observeLoads } from '../tests/browser/load-observer.ts';

const { values } = parseArgs({
  options: {
    lesson: { type: 'string' },
    runs: { type: 'string' },
    setup: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    cpu: { type: 'string' },
    tasks: { type: 'boolean' },
    trace: { type: 'string' },
  },
});
const LESSON = values.lesson ?? '/lessons/1-1-veth-and-docker0/';
const RUNS = Number(values.runs ?? 3);
const VIEWPORT = { width: Number(values.width ?? 1366), height: Number(values.height ?? 768) };
const CPU = Number(values.cpu ?? 1);
/** A task longer than this blocks input (the Long Tasks API's and Lighthouse's threshold). */
const LONG_TASK_MS = 50;
/** After the first prompt, trace this long more: what the page does once it is "ready" counts too. */
const SETTLE_MS = 2000;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of an X event: unlike dur, not inflated while the thread waits for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    beginData?: { dirtyObjects?: number; totalObjects?: number; url?: string };
    elementCount?: number;
    data?: { url?: string; frame?: string; functionName?: string; stackTrace?: { url?: string }[] };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
    name?: string;
  };
}

interface Run {
  promptMs: number;
  /** Durations of the long tasks, ms. */
  longTasks: number[];
  /** Σ (task − 50 ms) over the long tasks. */
  blockingMs: number;
  /** What the long tasks held: label → ms (self time, nested events not counted twice). */
  inside: Map<string, number>;
  /** Each long task with the three things that filled it most, for --tasks. */
  perTask: string[];
  /** Work that does not depend on the machine's speed: objects laid out, elements restyled, layouts. */
  layoutObjects: number;
  styledElements: number;
  layouts: number;
  /** The main thread's CPU time (ms): all its tasks, and style recalculation and layout alone. */
  cpuMs: number;
  styleCpuMs: number;
  layoutCpuMs: number;
  /** Synchronous font look-ups the renderer asked the browser for (each blocks the main thread). */
  fontLookups: number;
}

const browser = await launchBrowser();
try {
  const base = await startSetup();
  try {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const load = loadavg()[0]?.toFixed(1);
      const run = await traceOne(browser, base.url);
      runs.push(run);
      console.log(
        `run ${i + 1} (load average ${load}): first prompt ${run.promptMs.toFixed(0)} ms; ${run.longTasks.length} long tasks [${run.longTasks.join(', ')}] ms; blocking ${run.blockingMs.toFixed(0)} ms; ` +
          `${run.layouts} layouts of ${run.layoutObjects} objects, ${run.styledElements} elements restyled; ` +
          `main thread CPU ${run.cpuMs.toFixed(0)} ms (style ${run.styleCpuMs.toFixed(0)}, layout ${run.layoutCpuMs.toFixed(0)}); ${run.fontLookups} font look-ups`,
      );
      if (values.tasks) for (const line of run.perTask) console.log(`  task ${line}`);
      for (const [label, ms] of [...run.inside].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${label}`);
    }
    const median = (pick: (r: Run) => number) => [...runs.map(pick)].sort((a, b) => a - b)[runs.length >> 1] ?? Number.NaN;
    console.log(
      `${values.setup ?? 'server'} ${LESSON} at ${VIEWPORT.width}×${VIEWPORT.height}${CPU > 1 ? `, CPU ×${CPU}` : ''}, median of ${runs.length}: ` +
        `first prompt ${median((r) => r.promptMs).toFixed(0)} ms, long tasks ${median((r) => r.longTasks.length)}, ` +
        `blocking (Σ beyond 50 ms) ${median((r) => r.blockingMs).toFixed(0)} ms, objects laid out ${median((r) => r.layoutObjects)}, elements restyled ${median((r) => r.styledElements)}, ` +
        `main thread CPU ${median((r) => r.cpuMs).toFixed(0)} ms (style ${median((r) => r.styleCpuMs).toFixed(0)}, layout ${median((r) => r.layoutCpuMs).toFixed(0)}), font look-ups ${median((r) => r.fontLookups)}; load average now ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
    );
  } finally {
    await base.close();
  }
} finally {
  await browser.close();
}

async function startSetup(): Promise<{ url: string; close(): Promise<unknown> }> {
  if (values.setup === 'static') return serveStatic();
  const server = await startServer();
  return { url: server.url, close: () => server.stop() };
}

async function traceOne(browser: Browser, baseURL: string): Promise<Run> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, serviceWorkers: 'block' });
  try {
    await observeLoads(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (message) => {
      events.push(...(message.value as unknown as TraceEvent[]));
    });
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: [
          'toplevel',
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8.execute',
          'blink.user_timing',
          'loading',
          // Who forced each layout and style recalculation (costs a little, so only when saving the trace).
          ...(values.trace ? ['disabled-by-default-devtools.timeline.stack', 'disabled-by-default-devtools.timeline.invalidationTracking'] : []),
        ],
      },
    });
    await page.goto(LESSON, { waitUntil: 'commit' });
    if (VIEWPORT.width < 960) await page.locator('vl-terminal').scrollIntoViewIfNeeded();
    const promptMs = await firstPromptMs(page);
    await page.waitForTimeout(SETTLE_MS);
    await cdp.send('Tracing.end');
    await complete;
    if (values.trace) await writeFile(values.trace, JSON.stringify({ traceEvents: events }));
    return { promptMs, ...longTasksOf(events) };
  } finally {
    await context.close();
  }
}

/** The renderer main thread's long tasks, and the self time of what ran inside them. */
function longTasksOf(events: readonly TraceEvent[]): Omit<Run, 'promptMs'> {
  // The renderer main thread that parsed the lesson (the navigation may move the page to a new renderer;
  // Chromium's own chrome:// pages parse HTML in other renderers and are not the page's cost).
  const mains = new Set(events.filter((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.includes(LESSON)).map((e) => `${e.pid}/${e.tid}`));
  const onMain = events.filter((e) => mains.has(`${e.pid}/${e.tid}`) && e.ph === 'X' && e.dur !== undefined);
  const tasks = outermost(onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) / 1000 > LONG_TASK_MS));
  const inside = new Map<string, number>();
  const perTask: string[] = [];
  for (const task of tasks) {
    const own = new Map<string, number>();
    const end = task.ts + (task.dur ?? 0);
    const children = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && labelOf(e) !== undefined);
    for (const child of children) {
      const nested = children.filter((c) => c !== child && c.ts >= child.ts && c.ts + (c.dur ?? 0) <= child.ts + (child.dur ?? 0));
      const covered = outermost(nested).reduce((all, c) => all + (c.dur ?? 0), 0);
      const label = labelOf(child) ?? '?';
      inside.set(label, (inside.get(label) ?? 0) + ((child.dur ?? 0) - covered) / 1000);
      own.set(label, (own.get(label) ?? 0) + ((child.dur ?? 0) - covered) / 1000);
    }
    const top = [...own].sort((a, b) => b[1] - a[1]).slice(0, 3);
    perTask.push(`${Math.round((task.dur ?? 0) / 1000)} ms: ${top.map(([label, ms]) => `${label} ${ms.toFixed(0)}`).join(', ')}`);
  }
  const longTasks = tasks.map((t) => Math.round((t.dur ?? 0) / 1000));
  const layouts = onMain.filter((e) => e.name === 'Layout');
  const cpu = (list: readonly TraceEvent[]) => list.reduce((all, e) => all + (e.tdur ?? 0), 0) / 1000;
  const allTasks = outermost(onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
  return {
    longTasks,
    blockingMs: longTasks.reduce((all, ms) => all + ms - LONG_TASK_MS, 0),
    inside,
    perTask,
    layouts: layouts.length,
    layoutObjects: layouts.reduce((all, e) => all + (e.args?.beginData?.dirtyObjects ?? 0), 0),
    cpuMs: cpu(allTasks),
    styleCpuMs: cpu(outermost(onMain.filter((e) => e.name === 'UpdateLayoutTree'))),
    layoutCpuMs: cpu(outermost(layouts)),
    fontLookups: onMain.filter((e) => e.name === 'Receive mojo reply' && /Font/.test(e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '')).length,
    styledElements: events.reduce((all, e) => all + (mains.has(`${e.pid}/${e.tid}`) && e.name === 'UpdateLayoutTree' ? (e.args?.elementCount ?? 0) : 0), 0),
  };
}

/** Those of `events` not inside another of them. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  return events.filter((e) => !events.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.ts !== e.ts || (o.dur ?? 0) > (e.dur ?? 0))));
}

/** What a trace event is, for the report; undefined for events not worth a line. */
function labelOf(event: TraceEvent): string | undefined {
  const url = shortUrl(event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url);
  switch (event.name) {
    case 'EvaluateScript':
    case 'v8.compileModule':
    case 'v8.evaluateModule':
    case 'v8.run':
      return `evaluate ${url || '(module)'}`;
    case 'v8.compile':
    case 'V8.CompileCode':
      return `compile ${url}`;
    case 'FunctionCall':
      return `call ${event.args?.data?.functionName || '(anonymous)'} ${url}`;
    case 'TimerFire':
    case 'FireAnimationFrame':
    case 'FireIdleCallback':
    case 'EventDispatch':
      return undefined;
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
      return 'style recalculation';
    case 'Layout':
      return 'layout';
    case 'ParseHTML':
      return 'parse HTML';
    case 'ParseAuthorStyleSheet':
      return 'parse CSS';
    case 'Paint':
    case 'PrePaint':
    case 'UpdateLayerTree':
    case 'Layerize':
      return 'paint';
    case 'MajorGC':
    case 'MinorGC':
    case 'V8.GC_SCAVENGER':
      return 'garbage collection';
    default:
      return undefined;
  }
}

function shortUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const { pathname } = new URL(url);
    return pathname.replace(/^\/_astro\//, '');
  } catch {
    return url;
  }
}
