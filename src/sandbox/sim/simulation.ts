/**
 * A simulation: the machines of one sandbox (kernel + dockerd + userland per node) behind the
 * Simulation contract the shell uses. The default profile is one Debian 12 VM, "node1", on a
 * VirtualBox-style NAT network (eth0 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3) running Docker
 * Engine 20.10 with the course images pulled.
 */
import type { Clock } from './clock.ts';
import { findContainer, type Container } from './daemon/container.ts';
import { startDaemon } from './daemon/daemon.ts';
import { IMAGE_CATALOG } from './daemon/image-catalog.ts';
import { hostEtcHosts } from './daemon/etchosts.ts';
import type { ProcessIO, Runtime } from './daemon/runtime.ts';
import { bootKernel } from './kernel/kernel.ts';
import { addLink, setLinkUp } from './kernel/netns.ts';
import { cryptoRandom, type Random } from './kernel/random.ts';
import { natRouterUplink } from './kernel/uplink.ts';
import { readFile, writeFile } from './userland/filesystem.ts';
import type { Node, World } from './userland/machine.ts';
import { dockerEntrypoint, nginx } from './userland/nginx.ts';
import { procFor, procHostname } from './userland/proc.ts';
import type { ExecTarget, Program, ProgramContext, SessionServices, ShellIdentity, Simulation } from './userland/program.ts';
import { HOST_PROGRAMS, SHELLS, TOOLS } from './userland/programs.ts';
import type { Tool } from './userland/registry.ts';
import { fallbackShell } from './userland/sh.ts';
import { shellIdentity } from './userland/shell-identity.ts';

/** Options of createSimulation. */
export interface SimulationOptions {
  clock: Clock;
  /** Host profile name; unknown names get the default single node. */
  profile?: string;
  /** Randomness for ids and MACs; seed it in tests for stable output. */
  random?: Random;
  /** The shell interpreter for `sh -c …` and scripts on stdin (sim/shell supplies it). */
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
}

const NO_TERMINAL: SessionServices = {
  enterShell: () => Promise.reject(new Error('not a terminal')),
  history: () => [],
  columns: () => 80,
};

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** A host's eth0 MAC: VirtualBox's 08:00:27 OUI with three random bytes. */
function virtualBoxMac(random: Random): number[] {
  const b = random.bytes(3);
  return [0x08, 0x00, 0x27, b[0]!, b[1]!, b[2]!];
}

/** Build and start the simulation. */
export function createSimulation(options: SimulationOptions): SimulationHandle {
  const { clock } = options;
  const random = options.random ?? cryptoRandom();
  const world: World = { nodes: new Map() };

  const installed = (node: Node, c: Container | undefined, name: string): boolean => {
    const base = basename(name);
    if (!c) return node.programs.has(base);
    return c.config.image.programs.includes(base) || c.installed.has(base);
  };

  const shellFor = (target: ExecTarget, path: string): Program => {
    const supplied = options.shellProgram?.(target, path);
    if (supplied) return supplied;
    return fallbackShell(
      (name) => lookup(target, name),
      (name) => shell(target, path).notFound(name),
      (file, text, append) => handle.writeFile(target, file, text, append),
    );
  };

  const toolProgram = (node: Node, tool: Tool): Program => async (ctx) => {
    // Foreground commands let background processes catch up first; background ones just run.
    if (!node.kernel.timers.isBackground(ctx.clock)) await node.kernel.timers.settle();
    const p = procFor(world, ctx.target);
    if (!p) return 137;
    try {
      return await tool(p, ctx);
    } catch (e) {
      // A program must never take the session down; report like a crashed process would.
      ctx.io.stderr(`${ctx.argv[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 139;
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
        env: Object.fromEntries(c.config.env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)])),
        session: NO_TERMINAL,
      };
      const program = lookup(target, argv[0] ?? '');
      if (!program) return 127;
      return program(ctx);
    },
  });

  const addNode = (name: string): Node => {
    const kernel = bootKernel(name, clock, random);
    const eth0 = addLink(kernel.init, { name: 'eth0', kind: 'ether', mac: virtualBoxMac(random), txqlen: 1000, qdisc: 'fq_codel' });
    eth0.altname = 'enp0s3';
    eth0.addrs.push({ addr: 0x0a00020f, len: 24, scope: 'global', dynamic: true });
    setLinkUp(eth0, true);
    Object.assign(eth0.stats, { rxPackets: 1893, rxBytes: 2_105_336, txPackets: 1042, txBytes: 98_213 });
    kernel.init.routes.push({ dst: { addr: 0, len: 0 }, via: 0x0a000202, dev: eth0, proto: 'boot', scope: 'global' });
    const resolv = 'nameserver 10.0.2.3\n';
    const daemon = startDaemon(kernel, clock, resolv, [...IMAGE_CATALOG]);
    daemon.uplink = natRouterUplink(0x0a000202, 0x0a000203);
    const node: Node = {
      name,
      kernel,
      daemon,
      files: new Map([
        ['/etc/resolv.conf', resolv],
        ['/etc/hosts', hostEtcHosts(name)],
      ]),
      programs: new Set(HOST_PROGRAMS),
    };
    daemon.runtime = runtimeFor(name);
    world.nodes.set(name, node);
    return node;
  };

  addNode('node1');

  const handle: SimulationHandle = {
    world,
    get nodes() {
      return [...world.nodes.keys()];
    },
    clock,
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
    async settle() {
      for (const node of world.nodes.values()) await node.kernel.timers.settle();
    },
    readFile(target, path) {
      const p = procFor(world, target);
      if (!p) return undefined;
      const r = readFile(p, path);
      return r.ok ? r.text : undefined;
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
