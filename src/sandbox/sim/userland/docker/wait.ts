/** docker wait: block until each container stops, then print its exit code (cli/command/container/wait.go). */
import { getContainer } from '../../daemon/daemon.ts';
import { waitNotRunning } from '../../daemon/wait.ts';
import type { DockerCall } from './command.ts';

/** docker wait CONTAINER...: one code per line as each one stops; the errors together at the end. */
export async function waitCommand({ p, ctx, args }: DockerCall): Promise<number> {
  const errors: string[] = [];
  for (const ref of args) {
    const found = getContainer(p.daemon, ref);
    if (!found.ok) {
      errors.push(`Error response from daemon: ${found.error.message}`);
      continue;
    }
    const code = await waitNotRunning(p.daemon, found.value, ctx.clock, ctx.signal);
    // Ctrl-C: the CLI dies with the signal, printing nothing more.
    if (code === undefined) return 130;
    ctx.io.stdout(`${code}\n`);
  }
  if (errors.length === 0) return 0;
  ctx.io.stderr(errors.join('\n') + '\n');
  return 1;
}
