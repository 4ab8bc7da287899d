/** docker start | stop | restart | kill | rm | pause | unpause: container state changes, one line per container done. */
import type { Container } from '../../daemon/container.ts';
import { getContainer, killContainer, removeContainer, renameContainer, startContainer, stopContainer } from '../../daemon/daemon.ts';
import type { Result } from '../../daemon/errdefs.ts';
import { pauseContainer, unpauseContainer } from '../../daemon/pause.ts';
import type { DockerCall } from './command.ts';

export type Verb = 'start' | 'stop' | 'restart' | 'kill' | 'rm' | 'pause' | 'unpause';

/** The CLI's line for a daemon refusal, or undefined when done. */
function refusal(r: Result<void>): string | undefined {
  return r.ok ? undefined : `Error response from daemon: ${r.error.message}`;
}

/** One verb on one container: the line the CLI prints for a failure, or undefined when done. */
type Action = (call: DockerCall, c: Container, ref: string) => Promise<string | undefined>;

const ACTIONS: Record<Verb, Action> = {
  async start({ p }, c) {
    return refusal(startContainer(p.daemon, c));
  },
  async stop({ p, ctx, flags }, c) {
    await stopContainer(p.daemon, c, ctx.clock, ctx.signal, flags.int('time') ?? 10);
    return undefined;
  },
  async restart(call, c, ref) {
    await ACTIONS.stop(call, c, ref);
    const r = startContainer(call.p.daemon, c);
    return r.ok ? undefined : `Error response from daemon: Cannot restart container ${ref}: ${r.error.message}`;
  },
  async kill({ p }, c, ref) {
    if (c.status !== 'running') return `Error response from daemon: Cannot kill container: ${ref}: Container ${c.id} is not running`;
    killContainer(p.daemon, c);
    return undefined;
  },
  async rm({ p, flags }, c) {
    return refusal(removeContainer(p.daemon, c, flags.bool('force')));
  },
  async pause(_call, c) {
    return refusal(pauseContainer(c));
  },
  async unpause(_call, c) {
    return refusal(unpauseContainer(c));
  },
};

/** docker start/stop/restart/kill/rm/pause/unpause. */
export async function lifecycleCommand(call: DockerCall, verb: Verb): Promise<number> {
  const { p, ctx, flags, args } = call;
  const failures: string[] = [];
  for (const ref of args) {
    const found = getContainer(p.daemon, ref);
    if (!found.ok) {
      if (verb === 'rm' && flags.bool('force')) {
        // Forced removal reports missing containers as it goes and still succeeds.
        ctx.io.stderr(`Error: No such container: ${ref}\n`);
        continue;
      }
      failures.push(verb === 'rm' || verb === 'start' ? `Error: No such container: ${ref}` : `Error response from daemon: No such container: ${ref}`);
      continue;
    }
    const failure = await ACTIONS[verb](call, found.value, ref);
    if (failure === undefined) ctx.io.stdout(ref + '\n');
    else failures.push(failure);
  }
  if (failures.length === 0) return 0;
  ctx.io.stderr(failures.join('\n') + '\n');
  if (verb === 'start') ctx.io.stderr('Error: failed to start containers: ' + args.filter((a) => failures.some((x) => x.includes(a))).join(', ') + '\n');
  return 1;
}

/** docker rename CONTAINER NEW_NAME: the daemon's refusal, then the CLI's own line. */
export async function renameCommand({ p, ctx, args }: DockerCall): Promise<number> {
  const [ref, newName] = args as [string, string];
  const found = getContainer(p.daemon, ref);
  const r = found.ok ? renameContainer(p.daemon, found.value, newName) : found;
  if (r.ok) return 0;
  ctx.io.stderr(`Error response from daemon: ${r.error.message}\nError: failed to rename container named ${ref}\n`);
  return 1;
}
