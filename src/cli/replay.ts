/** `npm run sandbox -- replay FILE`: type a file's lines into a fresh simulated sandbox. */
import type { SimSandbox } from '../sandbox/sim/sandbox.ts';

/** Replay `lines` in `sandbox`, writing one JSON line per command to `write`. */
export async function replay(sandbox: SimSandbox, lines: readonly string[], write: (text: string) => void): Promise<void> {
  try {
    await sandbox.replay(lines, (record) => {
      write(`${JSON.stringify({ cmd: record.cmd, output: record.output, exit: record.exit })}\n`);
    });
  } finally {
    await sandbox.close();
  }
}
