/**
 * docker run and docker create: flag parsing, pulling when the image is missing, creating and
 * starting the container, then detaching (print the id), attaching a nested interactive shell
 * (-it) or running the main process attached to the terminal. Errors follow the CLI: "docker: …"
 * with "See 'docker run --help'." and 125, or 126/127 when the command cannot be executed.
 */
import { parseIp } from '../../kernel/ipv4.ts';
import { findImage, pullImage, createContainer, startContainer, mainExited, type Daemon } from '../../daemon/daemon.ts';
import { mainArgv, type Container, type ContainerConfig, type PortSpec } from '../../daemon/container.ts';
import { parseImageRef, type Image } from '../../daemon/image-catalog.ts';
import { isAbortError } from '../../clock.ts';
import type { Proc } from '../proc.ts';
import { NotATerminalError, type ProgramContext } from '../program.ts';
import type { DockerCall } from './command.ts';
import type { FlagValues } from './flags.ts';
import { isInteractiveShell } from './interactive-shell.ts';
import { parseExpose, parseMacAddress, parsePublish } from './container-options.ts';
import { InvariantError } from '../../../../errors/invariant.ts';

/** The pull progress `docker run` and `docker pull` print. */
export function pullProgress(image: Image): string {
  const ref = `${image.repository}:${image.tag}`;
  return `${image.tag}: Pulling from library/${image.repository}\n${image.layers.map((l) => `${l}: Pull complete \n`).join('')}Digest: ${image.digest}\nStatus: Downloaded newer image for ${ref}\n`;
}

/** Find the image locally or pull it, printing what docker run prints; undefined after an error. */
function ensureImage(d: Daemon, ctx: ProgramContext, ref: string, path: string): Image | undefined {
  const local = findImage(d, ref);
  if (local) return local;
  const { repository, tag } = parseImageRef(ref);
  ctx.io.stderr(`Unable to find image '${repository}:${tag}' locally\n`);
  const pulled = pullImage(d, ref);
  if (!pulled.ok) {
    ctx.io.stderr(`docker: Error response from daemon: ${pulled.error.message.replace(/\.$/, '')}.\nSee '${path} --help'.\n`);
    return undefined;
  }
  ctx.io.stderr(pullProgress(pulled.value.image));
  return pulled.value.image;
}

/** "docker: <msg>." and the help hint, as cli/command/container/run.go reportError does. */
function reportError(ctx: ProgramContext, path: string, message: string, withHelp: boolean): void {
  ctx.io.stderr(`docker: ${message.replace(/\.$/, '')}.${withHelp ? `\nSee '${path} --help'.` : ''}\n`);
}

/** Exit status for a failed start, as runStartContainerErr maps the runtime's message. */
function startErrorStatus(message: string): number {
  if (message.includes('executable file not found') || message.includes('no such file or directory')) return 127;
  if (message.includes('permission denied')) return 126;
  return 125;
}

/** Run the main process attached to this terminal; Ctrl-C is forwarded (sig-proxy). */
async function runAttached(p: Proc, ctx: ProgramContext, c: Container): Promise<number> {
  const d = p.daemon;
  const runtime = d.runtime;
  // A container only gets this far by starting, which needs the runtime.
  if (!runtime) throw new InvariantError('docker run: the daemon has no container runtime');
  const generation = c.generation;
  const argv = mainArgv(c);
  const abort = c.abort ?? new AbortController();
  const onInt = () => abort.abort();
  ctx.signal.addEventListener('abort', onInt, { once: true });
  let code: number;
  try {
    code = await runtime.run(c, argv, {
      stdin: c.config.openStdin ? ctx.io.stdin : '',
      stdout: ctx.io.stdout,
      stderr: ctx.io.stderr,
      signal: abort.signal,
      clock: ctx.clock,
      tty: false,
    });
  } catch (e) {
    // Ctrl-C ends the attached run; anything else is a fault the caller reports.
    if (!isAbortError(e)) throw e;
    code = 130;
  } finally {
    ctx.signal.removeEventListener('abort', onInt);
  }
  if (c.status === 'running' && c.generation === generation) mainExited(d, c, generation, code);
  return c.generation === generation ? c.exitCode : code;
}

