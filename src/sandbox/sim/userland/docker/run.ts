/**
 * docker run and docker create: flag parsing, pulling when the image is missing, creating and
 * starting the container, then detaching (print the id), attaching a nested interactive shell
 * (-it) or running the main process attached to the terminal. Errors follow the CLI: "docker: …"
 * with "See 'docker run --help'." and 125, or 126/127 when the command cannot be executed.
 */
import { parseIp } from '../../kernel/ipv4.ts';
import { findImage, pullImage, createContainer, startContainer, mainExited, type Daemon } from '../../daemon/daemon.ts';
import { mainArgv, type Container, type PortSpec } from '../../daemon/container.ts';
import { parseImageRef, type Image } from '../../daemon/image-catalog.ts';
import { isAbortError } from '../../clock.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import type { DockerCall } from './command.ts';
import { isInteractiveShell } from './interactive-shell.ts';

/** Parse one -p value: [ip:][hostPort:]containerPort[/proto]. */
export function parsePublish(value: string): PortSpec | string {
  const [spec, protoRaw] = value.split('/');
  const proto = protoRaw ?? 'tcp';
  if (proto !== 'tcp' && proto !== 'udp') return `Invalid proto: ${proto}`;
  const parts = (spec ?? '').split(':');
  let hostIp = '';
  let hostPort = '';
  let containerPort = '';
  if (parts.length === 1) containerPort = parts[0]!;
  else if (parts.length === 2) [hostPort, containerPort] = parts as [string, string];
  else if (parts.length === 3) [hostIp, hostPort, containerPort] = parts as [string, string, string];
  else return `Invalid port format: ${value}`;
  if (hostIp !== '' && parseIp(hostIp) === undefined) return `Invalid ip address: ${hostIp}`;
  if (!/^\d+$/.test(containerPort) || Number(containerPort) < 1 || Number(containerPort) > 65535) return `Invalid containerPort: ${containerPort}`;
  if (hostPort !== '' && (!/^\d+$/.test(hostPort) || Number(hostPort) > 65535)) return `Invalid hostPort: ${hostPort}`;
  return { hostIp, hostPort: hostPort === '' ? 0 : Number(hostPort), containerPort: Number(containerPort), proto };
}

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
  const generation = c.generation;
  const argv = mainArgv(c);
  const abort = c.abort ?? new AbortController();
  const onInt = () => abort.abort();
  ctx.signal.addEventListener('abort', onInt, { once: true });
  let code: number;
  try {
    code = await d.runtime!.run(c, argv, {
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

/** docker run / docker create: `args` are the image and the command line. */
export async function runCommand({ p, ctx, flags: f, args, path, host }: DockerCall, cmd: 'run' | 'create'): Promise<number> {
  const [imageRef, ...command] = args as [string, ...string[]];
  const d = p.daemon;
  const tty = f.bool('tty');
  const interactive = f.bool('interactive');
  const detach = cmd === 'create' || f.bool('detach');
  if (cmd === 'run' && tty && interactive && !detach && !ctx.interactive) {
    ctx.io.stderr('the input device is not a TTY\n');
    return 1;
  }
  const publish: PortSpec[] = [];
  for (const v of f.list('publish')) {
    const spec = parsePublish(v);
    if (typeof spec === 'string') {
      reportError(ctx, path, spec, true);
      return 125;
    }
    publish.push(spec);
  }
  let ip: number | undefined;
  const ipText = f.string('ip');
  if (ipText !== undefined) {
    ip = parseIp(ipText);
    if (ip === undefined) {
      reportError(ctx, path, `invalid argument "${ipText}" for "--ip" flag: invalid string being converted to IP address: ${ipText}`, true);
      return 125;
    }
  }
  const networkMode = f.string('network') ?? f.string('net') ?? 'default';
  if (networkMode === 'host' && publish.length > 0) ctx.io.stderr('WARNING: Published ports are discarded when using host network mode\n');
  const image = ensureImage(d, ctx, imageRef, path);
  if (!image) return 125;
  const entry = f.string('entrypoint');
  const env = [...image.env, ...f.list('env').map((e) => (e.includes('=') ? e : `${e}=`))];
  const hostname = f.string('hostname');
  const created = createContainer(
    d,
    {
      image,
      imageRef,
      entrypoint: entry !== undefined ? (entry === '' ? null : [entry]) : image.entrypoint,
      cmd: command.length > 0 ? command : entry !== undefined ? [] : image.cmd,
      tty,
      openStdin: interactive,
      ...(hostname !== undefined ? { hostname } : {}),
      env,
      networkMode,
      ...(ip !== undefined ? { ip } : {}),
      publish: networkMode === 'host' ? [] : publish,
      publishAll: f.bool('publish-all'),
      autoRemove: f.bool('rm'),
      ...(f.bool('privileged') || f.list('cap-add').some((c) => /^(CAP_)?(NET_ADMIN|ALL)$/i.test(c)) ? { netAdmin: true } : {}),
      aliases: [...f.list('network-alias'), ...f.list('net-alias')],
      ...(f.list('link').length > 0 ? { links: f.list('link') } : {}),
    },
    f.string('name'),
  );
  if (!created.ok) {
    reportError(ctx, path, `Error response from daemon: ${created.error.message}`, true);
    return 125;
  }
  const c = created.value;
  if (cmd === 'create') {
    ctx.io.stdout(c.id + '\n');
    return 0;
  }
  const argv = mainArgv(c);
  const shellSession = tty && interactive && !detach && isInteractiveShell(host, argv);
  const attachedRun = !detach;
  // Detached, the CLI prints the id as soon as the container exists, before starting it.
  if (detach) ctx.io.stdout(c.id + '\n');
  const started = startContainer(d, c, { attached: attachedRun });
  if (!started.ok) {
    const msg = `Error response from daemon: ${started.error.message}`;
    reportError(ctx, path, msg, false);
    if (attachedRun) ctx.io.stderr('ERRO[0000] error waiting for container: context canceled \n');
    if (c.config.autoRemove) d.containers = d.containers.filter((x) => x !== c);
    return startErrorStatus(started.error.message);
  }
  if (detach) return 0;
  if (shellSession) {
    const generation = c.generation;
    let code: number;
    try {
      const ended = await ctx.session.enterShell({ node: ctx.target.node, container: c.id }, argv[0] ?? 'sh');
      // Ctrl-P Ctrl-Q: the CLI returns quietly with 0 and the container keeps running.
      if (ended === 'detached') return 0;
      code = ended;
    } catch {
      code = await runAttached(p, ctx, c);
      return code;
    }
    if (c.status === 'running' && c.generation === generation) mainExited(d, c, generation, code);
    return c.generation === generation && c.status === 'exited' ? c.exitCode : code;
  }
  return runAttached(p, ctx, c);
}
