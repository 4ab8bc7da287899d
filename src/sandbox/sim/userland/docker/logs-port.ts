/** docker logs (the main process's output) and docker port (published ports of a container). */
import type { PortBinding } from '../../daemon/container.ts';
import { watchLog, type LogStream } from '../../daemon/container-log.ts';
import { getContainer } from '../../daemon/daemon.ts';
import { waitNotRunning } from '../../daemon/wait.ts';
import { operand, type DockerCall } from './command.ts';
import { rfc3339Nano } from './humanize.ts';

/** docker logs: each line back on the stream it was written to (the CLI's stdcopy demultiplexing). */
export async function logsCommand(call: DockerCall): Promise<number> {
  const { p, ctx, flags } = call;
  const ref = operand(call, 0);
  const found = getContainer(p.daemon, ref);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${ref}\n`);
    return 1;
  }
  const c = found.value;
  let lines = c.logs.lines;
  const tail = flags.string('tail');
  if (tail !== undefined && tail !== 'all' && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
  // The log keeps no time per line: a container's output is stamped with its start, when it came.
  const stamp = (text: string): string => (flags.bool('timestamps') ? `${rfc3339Nano(c.startedAt ?? c.created, text.length - 1)} ${text}` : text);
  const write = (stream: LogStream, text: string): void => (stream === 'stdout' ? ctx.io.stdout(text) : ctx.io.stderr(text));
  for (const line of lines) write(line.stream, stamp(line.text));
  if (flags.bool('follow') && c.status === 'running') {
    // Following streams what the main process writes until Ctrl-C or until the container stops.
    const unwatch = watchLog(c.logs, (stream, text) => write(stream, text));
    try {
      // Time runs while following (daemon/wait.ts), so a container that ends by itself ends it.
      await waitNotRunning(p.daemon, c, ctx.clock, ctx.signal);
    } finally {
      unwatch();
    }
  }
  return 0;
}

/** docker port. */
export async function portCommand(call: DockerCall): Promise<number> {
  const { p, ctx, args } = call;
  const found = getContainer(p.daemon, operand(call, 0));
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${args[0]}\n`);
    return 1;
  }
  const c = found.value;
  const want = args[1];
  if (want !== undefined) {
    const [port = '', proto = 'tcp'] = want.split('/');
    // nat.NewPort parses the number first (strconv.ParseUint's message, unwrapped).
    if (!/^\d+$/.test(port)) {
      ctx.io.stderr(`strconv.ParseUint: parsing ${JSON.stringify(port)}: invalid syntax\n`);
      return 1;
    }
    const addrs = c.ports.filter((b) => String(b.containerPort) === port && b.proto === proto).map(frontend);
    if (addrs.length === 0) {
      ctx.io.stderr(`Error: No public port '${port}/${proto}' published for ${args[0]}\n`);
      return 1;
    }
    ctx.io.stdout(addrs.join('\n') + '\n');
    return 0;
  }
  // NetworkSettings.Ports by port key ("443/tcp" before "80/tcp"), each with its bindings in the daemon's order.
  const keys = [...new Set(c.ports.map((b) => `${b.containerPort}/${b.proto}`))].sort();
  const lines = keys.flatMap((key) => c.ports.filter((b) => `${b.containerPort}/${b.proto}` === key).map((b) => `${key} -> ${frontend(b)}`));
  if (lines.length > 0) ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** The host address of one binding, as the CLI joins HostIp and HostPort (`0.0.0.0:8080`, `:::8080`). */
function frontend(b: PortBinding): string {
  return `${b.hostIp}:${b.hostPort}`;
}
