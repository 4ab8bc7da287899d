/**
 * A simulation: the machines of one sandbox (kernel + dockerd + userland per node) behind the
 * Simulation contract the shell uses. The default profile is one Debian 12 VM, "node1", on a
 * VirtualBox-style NAT network (eth0 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3) running Docker
 * Engine 20.10 with the course images pulled.
 */
import type { Clock } from './clock.ts';
import { containerHostname, findContainer, type Container } from './daemon/container.ts';
import { startDaemon } from './daemon/daemon.ts';
import { IMAGE_CATALOG } from './daemon/image-catalog.ts';
import { hostEtcHosts } from './daemon/etchosts.ts';
import type { ProcessIO, Runtime } from './daemon/runtime.ts';
import { bootKernel } from './kernel/kernel.ts';
import { addLink, setLinkUp } from './kernel/netns.ts';
import { cryptoRandom, type Random } from './kernel/random.ts';
import { natRouterUplink } from './kernel/uplink.ts';
import { readFile, writeFile } from './userland/filesystem.ts';
import type { Node, SharedFolders, World } from './userland/machine.ts';
import { dockerEntrypoint, nginx } from './userland/nginx.ts';
import { procFor, procHostname } from './userland/proc.ts';
import { exitProcess, newProcessTable, spawnProcess } from './userland/process-table.ts';
import type { ExecTarget, Program, ProgramContext, SessionServices, ShellIdentity, Simulation } from './userland/program.ts';
import { HOST_PROGRAMS, SHELLS, TOOLS } from './userland/programs.ts';
import type { Tool } from './userland/registry.ts';
import { createShellProgram } from './shell/shell-program.ts';
import { completeDocker } from './userland/docker/complete.ts';
import { builtinProfile } from '../profiles/builtin.ts';
import { validateProfile, type HostProfile, type HostSpec } from '../profiles/host-profile.ts';
import { networkOf, parseIp, parsePrefix } from './kernel/ipv4.ts';
import type { Lan } from './kernel/link.ts';
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
}

const NO_TERMINAL: SessionServices = {
  enterShell: () => Promise.reject(new Error('not a terminal')),
  history: () => [],
  columns: () => 80,
};

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** A host's NIC MAC: VirtualBox's 08:00:27 OUI with three random bytes. */
function virtualBoxMac(random: Random): number[] {
  const b = random.bytes(3);
  return [0x08, 0x00, 0x27, b[0]!, b[1]!, b[2]!];
}

/** Programs a host profile may list in `tools`. */
export const KNOWN_HOST_TOOLS: readonly string[] = [...new Set([...HOST_PROGRAMS, ...TOOLS.keys(), ...SHELLS])].sort();

/** Images a host profile may list in `images`. */
export const KNOWN_IMAGES: readonly string[] = IMAGE_CATALOG.map((i) => i.repository);

/** The profile `profile` names or is, validated; throws an Error with a clear message otherwise. */
export function resolveHostProfile(profile: string | HostProfile | undefined): HostProfile {
  if (typeof profile !== 'object') return builtinProfile(profile);
  const checked = validateProfile(profile, { tools: KNOWN_HOST_TOOLS, images: KNOWN_IMAGES });
  if (!checked.ok) throw new Error(`invalid host profile: ${checked.errors.join('; ')}`);
  return checked.profile;
}

/** VirtualBox's predictable names for adapters 1-4. */
const ALTNAMES = ['enp0s3', 'enp0s8', 'enp0s9', 'enp0s10'];

