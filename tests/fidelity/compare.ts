/**
 * Replays scenarios through the simulator and compares them with the real engine's recordings.
 *
 *   npx node tests/fidelity/compare.ts [scenario ...]            print every divergence
 *   npx node tests/fidelity/compare.ts --write-known             rewrite known-divergences.json
 *                                                                 with today's divergences
 * The fidelity test (fidelity.test.ts) uses the same functions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseScenario } from './normalise.ts';
import { parseRecording, type Recorded } from './scenario.ts';

export const FIDELITY_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(FIDELITY_DIR, '..', '..');
export const REPLAY_CLI = join(REPO_ROOT, 'src', 'cli', 'sandbox.ts');
export const KNOWN_FILE = join(FIDELITY_DIR, 'known-divergences.json');

/** One command whose normalised output or exit code differs from the recording. */
export interface Divergence {
  scenario: string;
  index: number;
  cmd: string;
  expected?: { output: string; exit: number };
  actual?: { output: string; exit: number };
}

/** An entry of known-divergences.json: a (scenario, command index) that still differs. */
export interface KnownDivergence {
  scenario: string;
  index: number;
  cmd: string;
  note?: string;
}

/** Names of the scenarios that have a recording. */
export function recordedScenarios(): string[] {
  return readdirSync(join(FIDELITY_DIR, 'recordings'))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => basename(f, '.jsonl'))
    .filter((n) => existsSync(join(FIDELITY_DIR, 'scenarios', `${n}.sh`)))
    .sort();
}

/** The real engine's records of `scenario`. */
export function recording(scenario: string): Recorded[] {
  return parseRecording(readFileSync(join(FIDELITY_DIR, 'recordings', `${scenario}.jsonl`), 'utf8'));
}

/** The simulator's records of `scenario`, from `node src/cli/sandbox.ts replay FILE`. */
export function replayScenario(scenario: string): Recorded[] {
  const file = join(FIDELITY_DIR, 'scenarios', `${scenario}.sh`);
  const r = spawnSync(process.execPath, [REPLAY_CLI, 'replay', file], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`replay of ${scenario} failed (exit ${r.status}): ${r.stderr ?? ''}${r.error?.message ?? ''}`);
  }
  return parseRecording(r.stdout);
}

/** Every command of `scenario` whose normalised output or exit differs between the two runs. */
export function compareScenario(scenario: string, real: Recorded[], sim: Recorded[]): Divergence[] {
  const a = normaliseScenario(real);
  const b = normaliseScenario(sim);
  const out: Divergence[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && x.output === y.output && x.exit === y.exit && x.cmd === y.cmd) continue;
    out.push({
      scenario,
      index: i,
      cmd: x?.cmd ?? y?.cmd ?? '',
      ...(x !== undefined ? { expected: { output: x.output, exit: x.exit } } : {}),
      ...(y !== undefined ? { actual: { output: y.output, exit: y.exit } } : {}),
    });
  }
  return out;
}

/** The ratchet list. */
export function readKnown(): KnownDivergence[] {
  if (!existsSync(KNOWN_FILE)) return [];
  const raw = JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as { divergences?: KnownDivergence[] };
  return raw.divergences ?? [];
}

/** A readable account of one divergence: expected (real engine) then actual (simulator). */
export function describeDivergence(d: Divergence): string {
  const show = (v: { output: string; exit: number } | undefined): string => (v === undefined ? '    (no such command)\n' : `${v.output.replace(/^/gm, '    | ')}\n    (exit ${v.exit})\n`);
  return `[${d.scenario} #${d.index}] $ ${d.cmd}\n  real engine:\n${show(d.expected)}  simulator:\n${show(d.actual)}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const write = args.includes('--write-known');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const names = wanted.length > 0 ? wanted : recordedScenarios();
  const all: Divergence[] = [];
  let total = 0;
  for (const name of names) {
    const real = recording(name);
    total += real.length;
    const found = compareScenario(name, real, replayScenario(name));
    all.push(...found);
    if (!write) for (const d of found) process.stdout.write(describeDivergence(d) + '\n');
  }
  if (write) {
    const old = new Map(readKnown().map((k) => [`${k.scenario}#${k.index}`, k.note]));
    const divergences = all.map((d) => {
      const note = old.get(`${d.scenario}#${d.index}`);
      return { scenario: d.scenario, index: d.index, cmd: d.cmd, ...(note !== undefined ? { note } : {}) };
    });
    const kept = readKnown().filter((k) => !names.includes(k.scenario));
    const merged = [...kept, ...divergences].sort((x, y) => x.scenario.localeCompare(y.scenario) || x.index - y.index);
    writeFileSync(KNOWN_FILE, JSON.stringify({ divergences: merged }, null, 2) + '\n');
  }
  process.stdout.write(`${all.length} of ${total} commands diverge (${names.length} scenarios)\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
