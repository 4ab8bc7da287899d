/**
 * Lighthouse's performance and accessibility scores for one lesson page, printed (never asserted)
 * next to issue #16's target (≥ 95 each): the production server (`npm run serve`'s entry,
 * precompressed assets) and the static build on a plain file server, each with Lighthouse's mobile
 * defaults (simulated slow 4G and a 4× slower CPU) and its desktop preset. Debian's Chromium runs
 * headless with the flags of the browser tests. Each setup and preset runs several times and the
 * median is printed with every run's figures, the metrics behind the performance score (CLS and the
 * byte weight do not depend on how busy the CPU is; TBT and the paint times do) and the machine's
 * load average: on a shared machine the performance score is the machine's as much as the page's.
 *
 * Run after both builds: `npm run build && npm run build:static && npx node bench/lighthouse.ts`
 *   --lesson /en/lessons/4-2-by-name/   another lesson (default 1.1, zh)
 *   --runs 5                            runs per setup and preset (default 3; the median is reported)
 *   --json                              print the failing audits of each run too (with the elements they name)
 *   --setup server|static               only one of the two setups
 *   --preset mobile|desktop             only one of the two presets
 *   --save /tmp/lh                      keep each run's full report as JSON (/tmp/lh-server-mobile-1.json …)
 *   --breakdown                         print where the main thread's time went (scripts by URL, work by category)
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { startServer } from '../tests/browser/harness.ts';
import { STATIC_ROOT, serveStatic } from '../tests/browser/static-harness.ts';

const { values } = parseArgs({
  options: {
    lesson: { type: 'string' },
    runs: { type: 'string' },
    json: { type: 'boolean' },
    breakdown: { type: 'boolean' },
    save: { type: 'string' },
    setup: { type: 'string' },
    preset: { type: 'string' },
  },
});
const LESSON = values.lesson ?? '/lessons/1-1-veth-and-docker0/';
const RUNS = Number(values.runs ?? 3);
/** Issue #16's target for both categories. */
const TARGET_SCORE = 95;
/** The metrics behind the performance score, as Lighthouse displays them. */
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'total-byte-weight'] as const;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Scores {
  performance: number;
  accessibility: number;
  /** METRICS' display values, e.g. "CLS 0", "TBT 450 ms". */
  metrics: string;
  /** Audits below a full score in the two categories, worst first. */
  shortfalls: string[];
  /** Main-thread time by script and by kind of work (Lighthouse's bootup-time and mainthread-work-breakdown). */
  breakdown: string[];
}

async function audit(url: string, preset: 'mobile' | 'desktop', saveAs: string | undefined): Promise<Scores> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const flags = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: ['performance', 'accessibility'] };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    if (saveAs !== undefined) await writeFile(saveAs, JSON.stringify(result.lhr));
    const { categories, audits } = result.lhr;
    const shortfalls = Object.values(audits)
      .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric'))
      .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
      .map((a) => `${a.id} ${Math.round((a.score ?? 0) * 100)}${a.displayValue ? ` (${a.displayValue})` : ''}${offenders(a.details)}`);
    const metrics = METRICS.map((id) => `${id} ${audits[id]?.displayValue ?? '?'}`).join(', ');
    return {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      metrics,
      shortfalls,
      breakdown: [...scriptTimes(audits['bootup-time']?.details), ...workByKind(audits['mainthread-work-breakdown']?.details)],
    };
  } finally {
    chrome.kill();
  }
}

/** The page elements an accessibility audit names, for --json. */
function offenders(details: unknown): string {
  const items = (details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined)?.items ?? [];
  const nodes = items.flatMap((item) => (item.node?.snippet ? [item.node.snippet.slice(0, 120)] : []));
  return nodes.length > 0 ? `\n    ${nodes.slice(0, 4).join('\n    ')}` : '';
}

/** bootup-time's rows: each script's evaluation and parse/compile time on the (throttled) main thread. */
function scriptTimes(details: unknown): string[] {
  const items = (details as { items?: { url?: string; total?: number; scripting?: number; scriptParseCompile?: number }[] } | undefined)?.items ?? [];
  return items.map((item) => `script ${Math.round(item.total ?? 0)} ms (run ${Math.round(item.scripting ?? 0)}, parse ${Math.round(item.scriptParseCompile ?? 0)}): ${item.url ?? '?'}`);
}

/** mainthread-work-breakdown's rows: style and layout, script evaluation, parsing HTML… */
function workByKind(details: unknown): string[] {
  const items = (details as { items?: { groupLabel?: string; duration?: number }[] } | undefined)?.items ?? [];
  return items.map((item) => `work ${Math.round(item.duration ?? 0)} ms: ${item.groupLabel ?? '?'}`);
}

async function report(setup: string, base: string): Promise<void> {
  for (const preset of ['mobile', 'desktop'] as const) {
    if (values.preset !== undefined && values.preset !== preset) continue;
    const runs: Scores[] = [];
    for (let i = 0; i < RUNS; i++) {
      const load = loadavg()[0]?.toFixed(1);
      const saveAs = values.save === undefined ? undefined : `${values.save}-${setup.split(',')[0]?.replaceAll(' ', '-')}-${preset}-${i + 1}.json`;
      const scores = await audit(`${base}${LESSON}`, preset, saveAs);
      runs.push(scores);
      console.log(`  ${setup}, ${preset}, run ${i + 1}: performance ${scores.performance}, accessibility ${scores.accessibility} (load average ${load}); ${scores.metrics}`);
      if (values.json) for (const line of scores.shortfalls.slice(0, 12)) console.log(`    ${line}`);
      if (values.breakdown) for (const line of scores.breakdown) console.log(`    ${line}`);
    }
    const performance = median(runs.map((r) => r.performance));
    const accessibility = median(runs.map((r) => r.accessibility));
    const verdict = (score: number) => (score >= TARGET_SCORE ? 'meets' : 'MISSES');
    console.log(
      `${setup}, ${preset}, median of ${runs.length}: performance ${performance} (${verdict(performance)} ≥ ${TARGET_SCORE}), ` +
        `accessibility ${accessibility} (${verdict(accessibility)} ≥ ${TARGET_SCORE}); load average now ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
    );
  }
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;
}

if (values.setup !== 'static') {
  const server = await startServer();
  try {
    await report('server build', server.url);
  } finally {
    await server.stop();
  }
}
if (values.setup === 'server') {
  // Only the server build was asked for.
} else if (existsSync(join(STATIC_ROOT, 'index.html'))) {
  const plain = await serveStatic();
  try {
    await report('static build, plain file server', plain.url);
  } finally {
    await plain.close();
  }
} else {
  console.log('static build: dist-static/ missing (npm run build:static), skipped');
}