/** Build and start the simulation. */
export function createSimulation(options: SimulationOptions): SimulationHandle {
  const { clock } = options;
  const random = options.random ?? cryptoRandom();
  const world: World = { nodes: new Map() };

  const installed = (node: Node, c: Container | undefined, name: string): boolean => {
    const base = basename(name);
    if (!c) return node.programs.has(base);
    // `explain` (vethlab's packet explainer) is there in every container too.
    return c.config.image.programs.includes(base) || c.installed.has(base) || base === 'explain';
  };

  const profile = resolveHostProfile(options.profile);
  let ownShell: Program | undefined;
  const shellFor = (target: ExecTarget, path: string): Program => {
    const supplied = options.shellProgram?.(target, path);
    if (supplied) return supplied;
    ownShell ??= createShellProgram(handle);
    return ownShell;
  };

  const toolProgram = (node: Node, tool: Tool): Program => async (ctx) => {
    // Foreground commands let background processes catch up first; background ones just run.
    if (!node.kernel.timers.isBackground(ctx.clock)) await node.kernel.timers.settle();
    const p = procFor(world, ctx.target);
    if (!p) return 137;
    // A container's main process is PID 1 (the container record); everything else gets an entry.
    const main = p.container !== undefined && p.container.abort?.signal === ctx.signal;
    const entry = main ? undefined : spawnProcess(node.processes, ctx.clock.now(), ctx.argv, p.container, ctx.interactive ? 'pts/0' : undefined);
    try {
      return await tool(p, ctx);
    } catch (e) {
      // A program must never take the session down; report like a crashed process would.
      ctx.io.stderr(`${ctx.argv[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 139;
    } finally {
      if (entry) exitProcess(node.processes, entry);
    }
  };

  const lookup = (target: ExecTarget, name: string): Program | undefined => {
    const node = world.nodes.get(target.node);
    if (!node) return undefined;
    let c: Container | undefined;
    if (target.container !== undefined) {
      c = findContainer(node.daemon.containers, target.container);
      if (!c || c.status !== 'running') return undefined;
    }
    if (!installed(node, c, name)) return undefined;
    const base = basename(name);
    if (SHELLS.has(base)) return shellFor(target, name);
    if (base === 'nginx') return toolProgram(node, nginx);
    if (base === 'docker-entrypoint.sh') {
      return toolProgram(
        node,
        dockerEntrypoint(async (rest, ctx) => {
          const next = lookup(ctx.target, rest[0] ?? '');
          return next ? next({ ...ctx, argv: rest }) : 127;
        }),
      );
    }
    const tool = TOOLS.get(base);
    return tool ? toolProgram(node, tool) : undefined;
  };

  const shell = (target: ExecTarget, shellPath?: string): ShellIdentity => {
    const node = world.nodes.get(target.node);
    const p = procFor(world, target);
    const os = p?.os ?? 'host';
    const hostname = () => {
      const now = procFor(world, target);
      return now ? procHostname(now) : (node?.kernel.hostname ?? 'localhost');
    };
    const path = shellPath ?? (os === 'busybox' || os === 'alpine' ? 'sh' : 'bash');
    return shellIdentity(os, path, hostname);
  };

  const hostnameOf = (target: ExecTarget, c: Container): string => {
    const p = procFor(world, target);
    return p ? procHostname(p) : containerHostname(c);
  };

  const runtimeFor = (nodeName: string): Runtime => ({
    has(c, argv0) {
      const node = world.nodes.get(nodeName);
      if (!node) return false;
      const base = basename(argv0);
      return installed(node, c, argv0) && (SHELLS.has(base) || TOOLS.has(base) || base === 'nginx' || base === 'docker-entrypoint.sh');
    },
    handlesStopSignal(_c, argv0) {
      return ['nginx', 'docker-entrypoint.sh'].includes(basename(argv0));
    },
    async run(c, argv, io: ProcessIO) {
      const target: ExecTarget = { node: nodeName, container: c.id };
      const base = basename(argv[0] ?? '');
      // A shell with a terminal but nobody attached (docker run -dit) waits for input forever.
      if (SHELLS.has(base) && io.tty && !argv.includes('-c')) {
        await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
        return 137;
      }
      const ctx: ProgramContext = {
        argv,
        io: { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr },
        target,
        signal: io.signal,
        clock: io.clock,
        interactive: false,
        // The runtime adds HOSTNAME (and HOME for root) to the image's and -e variables.
        env: {
          HOSTNAME: hostnameOf(target, c),
          HOME: '/root',
          ...Object.fromEntries(c.config.env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)])),
        },
        session: NO_TERMINAL,
      };
      const program = lookup(target, argv[0] ?? '');
      if (!program) return 127;
      return program(ctx);
    },
  });

  const lans = new Map<string, Lan>();
  const shared: SharedFolders | undefined = profile.sharedFolders?.length ? { paths: profile.sharedFolders, files: new Map() } : undefined;
  const addNode = (spec: HostSpec): Node => {
    const hostname = spec.hostname ?? spec.name;
    const kernel = bootKernel(hostname, clock, random);
    const gateway = spec.defaultRoute !== undefined ? parseIp(spec.defaultRoute) : undefined;
    spec.interfaces.forEach((f, i) => {
      const prefix = parsePrefix(f.address)!;
      const addr = parseIp(f.address.split('/')[0]!)!;
      const dev = addLink(kernel.init, { name: f.name, kind: 'ether', mac: virtualBoxMac(random), txqlen: 1000, qdisc: 'fq_codel' });
      const altname = f.altname ?? ALTNAMES[i];
      if (altname !== undefined) dev.altname = altname;
      // The NAT adapter is configured by DHCP; host-only adapters have static addresses.
      const nat = gateway !== undefined && networkOf(gateway, prefix.len) === networkOf(addr, prefix.len);
      dev.addrs.push({ addr, len: prefix.len, scope: 'global', ...(nat ? { dynamic: true } : {}) });
      setLinkUp(dev, true);
      if (nat) Object.assign(dev.stats, { rxPackets: 1893, rxBytes: 2_105_336, txPackets: 1042, txBytes: 98_213 });
      if (f.lan !== undefined) {
        let lan = lans.get(f.lan);
        if (!lan) lans.set(f.lan, (lan = { name: f.lan, ports: [] }));
        lan.ports.push(dev);
        dev.lan = lan;
      }
      if (nat) kernel.init.routes.push({ dst: { addr: 0, len: 0 }, via: gateway, dev, proto: 'boot', scope: 'global' });
    });
    const resolver = spec.resolver !== undefined ? parseIp(spec.resolver) : undefined;
    const resolv = spec.resolver !== undefined ? `nameserver ${spec.resolver}\n` : '';
    const images = spec.images ? IMAGE_CATALOG.filter((i) => spec.images!.some((want) => want.replace(/:latest$/, '') === i.repository)) : [...IMAGE_CATALOG];
    const daemon = startDaemon(kernel, clock, resolv, images);
    if (gateway !== undefined) daemon.uplink = natRouterUplink(gateway, resolver ?? gateway);
    const without = new Set(spec.withoutTools ?? []);
    const node: Node = {
      name: spec.name,
      kernel,
      daemon,
      files: new Map([
        ['/etc/resolv.conf', resolv],
        ['/etc/hosts', hostEtcHosts(hostname, lanNeighbours(spec))],
      ]),
      programs: new Set((spec.tools ?? HOST_PROGRAMS).filter((t) => !without.has(t))),
      processes: newProcessTable(),
      ...(shared ? { shared } : {}),
    };
    daemon.runtime = runtimeFor(spec.name);
    world.nodes.set(spec.name, node);
    return node;
  };

  /** The other hosts on this host's LANs, as Vagrant's hostmanager writes them into /etc/hosts. */
  const lanNeighbours = (spec: HostSpec): [string, string][] => {
    const mine = new Set(spec.interfaces.map((f) => f.lan).filter((l) => l !== undefined));
    const out: [string, string][] = [];
    for (const other of profile.hosts) {
      if (other === spec) continue;
      const f = other.interfaces.find((x) => x.lan !== undefined && mine.has(x.lan));
      if (f) out.push([f.address.split('/')[0]!, other.hostname ?? other.name]);
    }
    return out;
  };

  for (const spec of profile.hosts) addNode(spec);

  const handle: SimulationHandle = {
    world,
    get nodes() {
      return [...world.nodes.keys()];
    },
    clock,
    random,
    lookup,
    commandNames(target) {
      const node = world.nodes.get(target.node);
      if (!node) return [];
      const p = procFor(world, target);
      const names = p?.container ? [...p.container.config.image.programs, ...p.container.installed] : [...node.programs];
      return [...new Set(names)].filter((n) => lookup(target, n) !== undefined).sort();
    },
    shell,
    isAlive(target) {
      if (target.container === undefined) return world.nodes.has(target.node);
      const node = world.nodes.get(target.node);
      const c = node ? findContainer(node.daemon.containers, target.container) : undefined;
      return c !== undefined && c.status === 'running';
    },
    whenStopped(target, listener) {
      if (target.container === undefined) return () => {};
      const node = world.nodes.get(target.node);
      const c = node ? findContainer(node.daemon.containers, target.container) : undefined;
      if (!node || !c || c.status !== 'running') {
        listener();
        return () => {};
      }
      const watcher = (stopped: Container) => {
        if (stopped !== c) return;
        node.daemon.stopWatchers.delete(watcher);
        listener();
      };
      node.daemon.stopWatchers.add(watcher);
      return () => node.daemon.stopWatchers.delete(watcher);
    },
    async settle() {
      for (const node of world.nodes.values()) await node.kernel.timers.settle();
    },
    readFile(target, path) {
      const p = procFor(world, target);
      if (!p) return undefined;
      const r = readFile(p, path);
      return r.ok ? r.text : undefined;
    },
    fileKind(target, path) {
      const p = procFor(world, target);
      if (!p) return undefined;
      const r = readFile(p, path);
      if (r.ok) return 'file';
      return r.error === 'EISDIR' ? 'dir' : undefined;
    },
    complete(target, words) {
      const node = world.nodes.get(target.node);
      if (!node || target.container !== undefined) return [];
      if (words[0] === 'docker') return completeDocker(node.daemon, words);
      return [];
    },
    writeFile(target, path, text, append = false) {
      const p = procFor(world, target);
      if (!p) return 'No such file or directory';
      const before = append ? readFile(p, path) : undefined;
      const r = writeFile(p, path, before && before.ok ? before.text + text : text);
      if (r.ok) return undefined;
      return { ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EINVAL: 'Invalid argument', EROFS: 'Read-only file system' }[r.error];
    },
  };
  return handle;
}