/** What the CLI makes of the network options before asking the daemon. */
interface NetworkOptions {
  publish: PortSpec[];
  exposed: string[];
  ip?: number;
  macAddress?: number[];
}

/**
 * -p, --expose, --ip and --mac-address as the CLI checks them (opts.go parse); the complaint if one
 * is malformed.
 */
function networkOptions(f: FlagValues): NetworkOptions | string {
  const publish: PortSpec[] = [];
  const exposed: string[] = [];
  for (const v of f.list('publish')) {
    const specs = parsePublish(v);
    if (typeof specs === 'string') return specs;
    publish.push(...specs);
    for (const s of specs) exposed.push(`${s.containerPort}/${s.proto}`);
  }
  for (const v of f.list('expose')) {
    const ports = parseExpose(v);
    if (typeof ports === 'string') return ports;
    exposed.push(...ports);
  }
  const out: NetworkOptions = { publish, exposed: [...new Set(exposed)] };
  const mac = f.string('mac-address');
  if (mac !== undefined && mac !== '') {
    const parsed = parseMacAddress(mac);
    if (!parsed) return `${mac} is not a valid mac address`;
    out.macAddress = parsed;
  }
  const ipText = f.string('ip');
  // The 20.10 CLI files --ip without --network under the network mode "default", for which it makes
  // no endpoint settings: the daemon never sees the address, valid or not (run-errors #25, #28).
  if (ipText === undefined || (f.string('network') ?? f.string('net')) === undefined) return out;
  const ip = parseIp(ipText);
  if (ip === undefined) return `invalid argument "${ipText}" for "--ip" flag: invalid string being converted to IP address: ${ipText}`;
  return { ...out, ip };
}

/** The values of repeatable flags, left out of the config when none were given. */
function listOption<K extends string>(key: K, values: string[]): Partial<Record<K, string[]>> {
  return values.length > 0 ? ({ [key]: values } as Partial<Record<K, string[]>>) : {};
}

/** The container `docker run`'s flags describe, for `image` with `command` (the operands after it). */
function containerConfig(f: FlagValues, image: Image, imageRef: string, command: readonly string[], net: NetworkOptions): ContainerConfig {
  const entry = f.string('entrypoint');
  const hostname = f.string('hostname');
  const domainname = f.string('domainname');
  const networkMode = f.string('network') ?? f.string('net') ?? 'default';
  return {
    image,
    imageRef,
    entrypoint: entry !== undefined ? (entry === '' ? null : [entry]) : image.entrypoint,
    cmd: command.length > 0 ? [...command] : entry !== undefined ? [] : image.cmd,
    tty: f.bool('tty'),
    openStdin: f.bool('interactive'),
    ...(hostname !== undefined ? { hostname } : {}),
    ...(domainname !== undefined && domainname !== '' ? { domainname } : {}),
    env: [...image.env, ...f.list('env').map((e) => (e.includes('=') ? e : `${e}=`))],
    networkMode,
    ...(net.ip !== undefined ? { ip: net.ip } : {}),
    ...(net.macAddress ? { macAddress: net.macAddress } : {}),
    ...(f.string('ip6') ? { ip6: f.string('ip6') } : {}),
    ...listOption('linkLocalIps', f.list('link-local-ip')),
    ...listOption('dns', f.list('dns')),
    ...listOption('dnsSearch', f.list('dns-search')),
    ...listOption('dnsOptions', [...f.list('dns-option'), ...f.list('dns-opt')]),
    ...listOption('extraHosts', f.list('add-host')),
    ...listOption('exposed', net.exposed),
    publish: networkMode === 'host' ? [] : net.publish,
    publishAll: f.bool('publish-all'),
    autoRemove: f.bool('rm'),
    ...(f.bool('privileged') || f.list('cap-add').some((c) => /^(CAP_)?(NET_ADMIN|ALL)$/i.test(c)) ? { netAdmin: true } : {}),
    ...(f.bool('privileged') ? { privileged: true } : {}),
    ...(f.bool('privileged') || f.list('cap-add').some((c) => /^ALL$/i.test(c)) ? { allCaps: true } : {}),
    aliases: [...f.list('network-alias'), ...f.list('net-alias')],
    ...(f.list('link').length > 0 ? { links: f.list('link') } : {}),
    ...(f.list('label').length > 0 ? { labels: Object.fromEntries(f.list('label').map((l) => (l.includes('=') ? [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] : [l, '']))) } : {}),
  };
}

