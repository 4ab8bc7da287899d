/**
 * Booting a simulation from a resolved host profile (simulation.ts resolves and validates one): the
 * machines of one sandbox behind the Simulation contract the shell uses.
 */
import type { Clock } from './clock.ts';
import { createContainerRuntime } from './container-runtime.ts';
import { findContainer, type Container } from './daemon/container.ts';
import type { Lan } from './kernel/link.ts';
import { cryptoRandom, type Random } from './kernel/random.ts';
import { createTracer } from './kernel/trace.ts';
import { createLauncher, type Launcher } from './launcher.ts';
import { bootNode } from './node-boot.ts';
import type { HostProfile } from '../profiles/host-profile.ts';
import { createShellProgram } from './shell/shell-program.ts';
import { daemonBoot, dockerCompletion } from './userland/program-source.ts';
import type { Daemon } from './daemon/daemon.ts';
import { readFile, writeFile } from './userland/filesystem.ts';
import type { SharedFolders, World } from './userland/machine.ts';
import { procFor, procHostname } from './userland/proc.ts';
import type { ExecTarget, Program, ShellIdentity, Simulation } from './userland/program.ts';
import { shellIdentity } from './userland/shell-identity.ts';

/** Options of createSimulation. */
export interface SimulationOptions {
  clock: Clock;
  /** A built-in host profile by name ("default", "two-nodes") or a parsed profile; default when omitted. */
  profile?: string | HostProfile;
  /** Randomness for ids and MACs; seed it in tests for stable output. */
  random?: Random;
  /** The shell interpreter for `sh -c …` and scripts on stdin; sim/shell's by default. */
  shellProgram?: (target: ExecTarget, shellPath: string) => Program | undefined;
  /**
   * Boot the machines with their daemons' records only and start each at `startDaemon(node)`
   * (the browser's worker, before the daemon's code is here); they start at boot otherwise.
   */
  daemonsLater?: boolean;
}

/** The Simulation plus what tests and tools may reach directly. */
export interface SimulationHandle extends Simulation {
  readonly world: World;
  /** Let background processes (detached containers) catch up with the clock. */
  settle(): Promise<void>;
  /** Read a file as `target` sees it (for the shell's `<` redirections); undefined if missing. */
  readFile(target: ExecTarget, path: string): string | undefined;
  /** Write (or append to) a file as `target`; returns an error message like "Permission denied". */
  writeFile(target: ExecTarget, path: string, text: string, append?: boolean): string | undefined;
  complete(target: ExecTarget, words: readonly string[]): string[];
  /** Machines whose dockerd waits for `startDaemon` (SimulationOptions.daemonsLater), in profile order. */
  readonly pendingDaemons: readonly string[];
  /** Start `node`'s dockerd, booted with its record only (a no-op once it runs). */
  startDaemon(node: string): void;
}

/** Boot every host of `profile`, already resolved and valid, and give each daemon its runtime. */
export function bootSimulation(profile: HostProfile, options: SimulationOptions): SimulationHandle {
  const random = options.random ?? cryptoRandom();
  const world: World = { nodes: new Map() };
  const simulation = new ModelSimulation(world, options, random);
  const shared: SharedFolders | undefined = profile.sharedFolders?.length ? { paths: profile.sharedFolders, files: new Map() } : undefined;
  const env = {
    clock: options.clock,
    random,
    tracer: createTracer(),
    profile,
    lans: new Map<string, Lan>(),
    ...(shared ? { shared } : {}),
    ...(options.daemonsLater ? {} : { startDaemon: daemonBoot() }),
  };
  for (const spec of profile.hosts) {
    const node = bootNode(spec, env);
    if (options.daemonsLater) simulation.unstarted.set(spec.name, node.daemon);
    node.daemon.runtime = createContainerRuntime(world, spec.name, simulation.launcher);
    world.nodes.set(spec.name, node);
  }
  return simulation;
}

/** The Simulation contract over a world of booted machines. */
class ModelSimulation implements SimulationHandle {
  readonly world: World;
  readonly clock: Clock;
  readonly random: Random;
  readonly launcher: Launcher;
  private readonly options: SimulationOptions;
  private ownShell: Program | undefined;
  /** Daemons booted as records only, by node, until startDaemon(node). */
  readonly unstarted = new Map<string, Daemon>();

