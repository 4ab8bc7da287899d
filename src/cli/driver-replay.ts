/**
 * `replay --driver docker`: the replay file typed into a sandbox of any driver through its terminals,
 * one TerminalReplayer per node, so each node keeps one login shell across `# @node` switches.
 */
import type { Sandbox } from '../sandbox/driver.ts';
import type { ReplaySegment } from './arguments.ts';
import { TerminalReplayer, type TerminalRecord } from './terminal-replay.ts';

/** How long a node's login shell may take to show its first prompt. */
const FIRST_PROMPT_MS = 60_000;

/** Type `segments` into `sandbox`'s terminals; `onRecord` gets each line's record as it completes. */
export async function replayOnTerminals(sandbox: Sandbox, segments: readonly ReplaySegment[], onRecord: (record: TerminalRecord) => void, options: { lineTimeoutMs?: number } = {}): Promise<void> {
  const replayers = new Map<string, TerminalReplayer>();
  try {
    for (const segment of segments) {
      const node = segment.node ?? sandbox.nodes[0] ?? 'node1';
      let replayer = replayers.get(node);
      if (!replayer) {
        replayer = new TerminalReplayer(sandbox.terminal(node), { node, ...(options.lineTimeoutMs !== undefined ? { lineTimeoutMs: options.lineTimeoutMs } : {}) });
        replayers.set(node, replayer);
        await replayer.ready(FIRST_PROMPT_MS);
      }
      for (const [i, line] of segment.lines.entries()) onRecord(await replayer.type(line, segment.keys?.get(i)));
    }
  } finally {
    for (const replayer of replayers.values()) replayer.close();
  }
}
