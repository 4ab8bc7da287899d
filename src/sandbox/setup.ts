/**
 * A broken lab's setup (lesson frontmatter `sandbox.setup`): hidden commands run once on a fresh
 * sandbox, through `Sandbox.exec`, so that their output never reaches a terminal or its scrollback,
 * they are not in any shell's history, and journaled sandboxes (the browser's, the server's kept
 * ones) record them like any hidden exec and replay them on a rebuild. Every driver runs them on the
 * sandboxes it creates fresh, never on one it restores.
 */
import type { Sandbox } from './driver.ts';
import { ignoreError } from '../errors/ignore-error.ts';

/** One hidden setup command and the node it runs on (the sandbox's first node by default). */
export interface SetupStep {
  run: string;
  node?: string | undefined;
}

/** A setup step may take this long (a `docker run` on the Docker driver pulls nothing, but starts a container). */
export const SETUP_STEP_TIMEOUT_MS = 60_000;

/** A setup command failed: the lab would not start broken as written, so the sandbox is not served. */
export class SetupFailedError extends Error {
  override name = 'SetupFailedError';
}

/** Run `steps` in order on `sandbox`; throws SetupFailedError (with the command's output) at the first that fails. */
export async function runSetup(sandbox: Sandbox, steps: readonly SetupStep[] | undefined): Promise<void> {
  for (const step of steps ?? []) {
    const node = step.node ?? sandbox.nodes[0];
    const result = await sandbox.exec(step.run, { ...(node !== undefined ? { node } : {}), timeoutMs: SETUP_STEP_TIMEOUT_MS });
    if (result.exit !== 0) throw new SetupFailedError(`setup command \`${step.run}\` on ${node ?? 'the first node'} exited ${result.exit}: ${result.output.trim()}`);
  }
}

/**
 * Whether a journal's first events are exactly `steps` as hidden execs, in order, on their nodes (the
 * sandbox started as the broken lab). A step without a node ran on the first node, `firstNode`.
 */
export function startsWithSetup(events: readonly { k: string; n?: string; x?: string }[], steps: readonly SetupStep[], firstNode = 'node1'): boolean {
  if (events.length < steps.length) return false;
  return steps.every((step, i) => {
    const event = events[i];
    return event !== undefined && event.k === 'exec' && event.x === step.run && event.n === (step.node ?? firstNode);
  });
}

/** `sandbox`, freshly created, with `steps` run on it; closed again when a step fails. */
export async function withSetup<S extends Sandbox>(sandbox: S, steps: readonly SetupStep[] | undefined): Promise<S> {
  if (steps === undefined || steps.length === 0) return sandbox;
  try {
    await runSetup(sandbox, steps);
  } catch (error) {
    await sandbox.close().catch(ignoreError('the failed setup is the error reported'));
    throw error;
  }
  return sandbox;
}
