/**
 * program-source.ts for the browser's sandbox worker (astro.config.mjs builds the worker with this
 * module in its place): the programs' implementations (program-table.ts, about half the simulator)
 * and dockerd's start are a chunk of their own, fetched once the first sandbox is up instead of
 * before the first prompt.
 * A program started before the chunk arrived waits for it; sandbox-worker.ts holds the learner's
 * keys and checks until then and the driver loads it before replaying or setting up a sandbox, so a
 * journal replays exactly as it was recorded (see browser-driver.ts).
 */
import { InvariantError } from '../../errors/invariant.ts';
import { loadShellLanguage, shellLanguageLoaded } from './lazy-language-source.ts';
import type { Main } from '../sim/userland/registry.ts';
import type { DockerCompletion } from '../sim/userland/program-source.ts';
import type { Daemon } from '../sim/daemon/daemon.ts';

let mains: ReadonlyMap<string, Main> | undefined;
let completion: DockerCompletion | undefined;
let boot: ((daemon: Daemon) => void) | undefined;
let loading: Promise<void> | undefined;

/** Load every program's implementation and the shell's language (once; again after a failed fetch). */
export function loadPrograms(): Promise<void> {
  return Promise.all([loadTable(), loadShellLanguage()]).then(() => undefined);
}

function loadTable(): Promise<void> {
  loading ??= import('../sim/userland/program-table.ts').then(
    (table) => {
      mains = table.PROGRAM_MAINS;
      completion = { completeDocker: table.completeDocker, dockerCommandWords: table.dockerCommandWords };
      boot = table.bootDaemon;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Program `name`: its implementation once loaded, until then a wait for it. */
export function programMain(name: string): Main {
  const loaded = (): Main => {
    const main = mains?.get(name);
    if (!main) throw new InvariantError(`no implementation for program ${name}`);
    return main;
  };
  // Once loaded, the call is the program's own (no extra promise turn, as on the server).
  return (p, ctx, exec) => (mains ? loaded()(p, ctx, exec) : loadPrograms().then(() => loaded()(p, ctx, exec)));
}

/** Tab completion of docker command lines; none until the CLI's code is here (the worker holds Tab until then anyway). */
export function dockerCompletion(): DockerCompletion {
  return completion ?? { completeDocker: () => [], dockerCommandWords: () => [] };
}

/** dockerd's start; only once loaded (a sandbox built before starts its daemons later: journal.ts). */
export function daemonBoot(): (daemon: Daemon) => void {
  if (!boot) throw new InvariantError('the daemon started before its code was loaded');
  return boot;
}

/** Whether the implementations and the shell's language are here (the worker holds the learner's input until they are). */
export function programsLoaded(): boolean {
  return mains !== undefined && shellLanguageLoaded();
}
