/** Test helpers: type lines into a fresh fake sandbox and collect what each showed. */
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import type { TypedLineRecord } from '../../../src/sandbox/sim/shell/scripted-terminal.ts';
import { FakeSimulation } from './fake-simulation.ts';

/** Type `lines` at the prompt of a fresh fake sandbox; one record per line. */
export async function typeLines(lines: string[], simulation = new FakeSimulation()): Promise<TypedLineRecord[]> {
  const sandbox = new SimSandbox({ simulation });
  const records: TypedLineRecord[] = [];
  await sandbox.replay(lines, (r) => records.push(r));
  await sandbox.close();
  return records;
}

/** What one line showed and its status. */
export async function typeLine(line: string): Promise<{ output: string; exit: number }> {
  const [record] = await typeLines([line]);
  if (!record) throw new Error('no record');
  return { output: record.output, exit: record.exit };
}
