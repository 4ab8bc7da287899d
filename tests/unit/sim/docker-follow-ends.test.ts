import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation, type SimulationHandle } from '../../../src/sandbox/sim/simulation.ts';
import { run } from './run-program.ts';

function sandbox(): SimulationHandle {
  return createSimulation({ clock: new VirtualClock(), random: seededRandom(5) });
}

describe('following a container that ends by itself', () => {
  it('docker attach returns the exit code once the container stops on its own', async () => {
    const sim = sandbox();
    expect((await run(sim, 'docker run -d --name s1 busybox sh -c "sleep 2; exit 3"')).code).toBe(0);
    const attached = await Promise.race([run(sim, 'docker attach s1'), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 2000))]);
    expect(attached).toEqual({ out: '', err: '', code: 3 });
  });

  it('docker logs -f prints what the container writes later and returns when it stops', async () => {
    const sim = sandbox();
    expect((await run(sim, 'docker run -d --name s2 busybox sh -c "sleep 1; echo hi"')).code).toBe(0);
    const followed = await Promise.race([run(sim, 'docker logs -f s2'), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 2000))]);
    expect(followed).toEqual({ out: 'hi\n', err: '', code: 0 });
  });
});
