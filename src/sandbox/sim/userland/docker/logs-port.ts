/** docker logs (the main process's output) and docker port (published ports of a container). */
import { getContainer } from '../../daemon/daemon.ts';
import { linesOf } from '../registry.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import { parseFlags } from './flags.ts';
import { argCountError, flagError, helpText } from './usage.ts';

/** docker logs. */
export async function logsCommand(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, [
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'tail', short: 'n', type: 'string' },
    { name: 'timestamps', short: 't', type: 'bool' },
  ]);
  if (!parsed.ok) return flagError(ctx, 'logs', parsed.error);
  if (parsed.help) return helpText(ctx, 'logs');
  if (parsed.args.length !== 1) return argCountError(ctx, 'logs', 'exactly', 1);
  const found = getContainer(p.daemon, parsed.args[0]!);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${parsed.args[0]}\n`);
    return 1;
  }
  let lines = linesOf(found.value.logs);
  const tail = parsed.flags.string('tail');
  if (tail !== undefined && tail !== 'all' && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
  if (lines.length > 0) ctx.io.stdout(lines.join('\n') + '\n');
  if (parsed.flags.bool('follow') && found.value.status === 'running') {
    // Following would stream until Ctrl-C; the model has nothing more to say until then.
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return 0;
}

/** docker port. */
export async function portCommand(p: Proc, ctx: ProgramContext, args: readonly string[]): Promise<number> {
  const parsed = parseFlags(args, []);
  if (!parsed.ok) return flagError(ctx, 'port', parsed.error);
  if (parsed.help) return helpText(ctx, 'port');
  if (parsed.args.length < 1 || parsed.args.length > 2) return argCountError(ctx, 'port', 'at least', 1);
  const found = getContainer(p.daemon, parsed.args[0]!);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${parsed.args[0]}\n`);
    return 1;
  }
  const c = found.value;
  const want = parsed.args[1];
  let bindings = [...c.ports].sort((a, b) => a.containerPort - b.containerPort);
  if (want !== undefined) {
    const [port, proto = 'tcp'] = want.split('/');
    bindings = bindings.filter((b) => String(b.containerPort) === port && b.proto === proto);
    if (bindings.length === 0) {
      ctx.io.stderr(`Error: No public port '${port}/${proto}' published for ${parsed.args[0]}\n`);
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