  constructor(world: World, options: SimulationOptions, random: Random) {
    this.world = world;
    this.options = options;
    this.random = random;
    this.clock = options.clock;
    this.launcher = createLauncher(world, (target, path) => this.shellProgram(target, path));
  }

  /** The shell interpreter: the one the options supply, else sim/shell's (one per simulation). */
  private shellProgram(target: ExecTarget, path: string): Program {
    const supplied = this.options.shellProgram?.(target, path);
    if (supplied) return supplied;
    this.ownShell ??= createShellProgram(this);
    return this.ownShell;
  }

  /** The running container `target` names, if it still runs. */
  private runningContainer(target: ExecTarget): Container | undefined {
    if (target.container === undefined) return undefined;
    const node = this.world.nodes.get(target.node);
    const c = node ? findContainer(node.daemon.containers, target.container) : undefined;
    return c?.status === 'running' ? c : undefined;
  }

  get pendingDaemons(): readonly string[] {
    return [...this.unstarted.keys()];
  }

  startDaemon(node: string): void {
    const daemon = this.unstarted.get(node);
    if (!daemon) return;
    this.unstarted.delete(node);
    daemonBoot()(daemon);
  }

  get nodes(): string[] {
    return [...this.world.nodes.keys()];
  }

  lookup(target: ExecTarget, name: string): Program | undefined {
    return this.launcher.lookup(target, name);
  }

  commandNames(target: ExecTarget): string[] {
    const node = this.world.nodes.get(target.node);
    if (!node) return [];
    const p = procFor(this.world, target);
    const names = p?.container ? [...p.container.config.image.programs, ...p.container.installed] : [...node.programs];
    return [...new Set(names)].filter((n) => this.lookup(target, n) !== undefined).sort();
  }

  shell(target: ExecTarget, shellPath?: string): ShellIdentity {
    const node = this.world.nodes.get(target.node);
    const os = procFor(this.world, target)?.os ?? 'host';
    const hostname = () => {
      const now = procFor(this.world, target);
      return now ? procHostname(now) : (node?.kernel.hostname ?? 'localhost');
    };
    const path = shellPath ?? (os === 'busybox' || os === 'alpine' ? 'sh' : 'bash');
    return shellIdentity(os, path, hostname);
  }

  isAlive(target: ExecTarget): boolean {
    if (target.container === undefined) return this.world.nodes.has(target.node);
    return this.runningContainer(target) !== undefined;
  }

  whenStopped(target: ExecTarget, listener: () => void): () => void {
    if (target.container === undefined) return () => undefined;
    const node = this.world.nodes.get(target.node);
    const c = this.runningContainer(target);
    if (!node || !c) {
      listener();
      return () => undefined;
    }
    const watcher = (stopped: Container) => {
      if (stopped !== c) return;
      node.daemon.stopWatchers.delete(watcher);
      listener();
    };
    node.daemon.stopWatchers.add(watcher);
    return () => node.daemon.stopWatchers.delete(watcher);
  }

  async settle(): Promise<void> {
    for (const node of this.world.nodes.values()) await node.kernel.timers.settle();
  }

  readFile(target: ExecTarget, path: string): string | undefined {
    const p = procFor(this.world, target);
    if (!p) return undefined;
    const r = readFile(p, path);
    return r.ok ? r.text : undefined;
  }

  fileKind(target: ExecTarget, path: string): 'file' | 'dir' | undefined {
    const p = procFor(this.world, target);
    if (!p) return undefined;
    const r = readFile(p, path);
    if (r.ok) return 'file';
    return r.error === 'EISDIR' ? 'dir' : undefined;
  }

  complete(target: ExecTarget, words: readonly string[]): string[] {
    const node = this.world.nodes.get(target.node);
    if (!node || target.container !== undefined) return [];
    if (words[0] === 'docker') return dockerCompletion().completeDocker(node.daemon, words);
    return [];
  }

  writeFile(target: ExecTarget, path: string, text: string, append = false): string | undefined {
    const p = procFor(this.world, target);
    if (!p) return 'No such file or directory';
    const before = append ? readFile(p, path) : undefined;
    const r = writeFile(p, path, before?.ok ? before.text + text : text);
    if (r.ok) return undefined;
    return { ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EINVAL: 'Invalid argument', EROFS: 'Read-only file system' }[r.error];
  }
}
