/**
 * A Docker driver sandbox for one `replay --driver docker` run: its own owner and label (start-up of
 * a driver removes everything of its owner, so never a server's), no warm pool, one sandbox.
 */
import { randomBytes } from 'node:crypto';
import { createDockerDriver } from '../sandbox/docker/driver.ts';
import type { Sandbox } from '../sandbox/driver.ts';
import type { SetupStep } from '../sandbox/setup.ts';

/** Label on every container a replay run creates, valued with the run's id. */
export const REPLAY_LABEL = 'vethlab.replay';

/** A started sandbox and how to remove it with its driver. */
export interface OpenedSandbox {
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Start one sandbox of `profile` on the machine's engine (DOCKER_HOST), settings from the environment. */
export async function openDockerSandbox(profile: string | undefined, onError: (message: string) => void, setup?: readonly SetupStep[]): Promise<OpenedSandbox> {
  const run = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const driver = createDockerDriver({ owner: `replay-${run}`, labels: { [REPLAY_LABEL]: run }, poolSizes: { default: 0, 'two-nodes': 0 }, backstopGraceMs: 0 }, (error, context) =>
    onError(`docker driver: ${context}: ${error instanceof Error ? error.message : String(error)}`),
  );
  try {
    const sandbox = await driver.create({ ...(profile !== undefined ? { profile } : {}), ...(setup ? { setup } : {}) });
    return { sandbox, close: () => driver.close() };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