/** `docker run -it IMAGE sh`: the learner's terminal enters the container's shell until it exits. */
async function shellSession(p: Proc, ctx: ProgramContext, c: Container, shellPath: string): Promise<number> {
  const generation = c.generation;
  let code: number;
  try {
    const ended = await ctx.session.enterShell({ node: ctx.target.node, container: c.id }, shellPath);
    // Ctrl-P Ctrl-Q: the CLI returns quietly with 0 and the container keeps running.
    if (ended === 'detached') return 0;
    code = ended;
  } catch (e) {
    // The session has no terminal to give: run attached instead. Anything else is a fault.
    if (!(e instanceof NotATerminalError)) throw e;
    return runAttached(p, ctx, c);
  }
  if (c.status === 'running' && c.generation === generation) mainExited(p.daemon, c, generation, code);
  return c.generation === generation && c.status === 'exited' ? c.exitCode : code;
}

/** docker run / docker create: `args` are the image and the command line. */
export async function runCommand({ p, ctx, flags: f, args, path, host }: DockerCall, cmd: 'run' | 'create'): Promise<number> {
  const [imageRef, ...command] = args as [string, ...string[]];
  const d = p.daemon;
  const detach = cmd === 'create' || f.bool('detach');
  const terminalWanted = f.bool('tty') && f.bool('interactive') && !detach;
  if (cmd === 'run' && terminalWanted && !ctx.interactive) {
    ctx.io.stderr('the input device is not a TTY\n');
    return 1;
  }
  const net = networkOptions(f);
  if (typeof net === 'string') {
    reportError(ctx, path, net, true);
    return 125;
  }
  if ((f.string('network') ?? f.string('net')) === 'host' && net.publish.length > 0) ctx.io.stderr('WARNING: Published ports are discarded when using host network mode\n');
  const image = ensureImage(d, ctx, imageRef, path);
  if (!image) return 125;
  const created = createContainer(d, containerConfig(f, image, imageRef, command, net), f.string('name'));
  if (!created.ok) {
    reportError(ctx, path, `Error response from daemon: ${created.error.message}`, true);
    return 125;
  }
  const c = created.value;
  // Detached, the CLI prints the id as soon as the container exists, before starting it.
  if (detach) ctx.io.stdout(c.id + '\n');
  if (cmd === 'create') return 0;
  const started = startContainer(d, c, { attached: !detach });
  if (!started.ok) {
    reportError(ctx, path, `Error response from daemon: ${started.error.message}`, false);
    // The CLI's wait ends in "context canceled" when it gives up on the failed start; with --rm it
    // waits for removal instead, which the daemon's auto-remove of the failed container answers first.
    if (!detach && !c.config.autoRemove) ctx.io.stderr('ERRO[0000] error waiting for container: context canceled \n');
    if (c.config.autoRemove) d.containers = d.containers.filter((x) => x !== c);
    return startErrorStatus(started.error.message);
  }
  if (detach) return 0;
  const argv = mainArgv(c);
  if (terminalWanted && isInteractiveShell(host, argv)) return shellSession(p, ctx, c, argv[0] ?? 'sh');
  return runAttached(p, ctx, c);
}
