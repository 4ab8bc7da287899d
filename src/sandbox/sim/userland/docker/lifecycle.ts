/** docker start | stop | restart | kill | rm: container state changes, one line per container done. */
import { getContainer, killContainer, removeContainer, startContainer, stopContainer } from '../../daemon/daemon.ts';
import type { DockerCall } from './command.ts';

type Verb = 'start' | 'stop' | 'restart' | 'kill' | 'rm';

/** docker start/stop/restart/kill/rm. */
export async function lifecycleCommand({ p, ctx, flags: f, args }: DockerCall, verb: Verb): Promise<number> {
  const d = p.daemon;
  let status = 0;
  const failures: string[] = [];
  for (const ref of args) {
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
    if (verb === 'start') ctx.io.stderr('Error: failed to start containers: ' + args.filter((a) => failures.some((x) => x.includes(a))).join(', ') + '\n');
    status = 1;
  }
  return status;
}
