/** `npm run sandbox -- replay FILE`: type a file's lines into a fresh simulated sandbox. */
import type { SimSandbox } from '../sandbox/sim/sandbox.ts';
import type { ReplaySegment } from './arguments.ts';

/** Replay `segments` in `sandbox` (each on its node's terminal), writing one JSON line per command to `write`. */
export async function replay(sandbox: SimSandbox, segments: readonly ReplaySegment[], write: (text: string) => void): Promise<void> {
  try {
    for (const segment of segments) {
      await sandbox.replay(
        segment.lines,
        (record) => {
          write(`${JSON.stringify({ cmd: record.cmd, output: record.output, exit: record.exit })}\n`);
        },
        { ...(segment.node !== undefined ? { node: segment.node } : {}), ...(segment.keys ? { keys: segment.keys } : {}) },
      );
    }
  } finally {
    await sandbox.close();
  }
}
