/**
 * The ratchet list of the differential harness, tests/differential/known-divergences.json: the
 * (input, index, cmd) triples where the two drivers still differ, each with the reason. A divergence
 * not on it fails the test; a listed one that matches now fails too, so the list only shrinks.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriverDivergence, DriverRun } from './differential.ts';
import { DIFFERENTIAL_DIR } from './inputs.ts';

export const KNOWN_DRIVER_DIVERGENCES = join(DIFFERENTIAL_DIR, 'known-divergences.json');

export interface KnownDriverDivergence {
  input: string;
  index: number;
  cmd: string;
  /** Why the drivers differ here (which side is wrong, or why neither is). */
  reason: string;
}

export function readKnownDriverDivergences(): KnownDriverDivergence[] {
  if (!existsSync(KNOWN_DRIVER_DIVERGENCES)) return [];
  return (JSON.parse(readFileSync(KNOWN_DRIVER_DIVERGENCES, 'utf8')) as { divergences: KnownDriverDivergence[] }).divergences;
}

/** Rewrite the list for `inputs` from `divergences`; reasons of entries that stay are kept, new ones get `reasonFor`'s. */
export function writeKnownDriverDivergences(divergences: readonly DriverDivergence[], inputs: readonly string[], reasonFor: (d: DriverDivergence) => string): void {
  const old = readKnownDriverDivergences();
  const reasons = new Map(old.map((k) => [`${k.input}#${k.index}#${k.cmd}`, k.reason]));
  const kept = old.filter((k) => !inputs.includes(k.input));
  const fresh = divergences.map((d) => ({ input: d.input, index: d.index, cmd: d.cmd, reason: reasons.get(`${d.input}#${d.index}#${d.cmd}`) ?? reasonFor(d) }));
  const all = [...kept, ...fresh].sort((a, b) => a.input.localeCompare(b.input) || a.index - b.index);
  writeFileSync(KNOWN_DRIVER_DIVERGENCES, `${JSON.stringify({ divergences: all }, null, 2)}\n`);
}

/** Key of a divergence in the list. */
const keyOf = (d: { input: string; index: number; cmd: string }) => `${d.input}#${d.index}#${d.cmd}`;

/** What one run of the harness found, against the list. */
export interface DifferentialSummary {
  compared: number;
  matching: number;
  /** Divergences not on the list. */
  unlisted: DriverDivergence[];
  /** Listed entries of the inputs that ran, now matching. */
  fixed: KnownDriverDivergence[];
  /** Inputs whose Docker side stopped early, with why. */
  stopped: { input: string; error: string }[];
  /** The report, one line per input and the totals. */
  text: string;
}

/** Count and describe `runs` against the `known` list. */
export function summarise(runs: readonly DriverRun[], divergences: readonly DriverDivergence[], known: readonly KnownDriverDivergence[]): DifferentialSummary {
  const listed = new Set(known.map(keyOf));
  const diverging = new Set(divergences.map(keyOf));
  const ran = new Set(runs.map((r) => r.input.name));
  const lines: string[] = [];
  let compared = 0;
  let matching = 0;
  for (const run of runs) {
    const n = Math.max(run.sim.length, run.docker.length);
    const bad = divergences.filter((d) => d.input === run.input.name);
    const fresh = bad.filter((d) => !listed.has(keyOf(d))).length;
    compared += n;
    matching += n - bad.length;
    lines.push(
      `${run.input.name.padEnd(48)} ${String(n).padStart(4)} compared ${String(n - bad.length).padStart(4)} matching ${String(bad.length).padStart(3)} divergent` +
        `${fresh > 0 ? ` (${fresh} new)` : ''}${run.dockerError ? `  docker stopped: ${run.dockerError}` : ''}`,
    );
  }
  const unlisted = divergences.filter((d) => !listed.has(keyOf(d)));
  const fixed = known.filter((k) => ran.has(k.input) && !diverging.has(keyOf(k)));
  const percent = compared === 0 ? 0 : (100 * matching) / compared;
  lines.push(
    `total: ${runs.length} inputs, ${compared} commands compared, ${matching} matching (${percent.toFixed(1)} %), ${compared - matching} divergent` +
      ` (${unlisted.length} not in known-divergences.json, ${fixed.length} listed but matching now)`,
  );
  const stopped = runs.filter((r) => r.dockerError !== undefined).map((r) => ({ input: r.input.name, error: r.dockerError! }));
  return { compared, matching, unlisted, fixed, stopped, text: `${lines.join('\n')}\n` };
}
