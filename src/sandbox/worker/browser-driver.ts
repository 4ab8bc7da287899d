/**
 * The simulator as a Driver inside the browser's worker: every sandbox is journaled (journal.ts)
 * and saved to a SandboxStore a moment after it changes, and `create` rebuilds the learner's saved
 * sandbox of that profile when there is one. A sandbox closed on purpose (Reset, expiry) deletes
 * its record; a page unload just stops the worker and leaves the record for the next load.
 */
import type { Driver, Sandbox, SandboxOptions } from '../driver.ts';
import { SimSandbox } from '../sim/sandbox.ts';
import { seededRandom } from '../sim/kernel/random.ts';
import { createShellProgram } from '../sim/shell/shell-program.ts';
import { bootSimulation, type SimulationHandle } from '../sim/model-simulation.ts';
import { builtinProfile } from '../profiles/builtin.ts';
import type { Program } from '../sim/userland/program.ts';
import { JournaledSandbox, startsDaemonsLate, type InnerFactory, type LateDaemons, type SavedSandbox } from './journal.ts';
import type { Settle } from './logical-clock.ts';
import { SAVE_DELAY_MS, type SandboxStore } from './store.ts';
import { ignoreError } from '../../errors/ignore-error.ts';
import { withSetup } from '../setup.ts';
import { loadPrograms, programsLoaded } from '../sim/userland/program-source.ts';
import { mark } from './boot-marks.ts';

export { SAVE_DELAY_MS } from './store.ts';

export interface BrowserDriverOptions {
  store: SandboxStore;
  saveDelayMs?: number;
  /** Builds the simulated sandbox; the real simulator by default (tests may pass a smaller one). */
  create?: (profile: string | undefined) => InnerFactory;
  settle?: Settle;
  wallNow?: () => number;
  /** A fresh seed; crypto-random by default. */
  newSeed?: () => number;
  /** Something went wrong saving or restoring (reported, never thrown). */
  onError?: (error: unknown, context: string) => void;
}

/**
 * The real simulator on a given clock and RNG (what the server's driver builds, minus the clock
 * choice). With `daemonsLater` its machines boot with their dockerd not started yet: the journal
 * starts them (journal.ts) once their code is here, right after the first prompt.
 */
export function simulatorFactory(profile: string | undefined, daemonsLater = false): InnerFactory {
  return (clock, random) => {
    let shellProgram: Program | undefined;
    // The worker's profiles are built-in ones, by name: nothing to validate (simulation.ts's createSimulation does that).
    const simulation = bootSimulation(builtinProfile(profile), { clock, random, shellProgram: () => shellProgram, daemonsLater });
    shellProgram = createShellProgram(simulation);
    return new LateDaemonSandbox(simulation);
  };
}

/** A simulator sandbox whose daemons may start after its boot (LateDaemons). */
class LateDaemonSandbox extends SimSandbox implements LateDaemons {
  readonly #simulation: SimulationHandle;

  constructor(simulation: SimulationHandle) {
    super({ simulation });
    this.#simulation = simulation;
  }

  get pendingDaemons(): readonly string[] {
    return this.#simulation.pendingDaemons;
  }

  startDaemon(node: string): void {
    this.#simulation.startDaemon(node);
  }
}

/** How journaled sandboxes are built: the inner simulator, and the clock's settle and wall time. */
export interface JournaledBuild {
  create?: (profile: string | undefined) => InnerFactory;
  settle?: Settle;
  wallNow?: () => number;
}

/**
 * A journaled sandbox of `profile` on `seed`, starting at logical time `start` (also the server's kept
 * sessions); `daemonsLater` for the real simulator whose daemons start after the boot (LateDaemons).
 */
export function buildJournaled(how: JournaledBuild, profile: string | undefined, seed: number, start: number, instance: string, daemonsLater = false): JournaledSandbox {
  return new JournaledSandbox({
    profile: profile ?? '',
    instance,
    seed,
    start,
    random: seededRandom(seed),
    create: how.create ? how.create(profile) : simulatorFactory(profile, daemonsLater),
    ...(how.settle ? { settle: how.settle } : {}),
    wallNow: how.wallNow ?? Date.now,
  });
}

