/** docker start | stop | restart | kill | rm: container state changes, one line per container done. */
import { getContainer, killContainer, removeContainer, startContainer, stopContainer } from '../../daemon/daemon.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import { parseFlags } from './flags.ts';
import { argCountError, flagError, helpText } from './usage.ts';

type Verb = 'start' | 'stop' | 'restart' | 'kill' | 'rm';

/** docker start/stop/restart/kill/rm. */
export async function lifecycleCommand(p: Proc, ctx: ProgramContext, verb: Verb, args: readonly string[]): Promise<number> {
  const defs = {
    start: [{ name: 'attach', short: 'a', type: 'bool' as const }, { name: 'interactive', short: 'i', type: 'bool' as const }],
    stop: [{ name: 'time', short: 't', type: 'int' as const }],
    restart: [{ name: 'time', short: 't', type: 'int' as const }],
    kill: [{ name: 'signal', short: 's', type: 'string' as const }],
    rm: [{ name: 'force', short: 'f', type: 'bool' as const }, { name: 'volumes', short: 'v', type: 'bool' as const }, { name: 'link', short: 'l', type: 'bool' as const }],
  }[verb];
  const parsed = parseFlags(args, defs);
  if (!parsed.ok) return flagError(ctx, verb, parsed.error);
  if (parsed.help) return helpText(ctx, verb);
  if (parsed.args.length === 0) return argCountError(ctx, verb, 'at least', 1);
  const d = p.daemon;
  const f = parsed.flags;
  let status = 0;
  const failures: string[] = [];
  for (const ref of parsed.args) {
    const found = getContainer(d, ref);
    if (!found.ok) {
      if (verb === 'rm' && f.bool('force')) {
        // Forced removal reports missing containers as it goes and still succeeds.
        ctx.io.stderr(`Error: No such container: ${ref}\n`);
        continue;
      }
      failures.push(verb === 'rm' || verb === 'start' ? `Error: No such container: ${ref}` : `Error response from daemon: No such container: ${ref}`);
      continue;
    }
    const c = found.value;
    switch (verb) {
      case 'start': {
        const r = startContainer(d, c);
        if (!r.ok) {
          failures.push(`Error response from daemon: ${r.error.message}`);
          continue;
        }
        break;
      }
      case 'stop':
      case 'restart': {
        await stopContainer(d, c, ctx.clock, ctx.signal, f.int('time') ?? 10);
        if (verb === 'restart') {
          const r = startContainer(d, c);
          if (!r.ok) {
            failures.push(`Error response from daemon: Cannot restart container ${ref}: ${r.error.message}`);
            continue;
          }
        }
        break;
      }
      case 'kill':
        if (c.status !== 'running') {
          failures.push(`Error response from daemon: Cannot kill container: ${ref}: Container ${c.id} is not running`);
          continue;
        }
        killContainer(d, c);
        break;
      case 'rm': {
        const r = removeContainer(d, c, f.bool('force'));
        if (!r.ok) {
          failures.push(`Error response from daemon: ${r.error.message}`);
          continue;
        }
        break;
      }
    }
    ctx.io.stdout(ref + '\n');
  }
  if (failures.length > 0) {
    ctx.io.stderr(failures.join('\n') + '\n');
    if (verb === 'start') ctx.io.stderr('Error: failed to start containers: ' + parsed.args.filter((a) => failures.some((x) => x.includes(a))).join(', ') + '\n');
    status = 1;
  }
  return status;
}
