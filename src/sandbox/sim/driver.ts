/**
 * The simulator as a Driver (the default backend): each sandbox is a fresh Simulation of the
 * sandbox's machines with its terminals. Terminals run in real time (ping waits a second between
 * replies); hidden checks run on a virtual clock regardless (see SimSandbox.exec).
 */
import type { Driver, Sandbox, SandboxOptions } from '../driver.ts';
import { RealClock, VirtualClock } from './clock.ts';
import { SimSandbox, type SimSandboxOptions } from './sandbox.ts';
import { createShellProgram } from './shell/shell-program.ts';
import type { Program } from './userland/program.ts';
import type { HostProfile } from '../profiles/host-profile.ts';
import { createSimulation } from './simulation.ts';
import { seededRandom } from './kernel/random.ts';
import { withSetup } from '../setup.ts';

/** Options of the simulator driver. */
export interface SimulatorDriverOptions {
  /** `virtual` makes terminals instant too (tests, replays); `real` by default. */
  clock?: 'real' | 'virtual';
}

/** Build one simulated sandbox: a new Simulation on a new clock. */
export function createSimSandbox(options: {
  clock?: 'real' | 'virtual';
  /** A built-in profile's name or a parsed profile; unknown names throw. */
  profile?: string | HostProfile;
  /** Seed the randomness (ids, MACs, veth names) for reproducible runs; crypto-random otherwise. */
  seed?: number;
  onLoginShellExit?: SimSandboxOptions['onLoginShellExit'];
}): SimSandbox {
  const clock = options.clock === 'virtual' ? new VirtualClock() : new RealClock();
  // `sh -c`, scripts on stdin and a bare `sh` at a prompt run on the shell's own interpreter.
  let shellProgram: Program | undefined;
  const simulation = createSimulation({
    clock,
    shellProgram: () => shellProgram,
    ...(options.seed !== undefined ? { random: seededRandom(options.seed) } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  });
  shellProgram = createShellProgram(simulation);
  return new SimSandbox({
    simulation,
    ...(options.onLoginShellExit ? { onLoginShellExit: options.onLoginShellExit } : {}),
  });
}

/** The Driver named 'simulator'. */
export function createSimulatorDriver(options: SimulatorDriverOptions = {}): Driver {
  const open = new Set<SimSandbox>();
  return {
    name: 'simulator',
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      const sandbox = createSimSandbox({
        clock: options.clock ?? 'real',
        ...(sandboxOptions.hosts !== undefined ? { profile: sandboxOptions.hosts } : sandboxOptions.profile !== undefined ? { profile: sandboxOptions.profile } : {}),
      });
      open.add(sandbox);
      sandbox.onClose(() => open.delete(sandbox));
      return withSetup(sandbox, sandboxOptions.setup);
    },
    async close(): Promise<void> {
      await Promise.all([...open].map((sandbox) => sandbox.close()));
    },
  };
}