function cryptoSeed(): number {
  const [seed = 0] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return seed || 1;
}

function newInstance(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The in-browser driver; see the module comment. */
export function createBrowserDriver(options: BrowserDriverOptions): Driver & { readonly restored: number } {
  const open = new Set<JournaledSandbox>();
  const onError = options.onError ?? ((error, context) => console.warn(`vethlab: ${context}:`, error));
  const wallNow = options.wallNow ?? Date.now;
  let restored = 0;

  const build = (profile: string | undefined, seed: number, start: number, instance: string, daemonsLater: boolean) =>
    buildJournaled({ ...options, wallNow }, profile, seed, start, instance, daemonsLater);

  const restore = async (profile: string | undefined, saved: SavedSandbox): Promise<JournaledSandbox | undefined> => {
    let sandbox: JournaledSandbox | undefined;
    try {
      sandbox = build(profile, saved.seed, saved.start, saved.instance, startsDaemonsLate(saved));
      await sandbox.replay(saved);
      return sandbox;
    } catch (error) {
      onError(error, 'restoring the saved sandbox');
      await sandbox?.close().catch(ignoreError('the restore failure is already reported'));
      return undefined;
    }
  };

  const persist = (sandbox: JournaledSandbox): void => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saving = Promise.resolve();
    const save = () => {
      timer = undefined;
      saving = saving
        .then(async () => {
          if (sandbox.isOverBudget) await options.store.delete(sandbox.profile, sandbox.instance);
          else await options.store.save(sandbox.snapshot());
        })
        .catch((error: unknown) => onError(error, 'saving the sandbox'));
    };
    const stop = sandbox.onChange(() => {
      if (timer === undefined) timer = setTimeout(save, options.saveDelayMs ?? SAVE_DELAY_MS);
    });
    sandbox.onClose(() => {
      stop();
      clearTimeout(timer);
      saving = saving.then(() => options.store.delete(sandbox.profile, sandbox.instance)).catch((error: unknown) => onError(error, 'forgetting the sandbox'));
    });
  };

  return {
    name: 'simulator',
    get restored() {
      return restored;
    },
    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      const profile = sandboxOptions.profile;
      let saved: SavedSandbox | undefined;
      try {
        saved = await options.store.load(profile ?? '');
      } catch (error) {
        onError(error, 'loading the saved sandbox');
      }
      mark('store loaded');
      // A sandbox of this profile still open in this worker is the same record: never rebuild it twice.
      const loaded = saved;
      if (loaded && [...open].some((s) => s.instance === loaded.instance)) saved = undefined;
      // A replay or a lab's setup runs programs, and a replay must not wait for their code half-way
      // (it would interleave differently from the recording): fetch it first. A fresh sandbox boots
      // without them (its first prompt comes first; the worker holds input until they are here).
      if (saved || sandboxOptions.setup) await loadPrograms();
      let sandbox = saved ? await restore(profile, saved) : undefined;
      const failedRestore = saved !== undefined && sandbox === undefined;
      if (sandbox) restored++;
      else if (saved) await options.store.delete(saved.profile, saved.instance).catch(ignoreError('a stale save is overwritten by the next one'));
      const fresh = sandbox === undefined;
      // Before the programs' chunk is here (the first sandbox of the page), dockerd starts after the first prompt.
      sandbox ??= build(profile, (options.newSeed ?? cryptoSeed)(), wallNow(), newInstance(), !programsLoaded());
      mark('sandbox built');
      sandbox.goLive();
      open.add(sandbox);
      sandbox.onClose(() => open.delete(sandbox));
      persist(sandbox);
      // A restored lab replayed its setup with its journal; only a fresh one runs it (journaled, so saved with it).
      if (fresh) await withSetup(sandbox, sandboxOptions.setup);
      if (failedRestore) sandbox.notice('vethlab: the saved sandbox could not be restored; this is a fresh one · 无法恢复保存的沙箱，这是一个新的沙箱');
      return sandbox;
    },
    async close(): Promise<void> {
      await Promise.all([...open].map((sandbox) => sandbox.close()));
    },
  };
}
