/**
 * The differential harness from the command line: run inputs on both drivers and print, per input,
 * commands compared, matching and divergent, then every divergence not in known-divergences.json.
 *
 *   npx node tests/differential/report.ts [--jobs N] [--save DIR] [NAME-PREFIX ...]
 *   npx node tests/differential/report.ts --from DIR [NAME-PREFIX ...]   compare saved Docker transcripts again
 *   ... --write-known   rewrite known-divergences.json from today's divergences (reasons of kept entries
 *                       stay; new ones get reasons.ts's, or TODO)
 *
 * The Docker side needs an engine with the sandbox host image (.ci/docker-engine.sh) and root for the guard.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseRecording } from '../fidelity/scenario.ts';
import { compareRun, describeDriverDivergence, replayOnSim, runAll, type DriverRun } from './differential.ts';
import { differentialInputs, transcriptFile } from './inputs.ts';
import { readKnownDriverDivergences, summarise, writeKnownDriverDivergences } from './known.ts';
import { reasonFor } from './reasons.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jobs = Number(option(args, '--jobs') ?? process.env.VETHLAB_DIFF_JOBS ?? 3);
  const save = option(args, '--save');
  const from = option(args, '--from');
  const writeKnown = args.includes('--write-known');
  const prefixes = args.filter((a) => !a.startsWith('--'));
  const inputs = differentialInputs().filter((input) => prefixes.length === 0 || prefixes.some((p) => input.name.startsWith(p)));
  const started = Date.now();
  let runs: DriverRun[];
  if (from !== undefined) {
    runs = [];
    for (const input of inputs) {
      const file = transcriptFile(from, input);
      if (!existsSync(file)) continue;
      runs.push({ input, sim: await replayOnSim(input), docker: parseRecording(readFileSync(file, 'utf8')), dockerMs: 0 });
    }
  } else {
    const { ensureGuard, removeRunLeftovers, testDriver } = await import('../integration/docker/engine.ts');
    const removeGuard = ensureGuard();
    const driver = testDriver({ maxSessions: Math.max(jobs, 1), poolSizes: { default: Math.max(jobs, 1), 'two-nodes': 0 }, readyTimeoutMs: 180_000 });
    try {
      await driver.ready();
      if (save !== undefined) mkdirSync(save, { recursive: true });
      runs = await runAll(driver, inputs, jobs, (run) => {
        if (save !== undefined) writeFileSync(transcriptFile(save, run.input), run.docker.map((r) => JSON.stringify(r)).join('\n') + '\n');
        process.stderr.write(`  ${run.input.name}: ${run.docker.length} commands in ${(run.dockerMs / 1000).toFixed(1)} s${run.dockerError ? ` (stopped: ${run.dockerError})` : ''}\n`);
      });
    } finally {
      await driver.close();
      await removeRunLeftovers();
      removeGuard();
    }
  }
  const divergences = runs.flatMap(compareRun);
  const known = readKnownDriverDivergences();
  const summary = summarise(runs, divergences, known);
  process.stdout.write(summary.text);
  for (const d of summary.unlisted) process.stdout.write(`\n${describeDriverDivergence(d)}`);
  if (summary.fixed.length > 0) process.stdout.write(`\nlisted but matching now:\n${summary.fixed.map((k) => `  [${k.input} #${k.index}] $ ${k.cmd}\n`).join('')}`);
  process.stdout.write(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s with ${jobs} sandboxes at once\n`);
  if (writeKnown)
    writeKnownDriverDivergences(
      divergences,
      runs.map((r) => r.input.name),
      reasonFor,
    );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
