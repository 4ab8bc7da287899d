/** docker images / image ls and docker pull against the simulated registry. */
import { pullImage } from '../../daemon/daemon.ts';
import { parseImageRef } from '../../daemon/image-catalog.ts';
import { operand, type DockerCall } from './command.ts';
import { printFormatted } from './formatter.ts';
import { humanDuration, humanSize } from './humanize.ts';
import { pullProgress } from './run.ts';
import { tabwrite } from './tabwriter.ts';

/** docker images / docker image ls. */
export async function imagesCommand({ p, ctx, flags, args }: DockerCall): Promise<number> {
  const now = ctx.clock.now();
  let images = [...p.daemon.images].sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
  const want = args[0];
  if (want !== undefined) {
    const { repository, tag } = parseImageRef(want);
    images = images.filter((i) => i.repository === repository && (!want.includes(':') || i.tag === tag));
  }
  const trunc = !flags.bool('no-trunc');
  const id = (x: string) => (trunc ? x.slice(0, 12) : `sha256:${x}`);
  if (flags.bool('quiet')) {
    ctx.io.stdout(images.map((i) => id(i.id) + '\n').join(''));
    return 0;
  }
  const rows = images.map((i) => ({
    Repository: i.repository,
    Tag: i.tag,
    ID: id(i.id),
    Digest: i.digest,
    CreatedSince: `${humanDuration(now - Date.parse(i.created))} ago`,
    CreatedAt: i.created,
    Size: humanSize(i.size),
  }));
  const format = flags.string('format');
  if (format) return printFormatted(ctx, format, rows, { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE' });
  ctx.io.stdout(tabwrite([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], ...rows.map((r) => [r.Repository, r.Tag, r.ID, r.CreatedSince, r.Size])]));
  return 0;
}

/** docker pull. */
export async function pullCommand(call: DockerCall): Promise<number> {
  const { p, ctx } = call;
  const ref = operand(call, 0);
  const { repository, tag } = parseImageRef(ref);
  if (!ref.includes(':')) ctx.io.stdout('Using default tag: latest\n');
  const r = pullImage(p.daemon, ref);
  if (!r.ok) {
    ctx.io.stderr(`Error response from daemon: ${r.error.message}\n`);
    return 1;
  }
  const img = r.value.image;
  if (r.value.fresh) ctx.io.stdout(pullProgress(img));
  else ctx.io.stdout(`${tag}: Pulling from library/${repository}\nDigest: ${img.digest}\nStatus: Image is up to date for ${repository}:${tag}\n`);
  ctx.io.stdout(`docker.io/library/${repository}:${tag}\n`);
  return 0;
}
