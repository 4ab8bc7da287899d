/**
 * Where the registry (programs.ts) gets each program's implementation: program-table.ts, imported
 * with the rest of the simulator. The browser's sandbox worker is built with
 * src/sandbox/worker/lazy-program-source.ts in this module's place (astro.config.mjs), which loads
 * the table after the first prompt; both modules export the same functions.
 */
import { InvariantError } from '../../../errors/invariant.ts';
import type { Daemon } from '../daemon/daemon.ts';
import { PROGRAM_MAINS, bootDaemon, completeDocker, dockerCommandWords } from './program-table.ts';
import type { Main } from './registry.ts';

/** The docker CLI's completion functions. */
export interface DockerCompletion {
  completeDocker: typeof completeDocker;
  dockerCommandWords: typeof dockerCommandWords;
}

/** The implementation of program `name` (a name programs.ts lists). */
export function programMain(name: string): Main {
  const main = PROGRAM_MAINS.get(name);
  if (!main) throw new InvariantError(`no implementation for program ${name}`);
  return main;
}

/** Tab completion of docker command lines (docker/complete.ts), which reads the CLI's command table. */
export function dockerCompletion(): DockerCompletion {
  return { completeDocker, dockerCommandWords };
}

/** What dockerd does when it starts (daemon.ts's bootDaemon), for a machine booted with its daemon's record only. */
export function daemonBoot(): (daemon: Daemon) => void {
  return bootDaemon;
}

/** Resolves once every program's implementation is loaded: at once here. */
export function loadPrograms(): Promise<void> {
  return Promise.resolve();
}

/** Whether every program's implementation is loaded: always here. */
export function programsLoaded(): boolean {
  return true;
}
