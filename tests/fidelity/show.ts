/**
 * Print a recording (or a replay's JSONL) as a terminal transcript, raw or normalised.
 *
 *   npx node tests/fidelity/show.ts tests/fidelity/recordings/basics.jsonl [--normalise] [--jsonl]
 */
import { readFileSync } from 'node:fs';
import { normaliseScenario } from './normalise.ts';
import { parseRecording } from './scenario.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  process.stderr.write('usage: show.ts FILE.jsonl [--normalise] [--jsonl]\n');
  process.exit(2);
}
let records = parseRecording(readFileSync(file, 'utf8'));
if (args.includes('--normalise')) records = normaliseScenario(records);
for (const [i, r] of records.entries()) {
  if (args.includes('--jsonl')) process.stdout.write(JSON.stringify(r) + '\n');
  else process.stdout.write(`### [${i}] $ ${r.cmd}    (exit ${r.exit})\n${r.output}`);
}
