/** docker container prune (cli/command/container/prune.go): the question, the ids removed, the space. */
import { pruneContainers } from '../../daemon/prune.ts';
import type { DockerCall } from './command.ts';
import { humanSize } from './humanize.ts';
import { confirm } from './prompt.ts';

/** docker container prune [-f]. */
export async function containerPrune({ p, ctx, flags }: DockerCall): Promise<number> {
  // The 20.10 CLI reports the space even when the answer was no (then nothing was removed).
  const confirmed = flags.bool('force') || confirm(ctx, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?');
  const { deleted, reclaimed } = confirmed ? pruneContainers(p.daemon) : { deleted: [], reclaimed: 0 };
  if (deleted.length > 0) ctx.io.stdout(`Deleted Containers:\n${deleted.join('\n')}\n\n`);
  ctx.io.stdout(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
}
