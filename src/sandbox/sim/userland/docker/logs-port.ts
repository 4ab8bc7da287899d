/** docker logs (the main process's output) and docker port (published ports of a container). */
import { getContainer } from '../../daemon/daemon.ts';
import { linesOf } from '../registry.ts';
import type { DockerCall } from './command.ts';

/** docker logs. */
export async function logsCommand({ p, ctx, flags, args }: DockerCall): Promise<number> {
  const found = getContainer(p.daemon, args[0]!);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${args[0]}\n`);
    return 1;
  }
  let lines = linesOf(found.value.logs);
  const tail = flags.string('tail');
  if (tail !== undefined && tail !== 'all' && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
  if (lines.length > 0) ctx.io.stdout(lines.join('\n') + '\n');
  if (flags.bool('follow') && found.value.status === 'running') {
    // Following would stream until Ctrl-C; the model has nothing more to say until then.
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return 0;
}

/** docker port. */
export async function portCommand({ p, ctx, args }: DockerCall): Promise<number> {
  const found = getContainer(p.daemon, args[0]!);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${args[0]}\n`);
    return 1;
  }
  const c = found.value;
  const want = args[1];
  let bindings = [...c.ports].sort((a, b) => a.containerPort - b.containerPort);
  if (want !== undefined) {
    const [port, proto = 'tcp'] = want.split('/');
    bindings = bindings.filter((b) => String(b.containerPort) === port && b.proto === proto);
    if (bindings.length === 0) {
      ctx.io.stderr(`Error: No public port '${port}/${proto}' published for ${args[0]}\n`);
      return 1;
    }
    ctx.io.stdout(bindings.flatMap((b) => (b.hostIp && b.hostIp !== '0.0.0.0' ? [`${b.hostIp}:${b.hostPort}`] : [`0.0.0.0:${b.hostPort}`, `:::${b.hostPort}`])).join('\n') + '\n');
    return 0;
  }
  // A binding on all addresses has a docker-proxy for IPv4 and one for IPv6.
  const lines = bindings.flatMap((b) =>
    b.hostIp && b.hostIp !== '0.0.0.0'
      ? [`${b.containerPort}/${b.proto} -> ${b.hostIp}:${b.hostPort}`]
      : [`${b.containerPort}/${b.proto} -> 0.0.0.0:${b.hostPort}`, `${b.containerPort}/${b.proto} -> :::${b.hostPort}`],
  );
  if (lines.length > 0) ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}
